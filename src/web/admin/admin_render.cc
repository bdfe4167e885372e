// AdminSite rendering helpers: the admin layout, message pages, redirects.
#include "render/page_language.h"
#include "web/admin/admin_handler.h"

namespace procura::web {

namespace {

// The confirmation shown for each ?done= code; unknown codes show nothing.
const char* DoneNotice(std::string_view done) {
  static const std::pair<std::string_view, const char*> kNotices[] = {
      {"saved", N_("Saved.")},       {"added", N_("Added.")},
      {"deleted", N_("Deleted.")},   {"uploaded", N_("Uploaded.")},
      {"enrolled", N_("Enrolled.")}, {"marked", N_("Attendance recorded.")},
      {"done", N_("Done.")},         {"dissolved", N_("The branch was dissolved.")},
      {"restored", N_("The branch stands again.")},
      {"reported", N_("Sent. The records officer will confirm it or tell you what is missing.")},
      {"withdrawn", N_("Withdrawn.")},
      {"photo-removed", N_("The photo was removed.")},
      {"photo-lead", N_("The photo now leads: the news report opens with it.")},
      {"confirmed", N_("Confirmed: its hours now count.")},
      {"returned", N_("Returned to the member with your reason.")},
      {"calendar-stopped", N_("The calendar address was stopped: calendars subscribed to it no longer update.")}};
  for (const auto& [code, msgid] : kNotices)
    if (code == done) return msgid;
  return nullptr;
}

// The menu entry that holds `path`: the longest link that is `path` or a
// folder of it ("/admin/training/hours" over "/admin/training"); the
// dashboard only on its own page. "" when none does. The names are the
// layout's nav_* flags.
std::string_view MenuEntryOf(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kEntries[] = {
      {"/admin/articles/new", "nav_new"},  {"/admin/articles/", "nav_articles"},
      {"/admin/media", "nav_media"},       {"/admin/messages", "nav_messages"},
      {"/admin/mailbox", "nav_messages"},  {"/admin/columns", "nav_columns"},
      {"/admin/users", "nav_users"},       {"/admin/settings", "nav_settings"},
      {"/admin/word-lists", "nav_words"},  {"/admin/inspection", "nav_inspection"},
      {"/admin/publishing", "nav_publishing"},
      {"/admin/statistics", "nav_stats"},  {"/admin/org", "nav_org"},
      {"/admin/training/hours", "nav_hours"}, {"/admin/training", "nav_training"},
      {"/admin/training/outside", "nav_org"},  // a course on a member's archive
      {"/admin/branch-life/mine", "nav_my_life"}, {"/admin/branch-life", "nav_life"},
      {"/admin/dues/mine", "nav_my_dues"}, {"/admin/dues", "nav_dues"},
      {"/admin/audit", "nav_audit"},
      {"/admin/account", "nav_account"}};
  if (path == "/admin/" || path == "/admin") return "nav_dashboard";
  std::string_view best, entry;
  for (const auto& [link, name] : kEntries) {
    const bool holds = path.starts_with(link) &&
                       (path.size() == link.size() || link.ends_with('/') || path[link.size()] == '/');
    if (holds && link.size() > best.size()) best = link, entry = name;
  }
  return entry;
}

}  // namespace

i18n::Lang AdminSite::LangOf(const AdminContext& ctx) const {
  if (ctx.session)
    if (auto chosen = i18n::Parse(ctx.who().lang)) return *chosen;
  return PrimaryLang(d_.content.Snapshot()->site());
}

std::string AdminSite::T(const AdminContext& ctx, std::string_view msgid) const {
  return d_.catalogs ? d_.catalogs->Tr(LangOf(ctx), msgid) : std::string(msgid);
}

std::string AdminSite::Tf(const AdminContext& ctx, std::string_view msgid,
                          const MessageArgs& args) const {
  return d_.catalogs ? d_.catalogs->TrMessage(LangOf(ctx), msgid, args)
                     : FillPlaceholders(std::string(msgid), args);
}

std::string AdminKit::MonthName(const AdminContext& ctx, int month) const {
  return Tf(ctx, N_("Month {n}"), {{"n", std::to_string(month)}});
}

std::string AdminSite::TfN(const AdminContext& ctx, std::string_view singular,
                           std::string_view plural, long n, const MessageArgs& args) const {
  return d_.catalogs ? d_.catalogs->TrNMessage(LangOf(ctx), singular, plural, n, args)
                     : i18n::FillPlural(singular, plural, n, args);
}

Response AdminSite::Page(const AdminContext& ctx, const std::string& tmpl, TemplateData body,
                         const std::string& title_msgid, int status) {
  data layout;
  auto snap = d_.content.Snapshot();
  const i18n::Lang lang = LangOf(ctx);
  // Titles are English msgids; those in the catalogs are translated.
  const std::string title = T(ctx, title_msgid);
  layout.set("site_name", snap->site().name);
  layout.set("lang", std::string(i18n::Tag(lang)));
  layout.set("page_title", title + " - " + T(ctx, "Newsroom") + " - " + snap->site().name);
  layout.set("title", title);
  // The projector page fills the screen: no header, the code and the count.
  layout.set("body_class", tmpl == "admin_projector" || tmpl == "admin_life_projector" ? "admin projector-mode" : "admin");
  if (const char* notice = DoneNotice(ctx.done)) layout.set("done_notice", T(ctx, notice));
  layout.set("css_url", d_.assets.Url("css/site.css"));
  layout.set("admin_css_url", d_.assets.Url("css/admin.css"));
  layout.set("admin_js_url", d_.assets.Url("js/admin.js"));
  if (ctx.session) {
    const auth::Principal& who = ctx.who();
    data user;
    user.set("name", who.name);
    user.set("csrf", ctx.session->csrf_token);
    if (auth::Can(who, auth::Action::kUseAdmin)) user.set("can_articles", TemplateTrue());
    if (auth::Can(who, auth::Action::kWriteArticles)) user.set("can_write", TemplateTrue());
    if (auth::Can(who, auth::Action::kViewAudit)) user.set("can_audit", TemplateTrue());
    if (auth::Can(who, auth::Action::kManageColumns)) user.set("can_columns", TemplateTrue());
    if (auth::Can(who, auth::Action::kManageUsers)) user.set("can_users", TemplateTrue());
    if (auth::Can(who, auth::Action::kManageSite)) user.set("can_settings", TemplateTrue());
    if (auth::Can(who, auth::Action::kHandleMessages)) user.set("can_messages", TemplateTrue());
    // The records menu is the officer's and secretaries'; a member's own
    // records are their classes, their meetings and their dues.
    if (who.Has(auth::Role::kRecordsOfficer) || who.Has(auth::Role::kBranchSecretary))
      user.set("can_records", TemplateTrue());
    else if (auth::Can(who, auth::Action::kViewRecords))
      user.set("can_own_records", TemplateTrue());
    if (const std::string_view entry = MenuEntryOf(ctx.path); !entry.empty())
      user.set(std::string(entry), TemplateTrue());
    layout.set("user", user);
    body.set("csrf", ctx.session->csrf_token);
  }
  auto inner = d_.templates.Render(tmpl, std::move(body), lang);
  if (!inner.ok()) return Response::Text(500, "template error: " + inner.status().message());
  layout.set("content", *inner);
  auto html = d_.templates.Render("admin_layout", std::move(layout), lang);
  if (!html.ok()) return Response::Text(500, "template error: " + html.status().message());
  Response res;
  res.status = status;
  res.body = std::make_shared<const std::string>(std::move(html).value());
  return res;
}

std::string AdminSite::ErrorText(const AdminContext& ctx, const Status& error) const {
  return Tf(ctx, error.msgid(), error.args());
}

void AdminSite::SetFormErrors(const AdminContext& ctx, const Status& error,
                              const std::map<std::string, std::string>& field_ids,
                              TemplateData& body) const {
  if (error.ok()) return;
  data summary{data::type::list};
  std::map<std::string, std::string> beside;  // field → its messages
  for (const Status& one : error.problems()) {
    const std::string text = ErrorText(ctx, one);
    data item;
    item.set("message", text);
    if (auto id = field_ids.find(one.field()); id != field_ids.end()) {
      item.set("href", "#" + id->second);
      std::string& shown = beside[one.field()];
      shown += (shown.empty() ? "" : " ") + text;
    }
    summary.push_back(item);
  }
  for (const auto& [field, text] : beside) body.set("err_" + field, text);
  body.set("error_summary", summary);
  body.set("has_errors", TemplateTrue());
}

std::optional<Response> AdminSite::ConfirmFirst(const AdminContext& ctx, const Request& req,
                                                std::string_view question,
                                                const MessageArgs& args, const std::string& back) {
  const http::Form form = http::Form::Parse(req.body);
  if (form.Get("confirm") == "1") return std::nullopt;
  data body, fields{data::type::list};
  for (const auto& [name, value] : form.pairs()) {
    if (name == "_csrf" || name == "confirm") continue;  // the page adds its own
    data f;
    f.set("name", name);
    f.set("value", value);
    fields.push_back(f);
  }
  body.set("question", Tf(ctx, question, args));
  body.set("action", req.path);
  body.set("fields", fields);
  body.set("back", back);
  return Page(ctx, "admin_confirm", std::move(body), N_("Please confirm"));
}

Response AdminSite::Message(const AdminContext& ctx, int status, const std::string& title,
                            const Status& error) {
  return Message(ctx, status, title, error.msgid(), error.args());
}

Response AdminSite::Message(const AdminContext& ctx, int status, const std::string& title,
                            const std::string& message, const MessageArgs& args) {
  data body;
  body.set("heading", T(ctx, title));
  body.set("message", Tf(ctx, message, args));
  return Page(ctx, "admin_message", std::move(body), title, status);
}

Response AdminKit::Download(std::string bytes, const std::string& content_type,
                             const std::string& file_name) {
  Response res = Response::Text(200, std::move(bytes), content_type);
  res.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return res;
}

Response AdminSite::AuditedExport(const AdminContext& ctx, Response res, const std::string& action,
                                  const std::string& detail) {
  // No audit row, no export: personal data never leaves unrecorded.
  if (res.status == 200 && !d_.audit.RecordChecked(ctx.actor, action, "export", {}, detail).ok())
    return Message(ctx, 503, N_("Not exported"),
                   N_("The export could not be recorded in the audit log, so it was not sent. "
                      "Try again in a moment."));
  return res;
}

Response AdminSite::XlsxDownload(const AdminContext& ctx, const std::vector<tabular::Sheet>& sheets,
                                 const std::string& file_name) {
  auto bytes = tabular::ToXlsx(sheets);
  if (!bytes.ok()) return Message(ctx, 500, N_("Export failed"), bytes.status());
  return Download(std::move(*bytes), tabular::kXlsxMediaType, file_name);
}

TemplateData BranchOptions(Storage& storage, std::optional<std::int64_t> selected) {
  data list{data::type::list};
  for (const auto& u : storage.org().ListUnits().value()) {
    if (u.standing_branch() || (u.kind == "branch" && selected == u.id))
      list.push_back(SelectOption(std::to_string(u.id), u.name, selected == u.id));
  }
  return list;
}


Response AdminKit::Done(const std::string& location, std::string_view done) {
  const std::size_t hash = location.find('#');
  const std::string path = location.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : location.substr(hash);
  return SeeOther(path + (path.find('?') == std::string::npos ? "?" : "&") + "done=" +
                  std::string(done) + fragment);
}

Response AdminKit::SeeOther(const std::string& location) {
  Response res = Response::Redirect(303, location);
  return res;
}

std::vector<std::string> CellProblemLines(const AdminKit& kit, const AdminContext& ctx,
                                          const std::vector<tabular::CellProblem>& problems) {
  std::vector<std::string> lines;
  for (const auto& p : problems) {
    const std::string what = kit.ErrorText(ctx, p.problem);
    const std::string row = std::to_string(p.line);
    lines.push_back(p.line == 0 ? what
                    : p.column.empty()
                        ? kit.Tf(ctx, N_("Row {row}: {problem}"), {{"row", row}, {"problem", what}})
                        : kit.Tf(ctx, N_("Row {row}, column {column}: {problem}"),
                                 {{"row", row}, {"column", p.column}, {"problem", what}}));
  }
  return lines;
}

}  // namespace procura::web
