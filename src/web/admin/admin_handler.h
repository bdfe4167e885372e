// Internal to the admin module: the names every AdminSite handler file
// uses, declared once here rather than at the top of each file.
#pragma once

#include <map>
#include <string>

#include "core/labels.h"
#include "web/admin/admin_site.h"

namespace procura::web {

using http::Request;
using http::Response;
using http::RouteParams;
using kainjow::mustache::data;

// Every party branch as {id, name, selected} for a <select>.
TemplateData BranchOptions(Storage& storage, std::optional<std::int64_t> selected);

// User id → login name, for showing who wrote or saved what.
std::map<std::int64_t, std::string> UserNames(Storage& storage);

// Where staff pages load `file` (the item's own name or one of its sizes):
// /media/<file>, or /admin/media-file/<file> while the item is private.
inline constexpr std::string_view kStaffMediaPrefix = "/admin/media-file/";
std::string StaffMediaUrl(const MediaRecord& m, std::string_view file);

// Table rows for articles (title, column, state in words, writer, dates,
// when a scheduled one appears, why a returned one came back). `translate`
// turns a msgid into the reader's language.
data ArticleRows(const std::vector<ArticleRecord>& list, const SiteSnapshot& snap,
                 const std::map<std::int64_t, std::string>& users,
                 const std::vector<ColumnRecord>& columns,
                 const std::function<std::string(std::string_view)>& translate);

}  // namespace procura::web
