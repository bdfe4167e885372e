// NewsroomAdmin: the article editor's media choices — the lead-image picker
// and the documents to attach, attaching and removing one — its 置顶 (pin)
// form, and whether the static site shows it yet. Neither list holds the
// whole library: each shows the newest few and finds the rest by name
// (/admin/media.json, or a plain GET of the editor with ?doc_q= when there
// is no script).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "content/export_health.h"
#include "content/image_sizes.h"
#include "core/clock.h"
#include "core/text.h"
#include "render/urls.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_newsroom.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// Images the picker lists before a search (the newest), and documents the
// attach list shows before or for a search.
constexpr int kPickerImages = 30;
constexpr int kPickerDocuments = 30;

std::string MediaName(const MediaRecord& m) {
  return m.original_name.empty() ? m.stored_name : m.original_name;
}

}  // namespace

void NewsroomAdmin::SetEditorImages(const AdminContext& ctx, const ArticleInput& in,
                                TemplateData& body) {
  std::optional<MediaRecord> chosen;
  if (in.lead_media_id)
    if (auto m = d_.storage.content().GetMedia(*in.lead_media_id); m.ok() && m->has_value())
      chosen = **m;
  if (chosen) body.set("preview_image", StaffMediaUrl(*chosen, chosen->stored_name));
  // The newest images, and the chosen one wherever it is; script finds
  // older ones.
  auto newest = d_.storage.content().FindMedia({"image", "", 0, kPickerImages});
  std::vector<MediaRecord> shown = newest.ok() ? newest->items : std::vector<MediaRecord>{};
  const bool chosen_listed = std::any_of(shown.begin(), shown.end(), [&](const MediaRecord& m) {
    return chosen && m.id == chosen->id;
  });
  if (chosen && chosen->kind == "image" && !chosen_listed) shown.insert(shown.begin(), *chosen);
  data media{data::type::list};
  for (const MediaRecord& m : shown) {
    data o = SelectOption(std::to_string(m.id), MediaName(m), in.lead_media_id == m.id);
    o.set("alt", Utf8Prefix(m.alt_text, 80));
    o.set("thumb", StaffMediaUrl(m, SmallestSize(m)));
    o.set("markdown", ImageMarkdown(m.alt_text, m.stored_name));
    if (m.is_private) o.set("private", TemplateTrue());
    media.push_back(o);
  }
  body.set("media", media);
  if (newest.ok() && newest->total > kPickerImages)
    body.set("older_images", d_.kit.Tf(ctx, N_("The {shown} newest of {total} images are shown."),
                                {{"shown", std::to_string(kPickerImages)},
                                 {"total", std::to_string(newest->total)}}));
  if (!in.lead_media_id) body.set("no_lead_media", TemplateTrue());
}

void NewsroomAdmin::SetEditorDocuments(const AdminContext& ctx,
                                   const std::optional<ArticleRecord>& article,
                                   std::string_view query, TemplateData& body) {
  data attached{data::type::list};
  std::set<std::int64_t> attached_ids;
  if (article)
    if (auto own = d_.storage.content().ListAttachmentsOf(article->id); own.ok())
      for (const auto& a : *own) {
        auto m = d_.storage.content().GetMedia(a.media_id);
        if (!m.ok() || !m->has_value()) continue;
        attached_ids.insert(a.media_id);
        data o;
        o.set("value", std::to_string(a.media_id));
        o.set("name", (*m)->original_name);
        o.set("url", StaffMediaUrl(**m, (*m)->stored_name));
        if (a.pending == "add") o.set("pending_add", TemplateTrue());
        if (a.pending == "remove") o.set("pending_remove", TemplateTrue());
        attached.push_back(o);
      }
  body.set("attached", attached);
  if (!attached.is_empty_list()) body.set("has_attached", TemplateTrue());
  std::string ids;  // for the script, which leaves attached ones out of what it finds
  for (std::int64_t id : attached_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  body.set("attached_ids", ids);
  // The newest documents not attached yet, or those matching the search.
  const std::string text = Utf8Prefix(Trim(query), 100);
  const int want = kPickerDocuments + static_cast<int>(attached_ids.size());
  auto found = d_.storage.content().FindMedia({"document", text, 0, want});
  data documents{data::type::list};
  if (found.ok())
    for (const MediaRecord& m : found->items) {
      if (attached_ids.count(m.id) || documents.list_value().size() >= kPickerDocuments) continue;
      documents.push_back(SelectOption(std::to_string(m.id), MediaName(m), false));
    }
  body.set("documents", documents);
  body.set("doc_q", text);
  if (!found.ok()) return;
  if (!text.empty())
    body.set("doc_found", found->total == 0
                              ? d_.kit.T(ctx, N_("No document matches."))
                              : d_.kit.Tf(ctx, N_("{n} found; the newest are listed."),
                                   {{"n", std::to_string(found->total)}}));
  else if (found->total > want)
    body.set("older_documents", d_.kit.Tf(ctx, N_("The {shown} newest of {total} documents are listed."),
                                   {{"shown", std::to_string(kPickerDocuments)},
                                    {"total", std::to_string(found->total)}}));
}

void NewsroomAdmin::SetPinFacts(const AdminContext& ctx, const ArticleRecord& a, bool may_pin,
                            TemplateData& body) {
  if (may_pin) body.set("can_pin", TemplateTrue());
  if (!a.pinned_at) return;
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  body.set("is_pinned", TemplateTrue());
  const std::string since = FormatLocalTime(*a.pinned_at, offset);
  if (a.pinned_until) {
    const std::string last_day = FormatLocalTime(*a.pinned_until - 1, offset).substr(0, 10);
    body.set("pin_until", last_day);
    body.set("pinned_note", d_.kit.Tf(ctx, N_("Pinned to the top of its column since {since}, through {day}."),
                               {{"since", since}, {"day", last_day}}));
  } else {
    body.set("pinned_note", d_.kit.Tf(ctx, N_("Pinned to the top of its column since {since}, until unpinned."),
                               {{"since", since}}));
  }
}

void NewsroomAdmin::SetStaticCopy(const AdminContext& ctx, const ArticleRecord& a,
                                  TemplateData& body) {
  auto& log = d_.storage.changes();
  auto reports = log.ExportReports();
  auto latest = log.Latest();
  auto seq = log.LatestFor("article", a.id);
  if (!reports.ok() || !latest.ok() || !seq.ok()) return;
  const bool live = a.status == kStatusPublished;
  const char* text = nullptr;
  switch (StaticCopyOf(*reports, *latest, *seq, NowUnix())) {
    case StaticCopy::kNoExport: return;
    case StaticCopy::kCurrent:
      text = live ? N_("this version is on the static site") : N_("removed from the static site too");
      break;
    case StaticCopy::kWaiting:
      text = live ? N_("waiting for the static export") : N_("still on the static site until the export runs");
      break;
    case StaticCopy::kTrouble:
      text = N_("the static export is failing: the static site does not show this change");
      body.set("static_copy_trouble", TemplateTrue());
      break;
  }
  body.set("static_copy", d_.kit.T(ctx, text));
}

Result<std::optional<UnixSeconds>> NewsroomAdmin::PinUntilOf(std::string_view last_day) const {
  const std::string day = Trim(last_day);
  if (day.empty()) return std::optional<UnixSeconds>();
  const auto start = IsIsoDate(day)
                         ? ParseLocalTime(day, d_.content.Snapshot()->site().utc_offset_minutes)
                         : std::nullopt;
  if (!start) return Status::Invalid(N_("Pinned until: enter a day as 2026-12-31.")).WithField("until");
  return std::optional<UnixSeconds>(*start + 24 * 3600);
}

Response NewsroomAdmin::AddAttachment(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto media = ParsePositiveId(http::Form::Parse(req.body).Get("media"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  Status s = media ? d_.media.Attach(*id, *media, ctx.who(), ctx.actor)
                   : Status::Invalid(N_("Choose a document."));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not attached"), s);
  return AdminKit::Done(fmt::format("/admin/articles/{}/", *id), "saved");
}

Response NewsroomAdmin::RemoveAttachment(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto media = ParsePositiveId(p.at("media"));
  if (!id || !media) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such attachment."));
  std::string name;
  if (auto m = d_.storage.content().GetMedia(*media); m.ok() && m->has_value())
    name = (*m)->original_name.empty() ? (*m)->stored_name : (*m)->original_name;
  if (auto ask = d_.kit.ConfirmFirst(ctx, req,
                              N_("Remove {name} from this article? The file stays in the media "
                                 "library. On a published article the removal waits for review."),
                              {{"name", name}}, fmt::format("/admin/articles/{}/", *id)))
    return *ask;
  Status s = d_.media.Detach(*id, *media, ctx.who(), ctx.actor);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not removed"), s);
  return AdminKit::Done(fmt::format("/admin/articles/{}/", *id), "saved");
}

}  // namespace procura::web
