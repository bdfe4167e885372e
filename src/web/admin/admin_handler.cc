// The admin module's shared helpers (admin_handler.h): user names, an
// image's thumbnail and staff URL, and the article rows of the newsroom's
// lists and dashboard.
#include <cstdlib>

#include "content/markdown.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

std::map<std::int64_t, std::string> UserNames(Storage& storage) {
  std::map<std::int64_t, std::string> names;
  if (auto users = storage.users().ListUsers(); users.ok())
    for (const auto& u : *users) names[u.id] = u.name;
  return names;
}

std::string StaffMediaUrl(const MediaRecord& m, std::string_view file) {
  return std::string(m.is_private ? kStaffMediaPrefix : "/media/") + std::string(file);
}

data ArticleRows(const std::vector<ArticleRecord>& list, const SiteSnapshot& snap,
                 const std::map<std::int64_t, std::string>& users,
                 const std::vector<ColumnRecord>& columns,
                 const std::function<std::string(std::string_view)>& translate) {
  data rows{data::type::list};
  for (const auto& a : list) {
    data r;
    r.set("id", std::to_string(a.id));
    r.set("title", a.title);
    r.set("lang", a.lang);
    // Articles not in the site's primary language are marked ("英文").
    if (a.lang != snap.site().lang)
      r.set("lang_name", translate(LanguageLabel(a.lang)));
    r.set("status", translate(ArticleStatusLabel(a.status)));
    if (a.pending_revision) r.set("pending", TemplateTrue());
    if (a.pinned_at && a.status == kStatusPublished) r.set("pinned", TemplateTrue());
    for (const auto& c : columns)
      if (c.id == a.column_id) r.set("column", c.name);
    if (a.created_by) {
      auto u = users.find(*a.created_by);
      if (u != users.end()) r.set("creator", u->second);
    }
    r.set("updated", FormatDate(a.updated_at, snap.site().utc_offset_minutes));
    if (a.published_at)
      r.set("published", FormatDate(*a.published_at, snap.site().utc_offset_minutes));
    if (a.scheduled_at)
      r.set("scheduled_at", FormatLocalTime(*a.scheduled_at, snap.site().utc_offset_minutes));
    if (a.status == kStatusDraft && !a.status_reason.empty())
      r.set("returned", translate(a.status_reason));
    rows.push_back(r);
  }
  return rows;
}

}  // namespace procura::web
