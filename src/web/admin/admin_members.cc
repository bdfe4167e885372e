// OrgAdmin: adding and editing members, exports, and the import with its
// preview. MemberRecords validates and writes.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "auth/password.h"
#include "content/file_store.h"
#include "core/text.h"
#include "http/multipart.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_org.h"
#include "web/status_http.h"

namespace procura::web {

namespace {
namespace fs = std::filesystem;

constexpr std::size_t kMaxImportBytes = 5u << 20;

MemberRecord MemberFromForm(const http::Form& f, MemberRecord m) {
  m.name = f.Get("name");
  m.gender = f.Get("gender");
  m.birth_date = f.Get("birth_date");
  m.joined_date = f.Get("joined_date");
  m.phone = Trim(NarrowForms(f.Get("phone")));  // "１３８…" as typed in 全角
  m.status = f.Get("status");
  m.full_date = f.Get("full_date");
  if (auto b = ParsePositiveId(f.Get("branch"))) m.branch_id = *b;
  return m;
}

}  // namespace

// The member form's inputs, by field name (for the error summary's links).
static const std::map<std::string, std::string> kMemberFieldIds = {
    {"name", "m-name"},          {"gender", "m-gender"}, {"birth_date", "m-birth"},
    {"joined_date", "m-joined"}, {"branch", "m-branch"}, {"phone", "m-phone"},
    {"status", "m-status"},      {"full_date", "m-full"}};

Response OrgAdmin::MemberFormPage(const AdminContext& ctx, const MemberRecord& m,
                                  const Status& error, int status) {
  data body;
  if (m.id) body.set("id", std::to_string(m.id));
  body.set("action", m.id ? fmt::format("/admin/org/members/{}/edit", m.id) : "/admin/org/members");
  for (const auto& [k, v] : {std::pair{"name", m.name},
                             {"birth_date", m.birth_date},
                             {"joined_date", m.joined_date},
                             {"full_date", m.full_date},
                             {"phone", m.phone}})
    body.set(k, v);
  auto options = [&](std::initializer_list<const char*> codes,
                     std::string_view (*label)(std::string_view), const std::string& current) {
    data list{data::type::list};
    for (const char* code : codes)
      list.push_back(SelectOption(code, d_.kit.T(ctx, label(code)), current == code));
    return list;
  };
  body.set("genders", options({"female", "male"}, GenderLabel, m.gender));
  body.set("statuses", options({"full", "probationary", "transferred-out"}, MemberStatusLabel,
                               m.status.empty() ? "full" : m.status));
  if (!m.id) body.set("branches", BranchOptions(d_.storage, m.branch_id));
  d_.kit.SetFormErrors(ctx, error, kMemberFieldIds, body);
  return d_.kit.Page(ctx, "admin_member_form", std::move(body),
                     m.id ? N_("Edit member") : N_("New member"), status);
}

Response OrgAdmin::NewMember(const Request&, const RouteParams&, AdminContext& ctx) {
  return MemberFormPage(ctx, {}, Status::Ok(), 200);
}

Response OrgAdmin::CreateMember(const Request& req, const RouteParams&, AdminContext& ctx) {
  MemberRecord m = MemberFromForm(http::Form::Parse(req.body), {});
  auto id = d_.members.Create(ctx.who(), ctx.actor, m);
  if (!id.ok()) return MemberFormPage(ctx, m, id.status(), HttpStatusFor(id.status()));
  return AdminKit::Done(fmt::format("/admin/org/members/{}", *id), "saved");
}

Response OrgAdmin::EditMember(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.storage.org().GetMember(*id)
              : Result<std::optional<MemberRecord>>(std::optional<MemberRecord>{});
  if (!m.ok() || !m->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  d_.audit.Record(ctx.actor, "member.view", "member", *id, "edit form");
  return MemberFormPage(ctx, **m, Status::Ok(), 200);
}

Response OrgAdmin::SaveMember(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto old = id ? d_.storage.org().GetMember(*id)
                : Result<std::optional<MemberRecord>>(std::optional<MemberRecord>{});
  if (!old.ok() || !old->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  MemberRecord m = MemberFromForm(http::Form::Parse(req.body), **old);
  m.branch_id = (*old)->branch_id;  // a branch change is a transfer
  Status s = d_.members.Update(ctx.who(), ctx.actor, m);
  if (!s.ok()) return MemberFormPage(ctx, m, s, HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/org/members/{}", m.id), "saved");
}

// Every member as one sheet; the header is the import's, so an export can
// be edited and imported into another instance.
tabular::Sheet OrgAdmin::MembersSheet(const AdminContext& ctx) {
  Storage& storage = d_.storage;
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  std::map<std::int64_t, std::string> branch_names;
  for (const auto& u : storage.org().ListUnits().value()) branch_names[u.id] = u.name;
  std::map<std::int64_t, std::string> posts;
  for (const auto& p : storage.org().ListPosts().value())
    posts[p.member_id] += (posts[p.member_id].empty() ? "" : ";") + t(PostLabel(p.post));
  // The import reads these headers in either language.
  tabular::Sheet sheet{
      t(N_("Members")),
      {t(N_("id")), t(N_("name")), t(N_("gender")), t(N_("birth date")), t(N_("joined date")),
       t(N_("full member date")), t(N_("full membership approved")), t(N_("branch")),
       t(N_("posts")), t(N_("phone")), t(N_("status")), t(N_("sample"))}};
  for (const auto& m : storage.org().ListMembers(std::nullopt).value())
    sheet.rows.push_back({double(m.id), m.name, t(GenderLabel(m.gender)), m.birth_date,
                          m.joined_date, m.full_date, m.full_approved_on, branch_names[m.branch_id],
                          posts[m.id], m.phone, t(MemberStatusLabel(m.status)),
                          t(m.is_sample ? N_("yes") : N_("no"))});
  return sheet;
}

Response OrgAdmin::MembersCsv(const Request&, const RouteParams&, AdminContext& ctx) {
  if (!d_.audit.RecordChecked(ctx.actor, "member.export", "member", {}, "all members as CSV").ok())
    return d_.kit.Message(
        ctx, 503, N_("Not exported"),
        N_("The export could not be recorded in the audit log, so it was not sent."));
  return AdminKit::Download(tabular::ToCsv(MembersSheet(ctx)), tabular::kCsvMediaType,
                            "party-members.csv");
}

Response OrgAdmin::MembersXlsx(const Request&, const RouteParams&, AdminContext& ctx) {
  Response res = d_.kit.XlsxDownload(ctx, {MembersSheet(ctx)}, "party-members.xlsx");
  if (res.status == 200 &&
      !d_.audit.RecordChecked(ctx.actor, "member.export", "member", {}, "all members as XLSX").ok())
    return d_.kit.Message(
        ctx, 503, N_("Not exported"),
        N_("The export could not be recorded in the audit log, so it was not sent."));
  return res;
}

Response OrgAdmin::ImportForm(const Request&, const RouteParams&, AdminContext& ctx) {
  return d_.kit.Page(ctx, "admin_import", data(), N_("Import members"));
}

// The preview's table: each row's line, name, branch and status, with
// its problems (naming the file's column) when it has any.
TemplateData OrgAdmin::ImportRows(const AdminContext& ctx, const std::vector<org::ImportRow>& rows) {
  std::map<std::int64_t, std::string> branch_names;
  for (const auto& u : d_.storage.org().ListUnits().value()) branch_names[u.id] = u.name;
  data out{data::type::list};
  for (const auto& r : rows) {
    data row, errors{data::type::list};
    row.set("line", std::to_string(r.line));
    row.set("name", r.member.name);
    row.set("branch", branch_names[r.member.branch_id]);
    row.set("status", d_.kit.T(ctx, MemberStatusLabel(r.member.status)));
    for (const auto& e : r.errors)
      errors.push_back(data(e.column.empty()
                                ? d_.kit.ErrorText(ctx, e.problem)
                                : d_.kit.Tf(ctx, N_("Column {column} ({field_label}): {problem}"),
                                            {{"column", e.column},
                                             {"field_label", e.field_label},
                                             {"problem", d_.kit.ErrorText(ctx, e.problem)}})));
    row.set("errors", errors);
    if (!r.errors.empty()) row.set("bad", TemplateTrue());
    out.push_back(row);
  }
  return out;
}

// Shows the preview of an uploaded file; keeps the file under
// <data>/imports/ for the confirmation when it has no problem.
Response OrgAdmin::ImportPreview(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return d_.kit.Message(ctx, 400, N_("Not imported"), parts.status());
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (!file || file->filename.empty())
    return d_.kit.Message(ctx, 422, N_("Not imported"), N_("Choose a CSV or XLSX file."));
  if (file->data.size() > kMaxImportBytes)
    return d_.kit.Message(ctx, 413, N_("Not imported"),
                          N_("The file is too large: at most {mib} MiB."),
                          {{"mib", std::to_string(kMaxImportBytes >> 20)}});
  auto table = tabular::ParseTable(file->data);
  data body;
  if (!table.ok()) {
    data errors{data::type::list};
    errors.push_back(data(d_.kit.ErrorText(ctx, table.status())));
    body.set("file_errors", errors);
    body.set("has_file_errors", TemplateTrue());
    return d_.kit.Page(ctx, "admin_import", std::move(body), N_("Import members"), 422);
  }
  std::size_t imported = 0;
  auto preview = d_.members.Import(ctx.who(), ctx.actor, *table, false, imported);
  if (!preview.ok())
    return d_.kit.Message(ctx, HttpStatusFor(preview.status()), N_("Not imported"),
                          preview.status());
  data file_errors{data::type::list};
  for (const auto& e : preview->file_errors) file_errors.push_back(data(d_.kit.ErrorText(ctx, e)));
  const data rows = ImportRows(ctx, preview->rows);
  body.set("file_errors", file_errors);
  body.set("rows", rows);
  if (!preview->file_errors.empty()) body.set("has_file_errors", TemplateTrue());
  if (!preview->rows.empty()) body.set("has_rows", TemplateTrue());
  body.set("rows_text", d_.kit.TfN(ctx, "Preview: {n} row,", "Preview: {n} rows,", long(preview->rows.size())));
  body.set("problems_word", d_.kit.TfN(ctx, "problem", "problems", long(preview->error_count)));
  body.set("error_count", std::to_string(preview->error_count));
  if (preview->error_count == 0) {
    // Kept through the file store: the confirmation may reach another node.
    const std::string token = auth::RandomHex(16);
    if (!FileStore(d_.storage, d_.data_dir).Write("imports", token, file->data).ok())
      return d_.kit.Message(ctx, 500, N_("Not imported"),
                            N_("The file could not be kept for import."));
    body.set("token", token);
  }
  return d_.kit.Page(ctx, "admin_import", std::move(body), N_("Import members"),
                     preview->error_count ? 422 : 200);
}

Response OrgAdmin::ImportConfirm(const Request& req, const RouteParams&, AdminContext& ctx) {
  const std::string token = http::Form::Parse(req.body).Get("token");
  if (token.size() != 32 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
    return d_.kit.Message(ctx, 422, N_("Not imported"),
                          N_("The import has expired; upload the file again."));
  FileStore files(d_.storage, d_.data_dir);
  const fs::path path = d_.data_dir / "imports" / token;
  (void)files.EnsureLocal("imports", token);
  if (!org::IsImportPreviewFresh(path, NowUnix())) {
    (void)files.Remove("imports", token);
    return d_.kit.Message(ctx, 410, N_("Not imported"),
                          N_("The import has expired; upload the file again."));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return d_.kit.Message(ctx, 410, N_("Not imported"),
                          N_("The import has expired; upload the file again."));
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  in.close();
  auto table = tabular::ParseTable(bytes);
  if (!table.ok()) return d_.kit.Message(ctx, 422, N_("Not imported"), table.status());
  std::size_t imported = 0;
  auto result = d_.members.Import(ctx.who(), ctx.actor, *table, true, imported);
  if (!result.ok())
    return d_.kit.Message(ctx, HttpStatusFor(result.status()), N_("Not imported"), result.status());
  if (imported == 0)
    return d_.kit.Message(
        ctx, 409, N_("Not imported"),
        N_("The records changed since the preview; upload the file again to see why."));
  (void)files.Remove("imports", token);
  return d_.kit.Message(ctx, 200, N_("Imported"), N_("{n} members were added."),
                        {{"n", std::to_string(imported)}});
}

}  // namespace procura::web
