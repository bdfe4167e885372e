// Pre-publication accessibility check: approval is refused while an image
// in the body has no alt text (WCAG 1.1.1). Shown to editors as they
// write. Personal numbers, case privacy and the word lists are the safety
// checks' (safety/case_privacy.h), which cover every public field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura {

struct ContentFinding {
  std::string field;    // "body"
  std::string problem;  // "an image without alt text"
  std::string masked;   // the Markdown found, e.g. "![](/media/a.jpg)"
};

// Every finding in an article's Markdown body; empty when it may go public.
std::vector<ContentFinding> CheckContent(std::string_view body);

// One finding for a person: kFindingMsgid with FindingArgs (a field label
// and a problem that are msgids, and the masked match).
inline constexpr const char* kFindingMsgid =
    N_("{field_label} contains {problem_label} ({found}). Remove it before publishing.");
MessageArgs FindingArgs(const ContentFinding& f);
// The findings as one refusal (the first, and how many more).
Status FindingsStatus(const std::vector<ContentFinding>& findings);

}  // namespace procura
