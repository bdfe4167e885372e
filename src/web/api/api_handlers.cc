// Api: the handlers. Each parses JSON, calls a service, answers JSON.
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/text.h"
#include "web/api/api.h"
#include "web/api/api_json.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

Response FromStatus(const Status& s) {
  return JsonError(HttpStatusFor(s), s.message(), s.field());
}

}  // namespace

Response Api::ListArticles(const Request& req, const RouteParams&, const auth::Principal&,
                           const auth::Actor&) {
  auto q = ParseQuery(req.query);
  ArticleFilter f;
  f.status = Utf8Prefix(q["status"], 20);
  if (auto c = ParsePositiveId(q["column_id"])) f.column_id = *c;
  f.title_contains = Utf8Prefix(q["q"], 200);
  f.lang = q["lang"];
  if (!f.lang.empty() && f.lang != "zh-CN" && f.lang != "en")
    return JsonError(400, "lang: zh-CN or en");
  f.limit = static_cast<int>(std::min<std::int64_t>(ParsePositiveId(q["limit"]).value_or(50), 200));
  f.offset = static_cast<int>(ParsePositiveId(q["offset"]).value_or(0));
  auto found = d_.storage.articles().FindArticles(f);
  if (!found.ok()) return FromStatus(found.status());
  json out = {{"total", found->total}, {"articles", json::array()}};
  for (const auto& a : found->items) out["articles"].push_back(ArticleToJson(a, false));
  return JsonResponse(200, out);
}

Response Api::GetArticle(const Request&, const RouteParams& p, const auth::Principal&,
                         const auth::Actor&) {
  auto id = ParsePositiveId(p.at("id"));
  auto a = id ? d_.storage.content().GetArticle(*id)
              : Result<std::optional<ArticleRecord>>(std::nullopt);
  if (!a.ok()) return FromStatus(a.status());
  if (!a->has_value()) return JsonError(404, "no such article");
  return JsonResponse(200, {{"article", ArticleToJson(**a, true)}});
}

Response Api::CreateArticle(const Request& req, const RouteParams&, const auth::Principal& who,
                            const auth::Actor& actor) {
  auto body = ParseJsonObject(req);
  if (!body.ok()) return JsonError(400, body.status().message());
  auto in = ArticleInputFromJson(*body);
  if (!in.ok()) return JsonError(400, in.status().message());
  auto id = d_.workflow.Create(*in, who, actor);
  if (!id.ok()) return FromStatus(id.status());
  auto a = d_.storage.content().GetArticle(*id);
  Response res = JsonResponse(201, {{"article", ArticleToJson(**a, true)}});
  res.SetHeader("Location", "/api/v1/articles/" + std::to_string(*id));
  return res;
}

Response Api::UpdateArticle(const Request& req, const RouteParams& p, const auth::Principal& who,
                            const auth::Actor& actor) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such article");
  auto body = ParseJsonObject(req);
  if (!body.ok()) return JsonError(400, body.status().message());
  if (!body->contains("version") || !(*body)["version"].is_number_integer())
    return JsonError(400, "version: required (the version you edited, for conflict detection)");
  auto stored = d_.storage.content().GetArticle(*id);
  if (!stored.ok()) return FromStatus(stored.status());
  if (!stored->has_value()) return JsonError(404, "no such article");
  ArticleInput in = d_.workflow.Editable(**stored);
  if (Status parsed = ArticleInputFromJson(*body, in); !parsed.ok())
    return JsonError(400, parsed.message());
  Status s = d_.workflow.Save(*id, in, (*body)["version"].get<std::int64_t>(), who, actor);
  if (!s.ok()) return FromStatus(s);
  return JsonResponse(200,
                      {{"article", ArticleToJson(**d_.storage.content().GetArticle(*id), true)}});
}

Response Api::ReviewRecord(const Request&, const RouteParams& p, const auth::Principal&,
                           const auth::Actor&) {
  auto id = ParsePositiveId(p.at("id"));
  auto a = id ? d_.storage.content().GetArticle(*id)
              : Result<std::optional<ArticleRecord>>(std::nullopt);
  if (!a.ok()) return FromStatus(a.status());
  if (!a->has_value()) return JsonError(404, "no such article");
  auto record = d_.storage.articles().ReviewStepsOf(*id);
  if (!record.ok()) return FromStatus(record.status());
  json out = {{"record", json::array()}};
  for (const auto& r : *record) {
    json row = {{"step", r.step},
                {"steps_needed", r.steps_needed},
                {"outcome", r.outcome},
                {"reviewer", r.reviewer_name},
                {"at", FormatRfc3339(r.at, 480)},
                {"revision", r.revision_number},
                {"text_sha256", r.text_hash},
                {"findings", r.findings},
                {"override_reason", r.override_reason},
                {"note", r.note}};
    row["reviewer_id"] = r.reviewer_id ? json(*r.reviewer_id) : json(nullptr);
    out["record"].push_back(row);
  }
  const ArticleRecord& art = **a;
  if (art.status == kStatusSubmitted || art.pending_revision) {
    auto chain = d_.workflow.ReviewState(art.id);
    if (!chain.ok()) return FromStatus(chain.status());
    out["steps_needed"] = chain->steps_needed;
    out["next_step"] = chain->next_step();
  }
  return JsonResponse(200, out);
}

Response Api::Transition(const Request& req, const RouteParams& p, const auth::Principal& who,
                         const auth::Actor& actor, const std::string& verb) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such article");
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return JsonError(400, "body: expected a JSON object");
  std::string reason, override_reason, pinned_until;
  const auto keep = body.find("keep_dead_links");  // true to submit with dead links
  const bool keep_dead_links = keep != body.end() && keep->is_boolean() && keep->get<bool>();
  std::optional<std::int64_t> version, revision;
  constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
  for (Status parsed : {GetString(body, "reason", &reason),
                        GetString(body, "override_reason", &override_reason),
                        GetString(body, "pinned_until", &pinned_until),
                        GetInt(body, "version", 1, kMaxId, &version),
                        GetInt(body, "revision_id", 1, kMaxId, &revision)})
    if (!parsed.ok()) return FromStatus(parsed);
  if ((verb == "approve" || verb == "return") && !version)
    return JsonError(400, "version: required (the version you reviewed, from GET /api/v1/articles/{id})");
  Status s;
  if (verb == "submit")
    s = d_.workflow.Submit(*id, who, actor, keep_dead_links);
  else if (verb == "approve")
    s = d_.workflow.Approve(*id, *version, who, actor, override_reason);
  else if (verb == "return")
    s = d_.workflow.Return(*id, *version, reason, who, actor);
  else if (verb == "withdraw")
    s = d_.workflow.Withdraw(*id, reason, who, actor);
  else if (verb == "republish")
    s = d_.workflow.Republish(*id, who, actor);
  else if (verb == "restore") {
    s = revision ? d_.workflow.Restore(*id, *revision, who, actor)
                 : Status::Malformed("revision_id: required");
  } else if (verb == "pin") {
    // An RFC 3339 time (or a site-local "YYYY-MM-DDTHH:MM"); absent: until unpinned.
    auto site = d_.storage.content().GetSite();
    const auto until = ParseLocalTime(pinned_until, site.ok() ? site->utc_offset_minutes : 480);
    s = !pinned_until.empty() && !until
            ? Status::Malformed("pinned_until: an RFC 3339 time, e.g. 2026-12-31T00:00:00+08:00")
            : d_.workflow.Pin(*id, until, who, actor);
  } else if (verb == "unpin")
    s = d_.workflow.Unpin(*id, who, actor);
  if (!s.ok()) return FromStatus(s);
  return JsonResponse(200,
                      {{"article", ArticleToJson(**d_.storage.content().GetArticle(*id), false)}});
}

Response Api::Revisions(const Request&, const RouteParams& p, const auth::Principal&,
                        const auth::Actor&) {
  auto id = ParsePositiveId(p.at("id"));
  auto revs = id ? d_.storage.articles().ListRevisions(*id)
                 : Result<std::vector<RevisionRecord>>(Status::NotFound("no such article"));
  if (!revs.ok()) return FromStatus(revs.status());
  json out = {{"revisions", json::array()}};
  for (const auto& r : *revs) {
    out["revisions"].push_back({{"id", r.id},
                                {"number", r.number},
                                {"note", r.note},
                                {"saved_at", FormatRfc3339(r.saved_at, 480)},
                                {"title", r.title},
                                {"body", r.body_md}});
  }
  return JsonResponse(200, out);
}

Response Api::ListColumns(const Request&, const RouteParams&, const auth::Principal&,
                          const auth::Actor&) {
  auto cols = d_.storage.content().ListColumns();
  if (!cols.ok()) return FromStatus(cols.status());
  json out = {{"columns", json::array()}};
  for (const auto& c : *cols) {
    auto reviewers = d_.storage.users().ColumnReviewerGrants(c.id);
    auto editors = d_.storage.users().ColumnEditors(c.id);
    if (!reviewers.ok()) return FromStatus(reviewers.status());
    if (!editors.ok()) return FromStatus(editors.status());
    out["columns"].push_back(ColumnToJson(c, *reviewers, *editors));
  }
  return JsonResponse(200, out);
}

// POST sets the fields sent on a new column; PUT changes only the fields
// sent and keeps the rest (ColumnInputFromJson).
Response Api::SaveColumn(const Request& req, const RouteParams& p, const auth::Principal& who,
                         const auth::Actor& actor) {
  auto body = ParseJsonObject(req);
  if (!body.ok()) return JsonError(400, body.status().message());
  if (!p.count("id")) {
    ColumnInput in;
    if (Status parsed = ColumnInputFromJson(*body, in); !parsed.ok()) return FromStatus(parsed);
    auto id = d_.columns.Create(in, who, actor);
    if (!id.ok()) return FromStatus(id.status());
    return JsonResponse(201, {{"id", *id}});
  }
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such column");
  if (body->contains("id") && (*body)["id"] != *id)
    return JsonError(400, "id: not the column of this address", "id");
  auto in = d_.columns.Stored(*id);
  if (!in.ok()) return FromStatus(in.status());
  if (Status parsed = ColumnInputFromJson(*body, *in); !parsed.ok()) return FromStatus(parsed);
  if (Status s = d_.columns.Update(*id, *in, who, actor); !s.ok()) return FromStatus(s);
  return JsonResponse(200, {{"id", *id}});
}

Response Api::ListMedia(const Request& req, const RouteParams&, const auth::Principal&,
                        const auth::Actor&) {
  auto q = ParseQuery(req.query);
  MediaQuery find{q["kind"], Utf8Prefix(q["q"], 100), 0, 50};
  if (!find.kind.empty() && find.kind != "image" && find.kind != "document")
    return JsonError(400, "kind: \"image\", \"document\" or empty for both");
  find.limit = static_cast<int>(std::min<std::int64_t>(ParsePositiveId(q["limit"]).value_or(50), 200));
  find.offset = ParsePositiveId(q["offset"]).value_or(0);
  auto media = d_.storage.content().FindMedia(find);
  if (!media.ok()) return FromStatus(media.status());
  json out = {{"total", media->total}, {"media", json::array()}};
  for (const auto& m : media->items) {
    out["media"].push_back({{"id", m.id},
                            {"url", "/media/" + m.stored_name},
                            {"kind", m.kind},
                            {"mime", m.mime},
                            {"bytes", m.byte_size},
                            {"width", m.width},
                            {"height", m.height},
                            {"alt", m.alt_text},
                            {"name", m.original_name},
                            // a meeting photo: /media/ answers 404 until an
                            // article using it is published
                            {"private", m.is_private}});
  }
  return JsonResponse(200, out);
}

Response Api::UploadMedia(const Request& req, const RouteParams&, const auth::Principal& who,
                          const auth::Actor& actor) {
  auto q = ParseQuery(req.query);
  if (q["filename"].empty()) return JsonError(400, "filename: required as a query parameter");
  auto m = d_.media.Upload(req.body, q["filename"], q["alt"], who, actor);
  if (!m.ok()) return FromStatus(m.status());
  return JsonResponse(201, {{"id", m->id},
                            {"url", "/media/" + m->stored_name},
                            {"mime", m->mime},
                            {"width", m->width},
                            {"height", m->height}});
}

Response Api::DeleteMedia(const Request&, const RouteParams& p, const auth::Principal& who,
                          const auth::Actor& actor) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such file");
  Status s = d_.media.Delete(*id, who, actor);
  if (!s.ok()) return FromStatus(s);
  return Response::Text(204, "");
}

}  // namespace procura::web
