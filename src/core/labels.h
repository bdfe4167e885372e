// The words a person sees for stored codes: an article's state, a class's
// stage, a member's status, an attendance mark, a role. Each returns an
// English msgid (marked N_) for the catalogs; the caller translates it.
// An unknown code comes back as itself.
#pragma once

#include <string_view>

namespace procura {

std::string_view ArticleStatusLabel(std::string_view status);
// What an audited article action means ("article.return" → "Returned to
// the writer"), for an article's history; defined beside the audit log's
// labels (audit_labels.h), which it is a part of.
std::string_view ArticleEventLabel(std::string_view action);
std::string_view ClassStatusLabel(std::string_view status);
std::string_view SessionTypeLabel(std::string_view type);
std::string_view MemberStatusLabel(std::string_view status);
std::string_view GenderLabel(std::string_view gender);
std::string_view MarkLabel(std::string_view mark);  // "" → "Not marked"
std::string_view CheckinMethodLabel(std::string_view method);
std::string_view RoleLabel(std::string_view role);
std::string_view CategoryLabel(std::string_view category);  // training-hours category
std::string_view PostLabel(std::string_view post);  // a member's post in the branch
std::string_view DuesCategoryLabel(std::string_view category);  // "in-service", "retired", "fixed"
// "English" for a tag starting "en", else "Chinese" (the two site languages).
std::string_view LanguageLabel(std::string_view lang);
// The site's other language: "English" for a Chinese site, else "Chinese".
std::string_view SecondLanguageLabel(std::string_view site_lang);

}  // namespace procura
