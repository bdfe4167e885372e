// MediaAdmin: its routes, the media library (upload, list, delete) and the
// staff's view of files not public yet.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "content/image_sizes.h"
#include "core/text.h"
#include "http/forms.h"
#include "http/multipart.h"
#include "render/assets.h"
#include "render/urls.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_media.h"
#include "web/admin/admin_pager.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

std::string HumanSize(std::int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
}

// One file's row in the library's table.
TemplateData LibraryRow(const MediaRecord& m) {
  TemplateData row;
  row.set("id", std::to_string(m.id));
  row.set("url", StaffMediaUrl(m, m.stored_name));
  row.set("page", fmt::format("/admin/media/{}", m.id));
  if (m.is_private) row.set("private", TemplateTrue());
  row.set("name", m.original_name.empty() ? m.stored_name : m.original_name);
  row.set("alt", m.alt_text);
  row.set("type", m.mime);
  row.set("size", HumanSize(m.byte_size));
  row.set("dims", m.width ? fmt::format("{}×{}", m.width, m.height) : "");
  row.set("thumb", StaffMediaUrl(m, SmallestSize(m)));
  return row;
}

// The places that use a file, as the refusal to delete it lists them:
// articles linked to their editor, meetings and classes named (their
// pages are the records roles', not every editor's).
TemplateData UseRows(const AdminKit& kit, const AdminContext& ctx, const std::vector<MediaUse>& uses) {
  data rows{data::type::list};
  for (const auto& u : uses) {
    TemplateData row;
    const bool article = u.kind == "article";
    const char* label = article            ? N_("Article “{title}”")
                        : u.kind == "class" ? N_("Training class “{title}”")
                                            : N_("Branch meeting “{title}”");
    row.set("label", kit.Tf(ctx, label, {{"title", u.title}}));
    if (article) row.set("use_url", fmt::format("/admin/articles/{}/", u.id));
    rows.push_back(row);
  }
  return rows;
}

// How wide the file page's preview of an image is at most, in px.
constexpr long kPreviewWidth = 960;

// The name a person gave the file, or the stored one.
std::string DisplayName(const MediaRecord& m) {
  return m.original_name.empty() ? m.stored_name : m.original_name;
}

// "[name](/media/NAME)": a link to document `m`, its brackets and
// backslashes escaped so any name stays one link.
std::string DocumentMarkdown(const MediaRecord& m) {
  std::string text;
  for (char c : DisplayName(m)) {
    if (c == '[' || c == ']' || c == '\\') text += '\\';
    text += c;
  }
  return fmt::format("[{}]({})", text, MediaUrl(m.stored_name));
}

}  // namespace

void MediaAdmin::AddRoutes(http::Router& r) {
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  const Requirement write = Needs(auth::Action::kWriteArticles);
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/media", write, bind(&MediaAdmin::MediaPage));
  kit.Add(r, "GET", "/admin/media.json", write, bind(&MediaAdmin::MediaJson));
  kit.Add(r, "POST", "/admin/media", write, bind(&MediaAdmin::UploadMedia));
  // Editors, the records officer, branch secretaries (meeting photos);
  // checked in the handler.
  kit.Add(r, "GET", "/admin/media-file/{name}", NeedsSession(), bind(&MediaAdmin::StaffMediaFile));
  kit.Add(r, "GET", "/admin/media/{id}", write, bind(&MediaAdmin::MediaFilePage));
  kit.Add(r, "POST", "/admin/media/{id}/alt", write, bind(&MediaAdmin::SaveMediaAlt));
  kit.Add(r, "POST", "/admin/media/{id}/delete", write, bind(&MediaAdmin::DeleteMedia));
}

// The library's list: one kind at a time (images by default), newest
// first, 40 to a page, searchable by name or alt text.
Response MediaAdmin::MediaListPage(const AdminContext& ctx, const std::map<std::string, std::string>& query,
                                  const std::string& error, int status,
                                  const std::vector<MediaUse>& uses) {
  auto get = [&](const char* k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  MediaQuery q;
  q.kind = get("kind") == "document" ? "document" : "image";
  q.text = Utf8Prefix(Trim(get("q")), 100);
  q.limit = 0;
  auto counted = d_.storage.content().FindMedia(q);
  MediaQuery other{q.kind == "image" ? "document" : "image", q.text, 0, 0};
  auto other_counted = d_.storage.content().FindMedia(other);
  if (!counted.ok() || !other_counted.ok())
    return d_.kit.Message(ctx, 500, N_("Not available"), counted.ok() ? other_counted.status() : counted.status());
  const PageSpan span = SpanOf(ParsePositiveId(get("page")), counted->total, 40);
  q.offset = span.offset;
  q.limit = span.per_page;
  auto page = d_.storage.content().FindMedia(q);
  if (!page.ok()) return d_.kit.Message(ctx, 500, N_("Not available"), page.status());
  data body, rows{data::type::list};
  for (const auto& m : page->items) rows.push_back(LibraryRow(m));
  const bool images = q.kind == "image";
  if (!rows.is_empty_list()) body.set("has_rows", TemplateTrue());
  body.set("rows", rows);
  body.set(images ? "showing_images" : "showing_documents", TemplateTrue());
  auto tab_text = [&](std::int64_t n, bool for_images) {
    return d_.kit.Tf(ctx, for_images ? N_("Images ({n})") : N_("Documents ({n})"),
              {{"n", std::to_string(n)}});
  };
  body.set("images_tab", tab_text(images ? counted->total : other_counted->total, true));
  body.set("documents_tab", tab_text(images ? other_counted->total : counted->total, false));
  const std::string search = q.text.empty() ? "" : "&q=" + UrlEncode(q.text);
  body.set("images_url", "/admin/media?kind=image" + search);
  body.set("documents_url", "/admin/media?kind=document" + search);
  body.set("kind", q.kind);
  if (!q.text.empty()) body.set("q", q.text);  // "" would count as true
  if (!q.text.empty())
    body.set("found_text", d_.kit.Tf(ctx, N_("{n} found for “{q}”"),
                              {{"n", std::to_string(counted->total)}, {"q", q.text}}));
  SetPager(d_.kit, ctx, "/admin/media", {{"kind", q.kind}, {"q", q.text}}, span, body);
  if (!error.empty()) body.set("error", error);
  if (!uses.empty()) {
    body.set("has_uses", TemplateTrue());
    body.set("uses", UseRows(d_.kit, ctx, uses));
  }
  return d_.kit.Page(ctx, "admin_media", std::move(body), N_("Media library"), status);
}

Response MediaAdmin::MediaFilePage(const Request&, const RouteParams& p, AdminContext& ctx) {
  const auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  return FilePage(ctx, *id, "", 200);
}

Response MediaAdmin::SaveMediaAlt(const Request& req, const RouteParams& p, AdminContext& ctx) {
  const auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  const std::string alt = http::Form::Parse(req.body).Get("alt");
  Status s = d_.media.SetAlt(*id, alt, ctx.who(), ctx.actor);
  if (s.code() == Status::Code::kNotFound || s.code() == Status::Code::kDenied)
    return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  if (!s.ok()) return FilePage(ctx, *id, d_.kit.ErrorText(ctx, s), HttpStatusFor(s), alt);
  return AdminKit::Done(fmt::format("/admin/media/{}", *id), "saved");
}

Response MediaAdmin::FilePage(const AdminContext& ctx, std::int64_t id, const std::string& error,
                              int status, const std::optional<std::string>& typed) {
  auto found = d_.storage.content().GetMedia(id);
  if (!found.ok()) return d_.kit.Message(ctx, 500, N_("Not available"), found.status());
  if (!*found) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  const MediaRecord& m = **found;
  auto uses = d_.media.UsesOf(m.id, MediaService::kMaxUsesCounted);  // once: the alt check below reuses it
  if (!uses.ok()) return d_.kit.Message(ctx, 500, N_("Not available"), uses.status());
  TemplateData body = LibraryRow(m);
  SetFileFacts(m, body);
  if (m.kind == "image") {
    Status refusal = d_.media.AltChangeRefusal(m, *uses);
    if (refusal.ok()) body.set("can_edit_alt", TemplateTrue());
    else body.set("alt_locked", d_.kit.ErrorText(ctx, refusal));
    body.set("alt_typed", typed ? *typed : m.alt_text);
  }
  if (!error.empty()) body.set("error", error);
  if (!uses->empty()) {
    body.set("has_uses", TemplateTrue());
    if (uses->size() >= static_cast<std::size_t>(MediaService::kMaxUsesCounted))
      body.set("more_uses", d_.kit.Tf(ctx, N_("The first {n} are listed."),
                                      {{"n", std::to_string(uses->size())}}));
    body.set("uses", UseRows(d_.kit, ctx, *uses));
  }
  return d_.kit.Page(ctx, "admin_media_file", std::move(body),
                     d_.kit.Tf(ctx, N_("File “{name}”"), {{"name", DisplayName(m)}}), status);
}

void MediaAdmin::SetFileFacts(const MediaRecord& m, TemplateData& body) {
  body.set("kind", m.kind);
  if (m.kind == "image") {
    body.set("image", TemplateTrue());
    body.set("preview", StaffMediaUrl(m, WidestSizeUpTo(m, kPreviewWidth)));
    body.set("markdown", ImageMarkdown(m.alt_text, m.stored_name));
  } else {
    body.set("markdown", DocumentMarkdown(m));
  }
  if (!m.alt_text.empty()) body.set("has_alt", TemplateTrue());
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  body.set("uploaded", FormatLocalTime(m.created_at, off));
  if (m.uploaded_by)
    if (auto u = d_.storage.users().FindUserById(*m.uploaded_by); u.ok() && *u)
      body.set("uploader", (*u)->display_name.empty() ? (*u)->name : (*u)->display_name);
  body.set("public_url", MediaUrl(m.stored_name));
}

Response MediaAdmin::MediaPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  return MediaListPage(ctx, ParseQuery(req.query), "", 200);
}

// The editor's image search: {"total", "items": [{id, name, alt, thumb,
// private}]}, the newest 40 matches.
Response MediaAdmin::MediaJson(const Request& req, const RouteParams&, AdminContext&) {
  const auto query = ParseQuery(req.query);
  const auto q = query.find("q"), kind = query.find("kind");
  MediaQuery find{kind == query.end() ? "image" : kind->second,
                  q == query.end() ? "" : Utf8Prefix(Trim(q->second), 100), 0, 40};
  nlohmann::json out;
  if (find.kind != "image" && find.kind != "document") {
    out["error"] = "kind: \"image\" or \"document\"";
    return Response::Text(400, out.dump(), "application/json; charset=utf-8");
  }
  auto page = d_.storage.content().FindMedia(find);
  if (!page.ok()) {
    out["error"] = page.status().message();
    return Response::Text(500, out.dump(), "application/json; charset=utf-8");
  }
  out["total"] = page->total;
  out["items"] = nlohmann::json::array();
  for (const MediaRecord& m : page->items) {
    nlohmann::json item = {{"id", m.id},
                           {"name", m.original_name.empty() ? m.stored_name : m.original_name},
                           {"private", m.is_private}};
    if (m.kind == "image") {
      item["alt"] = Utf8Prefix(m.alt_text, 80);
      item["thumb"] = StaffMediaUrl(m, SmallestSize(m));
      item["markdown"] = ImageMarkdown(m.alt_text, m.stored_name);
    }
    out["items"].push_back(std::move(item));
  }
  return Response::Text(200, out.dump(), "application/json; charset=utf-8");
}

Response MediaAdmin::StaffMediaFile(const Request&, const RouteParams& p, AdminContext& ctx) {
  // Editors, the records officer and branch secretaries; not a member's
  // own account (auth::Role::kMember), which sees no meeting records.
  const auth::Principal& who = ctx.who();
  if (!auth::Can(who, auth::Action::kWriteArticles) && !who.Has(auth::Role::kRecordsOfficer) &&
      !who.Has(auth::Role::kBranchSecretary))
    return d_.kit.Message(ctx, 403, N_("Not allowed"), N_("You may not see this file."));
  const std::string& name = p.at("name");
  const MediaRecord* m = d_.content.Snapshot()->MediaByStoredName(name);
  // A branch secretary sees the private photos of their own branch's meetings only.
  const bool newsroom_or_officer =
      auth::Can(who, auth::Action::kWriteArticles) || who.Has(auth::Role::kRecordsOfficer);
  if (m && m->is_private && !newsroom_or_officer && !IsOwnBranchPhoto(who, m->id))
    return d_.kit.Message(ctx, 403, N_("Not allowed"), N_("You may not see this file."));
  auto bytes = m ? d_.media.ReadFile(name) : Result<std::string>(Status::NotFound(""));
  if (!bytes.ok()) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  // Like every admin answer it carries Cache-Control: no-store (kept out of
  // shared caches and the browser's disk cache).
  Response res = Response::Text(200, std::move(bytes).value(), MimeForPath(name));
  // Opened on its own, a file is never active content on the admin origin
  // (a second policy: browsers enforce both).
  res.SetHeader("Content-Security-Policy", "sandbox");
  if (m->kind == "document")
    res.SetHeader("Content-Disposition", "attachment; filename=\"" + m->stored_name + "\"");
  return res;
}

bool MediaAdmin::IsOwnBranchPhoto(const auth::Principal& who, std::int64_t media_id) {
  auto own = d_.org.OwnBranch(who);
  if (!own.ok() || !*own) return false;
  MeetingFilter filter;
  filter.branch_id = **own;
  auto meetings = d_.storage.branch_life().ListMeetings(filter);
  if (!meetings.ok()) return false;
  const std::string id = std::to_string(media_id);
  for (const MeetingRecord& meeting : *meetings)
    for (const auto& photo : Split(meeting.photos, ','))  // "3,4"
      if (photo == id) return true;
  return false;
}

Response MediaAdmin::UploadMedia(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return MediaListPage(ctx, {}, d_.kit.ErrorText(ctx, parts.status()), 400);
  const http::FormPart* file = http::FindPart(*parts, "file");
  const http::FormPart* alt = http::FindPart(*parts, "alt");
  if (!file || file->filename.empty())
    return MediaListPage(ctx, {}, d_.kit.T(ctx, N_("Choose a file to upload.")), 422);
  auto stored = d_.media.Upload(file->data, file->filename, alt ? std::string(alt->data) : "",
                                ctx.who(), ctx.actor);
  if (!stored.ok())
    return MediaListPage(ctx, {}, d_.kit.ErrorText(ctx, stored.status()), HttpStatusFor(stored.status()));
  return AdminKit::Done("/admin/media?kind=" + stored->kind, "uploaded");  // where the new file is listed
}

// Where file `id` is used, as the media page lists it with the refusal;
// nullopt when nothing uses it (or it cannot be told).
std::optional<Response> MediaAdmin::RefuseIfUsed(const AdminContext& ctx, std::int64_t id) {
  auto uses = d_.media.UsesOf(id, MediaService::kMaxUsesCounted);
  if (!uses.ok()) return MediaListPage(ctx, {}, d_.kit.ErrorText(ctx, uses.status()), HttpStatusFor(uses.status()));
  Status used = MediaService::RefusalFor(*uses);
  if (used.ok()) return std::nullopt;
  uses->resize(std::min<std::size_t>(uses->size(), 10));  // the first ten, listed
  return MediaListPage(ctx, {}, d_.kit.ErrorText(ctx, used), HttpStatusFor(used), *uses);
}

Response MediaAdmin::DeleteMedia(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such file."));
  // A file in use is refused before the question is asked. Once it is
  // answered, Delete looks again (the bodies are searched once more only
  // when it refuses, to list where the file turned up meanwhile).
  const bool confirmed = http::Form::Parse(req.body).Get("confirm") == "1";
  if (!confirmed) {
    if (auto refused = RefuseIfUsed(ctx, *id)) return *refused;
    if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Delete this file from the media library? This cannot be undone."),
                                       {}, "/admin/media"))
      return *ask;
  }
  Status s = d_.media.Delete(*id, ctx.who(), ctx.actor);
  if (s.code() == Status::Code::kInvalidArgument)
    if (auto refused = RefuseIfUsed(ctx, *id)) return *refused;
  if (!s.ok()) return MediaListPage(ctx, {}, d_.kit.ErrorText(ctx, s), HttpStatusFor(s));
  return AdminKit::Done("/admin/media", "deleted");
}

}  // namespace procura::web
