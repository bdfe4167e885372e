// Labels for stored codes (see labels.h).
#include "core/labels.h"

#include <utility>

#include "core/status.h"

namespace procura {

namespace {

using Pair = std::pair<std::string_view, const char*>;

template <std::size_t N>
std::string_view Lookup(const Pair (&table)[N], std::string_view code) {
  for (const auto& [k, v] : table)
    if (k == code) return v;
  return code;
}

}  // namespace

std::string_view ArticleStatusLabel(std::string_view status) {
  static const Pair kTable[] = {{"draft", N_("Draft")},         {"submitted", N_("Submitted")},
                                {"scheduled", N_("Scheduled")}, {"published", N_("Published")},
                                {"withdrawn", N_("Withdrawn")}};
  return Lookup(kTable, status);
}

std::string_view ClassStatusLabel(std::string_view status) {
  static const Pair kTable[] = {{"planned", N_("Planned")},         {"enrolling", N_("Enrolling")},
                                {"in-progress", N_("In progress")}, {"completed", N_("Completed")},
                                {"archived", N_("Archived")}};
  return Lookup(kTable, status);
}

std::string_view SessionTypeLabel(std::string_view type) {
  static const Pair kTable[] = {{"lecture", N_("Lecture")},
                                {"exchange", N_("Experience exchange")},
                                {"discussion", N_("Discussion")},
                                {"exam", N_("Exam")},
                                {"other", N_("Other")}};
  return Lookup(kTable, type);
}

std::string_view MemberStatusLabel(std::string_view status) {
  static const Pair kTable[] = {{"full", N_("Full member")},
                                {"probationary", N_("Probationary member")},
                                {"transferred-out", N_("Transferred out")}};
  return Lookup(kTable, status);
}

std::string_view GenderLabel(std::string_view gender) {
  static const Pair kTable[] = {{"male", N_("Male")}, {"female", N_("Female")}};
  return Lookup(kTable, gender);
}

std::string_view MarkLabel(std::string_view mark) {
  static const Pair kTable[] = {{"present", N_("Present")},
                                {"late", N_("Late")},
                                {"excused", N_("Excused leave")},
                                {"absent", N_("Absent")},
                                {"", N_("Not marked")}};
  return Lookup(kTable, mark);
}

std::string_view DuesCategoryLabel(std::string_view category) {
  static const Pair kTable[] = {{"in-service", N_("In service")},
                                {"retired", N_("Retired")},
                                {"fixed", N_("Fixed amount")}};
  return Lookup(kTable, category);
}

std::string_view CheckinMethodLabel(std::string_view method) {
  static const Pair kTable[] = {{"qr", N_("QR code")}, {"manual", N_("By hand")}, {"", ""}};
  return Lookup(kTable, method);
}

std::string_view RoleLabel(std::string_view role) {
  static const Pair kTable[] = {{"admin", N_("Administrator")},
                                {"editor", N_("Editor")},
                                {"reviewer", N_("Reviewer")},
                                {"records-officer", N_("Records officer")},
                                {"branch-secretary", N_("Branch secretary")},
                                {"member", N_("Party member")}};
  return Lookup(kTable, role);
}

std::string_view PostLabel(std::string_view post) {
  static const Pair kTable[] = {{"secretary", N_("Secretary")},
                                {"deputy-secretary", N_("Deputy secretary")},
                                {"organization-member", N_("Organization committee member")},
                                {"publicity-member", N_("Propaganda committee member")},
                                // the name builds before migration 52 gave it (old audit rows)
                                {"propaganda-member", N_("Propaganda committee member")},
                                {"discipline-member", N_("Discipline inspection committee member")},
                                {"member", N_("Member")}};
  return Lookup(kTable, post);
}

std::string_view CategoryLabel(std::string_view category) {
  static const Pair kTable[] = {{"leader", N_("Secretary / committee")}, {"member", N_("Member")}};
  return Lookup(kTable, category);
}

std::string_view LanguageLabel(std::string_view lang) {
  return lang.starts_with("en") ? N_("English") : N_("Chinese");
}

std::string_view SecondLanguageLabel(std::string_view site_lang) {
  return LanguageLabel(site_lang.starts_with("en") ? "zh-CN" : "en");
}

}  // namespace procura
