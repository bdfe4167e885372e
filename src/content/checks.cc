#include "content/checks.h"

namespace procura {
namespace {

void ScanImages(std::string_view body, std::vector<ContentFinding>& out) {
  for (size_t at = body.find("![]("); at != std::string_view::npos;
       at = body.find("![](", at + 4)) {
    const size_t end = body.find(')', at);
    out.push_back(
        {"body", N_("an image without alt text"),
         std::string(body.substr(
             at, std::min<size_t>(end == std::string_view::npos ? 40 : end - at + 1, 60)))});
  }
}

}  // namespace

std::vector<ContentFinding> CheckContent(std::string_view body) {
  std::vector<ContentFinding> out;
  ScanImages(body, out);
  return out;
}

MessageArgs FindingArgs(const ContentFinding& f) {
  const char* label = f.field == "title"     ? N_("Title")
                      : f.field == "caption" ? N_("Caption")
                                             : N_("Text");
  return {{"field_label", label}, {"problem_label", f.problem}, {"found", f.masked}};
}

Status FindingsStatus(const std::vector<ContentFinding>& findings) {
  if (findings.size() == 1)
    return Status::Invalid(kFindingMsgid, FindingArgs(findings.front()));
  MessageArgs args = FindingArgs(findings.front());
  args.emplace_back("more", std::to_string(findings.size() - 1));
  return Status::Invalid(N_("{field_label} contains {problem_label} ({found}), and there are "
                            "{more} more findings. Remove them before publishing."),
                         args);
}

}  // namespace procura
