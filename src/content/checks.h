// Pre-publication content checks. A government site fails inspection for
// leaked personal data, so approval is refused while an article's text
// holds what looks like a resident ID number (checksum-validated), a
// mainland mobile number, or a bank-card number (Luhn-validated); images
// in the body need alt text. Findings are shown to editors as they write.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura {

struct ContentFinding {
  std::string field;    // "title", "body", "caption"
  std::string problem;  // "a resident ID number", ...
  std::string masked;   // the match with its middle hidden, e.g. "110***********123X"
};

// Every finding in the given texts; empty when the article may go public.
std::vector<ContentFinding> CheckContent(std::string_view title, std::string_view body,
                                         std::string_view caption);

// One finding for a person: kFindingMsgid with FindingArgs (a field label
// and a problem that are msgids, and the masked match).
inline constexpr const char* kFindingMsgid =
    N_("{field_label} contains {problem_label} ({found}). Remove it before publishing.");
MessageArgs FindingArgs(const ContentFinding& f);
// The findings as one refusal (the first, and how many more).
Status FindingsStatus(const std::vector<ContentFinding>& findings);

}  // namespace procura
