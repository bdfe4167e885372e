// JSON encoding and decoding for /api/v1: no handler logic here, so the
// fuzz target can drive it alone.
#include "web/api/api_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/clock.h"
#include "core/text.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string Rfc(std::optional<UnixSeconds> t) { return t ? FormatRfc3339(*t, 480) : ""; }

}  // namespace

Response JsonResponse(int status, const json& body) {
  return Response::Text(status, body.dump() + "\n", "application/json");
}

json ArticleToJson(const ArticleRecord& a, bool with_body) {
  json j = {{"id", a.id},
            {"column_id", a.column_id},
            {"title", a.title},
            {"author", a.author},
            {"news_source", a.news_source},
            {"status", a.status},
            {"version", a.version},
            {"status_reason", a.status_reason},
            {"lead_caption", a.lead_caption},
            {"lead_alt", a.lead_alt},
            {"pending_edit", a.pending_revision.has_value()},
            {"lang", a.lang},
            {"updated_at", FormatRfc3339(a.updated_at, 480)}};
  j["published_at"] = a.published_at ? json(Rfc(a.published_at)) : json(nullptr);
  j["scheduled_at"] = a.scheduled_at ? json(Rfc(a.scheduled_at)) : json(nullptr);
  j["lead_media_id"] = a.lead_media_id ? json(*a.lead_media_id) : json(nullptr);
  j["translation_of"] = a.translation_of ? json(*a.translation_of) : json(nullptr);
  j["pinned_at"] = a.pinned_at ? json(Rfc(a.pinned_at)) : json(nullptr);
  j["pinned_until"] = a.pinned_until ? json(Rfc(a.pinned_until)) : json(nullptr);
  if (a.published_at && a.status == kStatusPublished)
    j["url"] = "/articles/" + std::to_string(a.id) + "/";
  if (with_body) j["body"] = a.body_md;
  return j;
}

// Reads a JSON object body; Invalid naming the problem.
Result<json> ParseJsonObject(const Request& req) {
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Invalid("body: expected a JSON object");
  return j;
}

// A string field: absent → fallback; not a string → Invalid naming it.
Status GetString(const json& j, const char* key, std::string* out) {
  if (!j.contains(key)) return Status::Ok();
  if (!j[key].is_string()) return Status::Malformed(std::string(key) + ": must be a string");
  *out = j[key].get<std::string>();
  return Status::Ok();
}

Status GetId(const json& j, const char* key, std::optional<std::int64_t>* out) {
  if (!j.contains(key) || j[key].is_null()) return Status::Ok();
  if (!j[key].is_number_integer() || j[key].get<std::int64_t>() <= 0)
    return Status::Malformed(std::string(key) + ": must be a positive integer");
  *out = j[key].get<std::int64_t>();
  return Status::Ok();
}

Status GetInt(const json& j, const char* key, std::int64_t lo, std::int64_t hi,
              std::optional<std::int64_t>* out) {
  if (!j.contains(key) || j[key].is_null()) return Status::Ok();
  const json& v = j[key];
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d >= static_cast<double>(lo) && d <= static_cast<double>(hi) &&
        d == static_cast<double>(static_cast<std::int64_t>(d))) {
      *out = static_cast<std::int64_t>(d);
      return Status::Ok();
    }
  }
  if (!v.is_number()) return Status::Malformed(std::string(key) + ": must be a whole number");
  const bool too_big_unsigned =
      v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi);
  if (v.is_number_float() || too_big_unsigned ||
      (v.is_number_integer() && (v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)))
    return Status::Invalid(
        fmt::format("{}: must be a whole number from {} to {}", key, lo, hi));
  *out = v.get<std::int64_t>();
  return Status::Ok();
}

Status GetBool(const json& j, const char* key, bool* out) {
  if (!j.contains(key) || j[key].is_null()) return Status::Ok();
  if (!j[key].is_boolean()) return Status::Malformed(std::string(key) + ": must be true or false");
  *out = j[key].get<bool>();
  return Status::Ok();
}

namespace {

Status CheckKnown(const json& j, std::initializer_list<const char*> known) {
  for (const auto& [k, v] : j.items()) {
    bool ok = false;
    for (const char* name : known) ok |= k == name;
    if (!ok) return Status::Malformed("unknown field '" + Utf8Prefix(k, 40) + "'");
  }
  return Status::Ok();
}

}  // namespace

Status ArticleInputFromJson(const json& j, ArticleInput& in) {
  PROCURA_RETURN_IF_ERROR(
      CheckKnown(j, {"column_id", "title", "author", "news_source", "scheduled_for",
                     "lead_media_id", "lead_caption", "lead_alt", "body", "version", "lang",
                     "translation_of"}));
  std::optional<std::int64_t> column;
  PROCURA_RETURN_IF_ERROR(GetId(j, "column_id", &column));
  if (column) in.column_id = *column;
  PROCURA_RETURN_IF_ERROR(GetString(j, "title", &in.title));
  PROCURA_RETURN_IF_ERROR(GetString(j, "author", &in.author));
  PROCURA_RETURN_IF_ERROR(GetString(j, "news_source", &in.news_source));
  PROCURA_RETURN_IF_ERROR(GetString(j, "scheduled_for", &in.scheduled_for));
  if (j.contains("lead_media_id")) {  // null removes the lead image
    std::optional<std::int64_t> lead;
    PROCURA_RETURN_IF_ERROR(GetId(j, "lead_media_id", &lead));
    in.lead_media_id = lead;
  }
  PROCURA_RETURN_IF_ERROR(GetString(j, "lead_caption", &in.lead_caption));
  PROCURA_RETURN_IF_ERROR(GetString(j, "lead_alt", &in.lead_alt));
  PROCURA_RETURN_IF_ERROR(GetString(j, "body", &in.body_md));
  PROCURA_RETURN_IF_ERROR(GetString(j, "lang", &in.lang));
  if (j.contains("translation_of")) {  // null removes the link; absent keeps it
    std::optional<std::int64_t> t;
    PROCURA_RETURN_IF_ERROR(GetId(j, "translation_of", &t));
    in.translation_of = t.value_or(0);
  }
  return Status::Ok();
}

Result<ArticleInput> ArticleInputFromJson(const json& j) {
  ArticleInput in;
  PROCURA_RETURN_IF_ERROR(ArticleInputFromJson(j, in));
  return in;
}

Response JsonError(int status, const std::string& message, const std::string& field) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse(status, {{"error", std::move(error)}});
}

json ColumnToJson(const ColumnRecord& c, const std::vector<ReviewerGrant>& reviewers,
                  const std::vector<std::int64_t>& editor_ids) {
  json j = {{"id", c.id},
            {"slug", c.slug},
            {"name", c.name},
            {"description", c.description},
            {"second_name", c.second_name},
            {"second_description", c.second_description},
            {"position", c.position},
            {"hidden", c.hidden},
            {"review_steps", c.review_steps},
            {"column_type", c.column_type},
            {"four_eyes", c.four_eyes},
            {"editor_ids", editor_ids}};
  j["parent_id"] = c.parent_id ? json(*c.parent_id) : json(nullptr);
  json ids = json::array(), rights = json::array();
  for (const auto& g : reviewers) {
    ids.push_back(g.user_id);
    rights.push_back({{"user_id", g.user_id}, {"steps", g.steps}});
  }
  j["reviewer_ids"] = ids;
  j["reviewer_rights"] = rights;
  return j;
}

namespace {

// A list of positive user ids under `key`, or Malformed naming it.
Status GetUserIds(const json& j, const char* key, std::vector<std::int64_t>* out) {
  if (!j.contains(key)) return Status::Ok();
  const auto bad = [key] {
    return Status::Malformed(std::string(key) + ": must be a list of user ids").WithField(key);
  };
  if (!j[key].is_array()) return bad();
  out->clear();
  for (const auto& v : j[key]) {
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) return bad();
    out->push_back(v.get<std::int64_t>());
  }
  return Status::Ok();
}

// "reviewer_rights": [{"user_id": 3, "steps": 5}, ...]: the review steps
// (mask: 1 first, 2 second, 4 final) each listed reviewer may take.
Status GetReviewerRights(const json& j, std::map<std::int64_t, int>* out) {
  if (!j.contains("reviewer_rights")) return Status::Ok();
  const auto bad = [] {
    return Status::Malformed("reviewer_rights: must be a list of {\"user_id\": id, \"steps\": 1-7}")
        .WithField("reviewer_rights");
  };
  if (!j["reviewer_rights"].is_array()) return bad();
  out->clear();
  for (const auto& r : j["reviewer_rights"]) {
    if (!r.is_object() || !r.contains("user_id") || !r.contains("steps") ||
        !r["user_id"].is_number_integer() || !r["steps"].is_number_integer())
      return bad();
    const auto uid = r["user_id"].get<std::int64_t>();
    const auto steps = r["steps"].get<std::int64_t>();
    if (uid <= 0 || steps < 1 || steps > kAllReviewSteps) return bad();
    (*out)[uid] = static_cast<int>(steps);
  }
  return Status::Ok();
}

// The reviewers `j` sends: the listed ids (or, without "reviewer_ids",
// the users "reviewer_rights" names), each with the steps given there.
// Without "reviewer_rights", reviewers still listed keep the steps they
// had. A rights entry for a user "reviewer_ids" leaves out is refused.
Status GetReviewers(const json& j, ColumnInput& in) {
  if (!j.contains("reviewer_ids") && !j.contains("reviewer_rights")) return Status::Ok();
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, int> rights;
  PROCURA_RETURN_IF_ERROR(GetUserIds(j, "reviewer_ids", &ids));
  PROCURA_RETURN_IF_ERROR(GetReviewerRights(j, &rights));
  if (!j.contains("reviewer_ids"))
    for (const auto& [uid, mask] : rights) ids.push_back(uid);
  const auto listed = [&](std::int64_t uid) {
    return std::find(ids.begin(), ids.end(), uid) != ids.end();
  };
  for (const auto& [uid, mask] : rights)
    if (!listed(uid))
      return Status::Malformed("reviewer_rights: user {user_id} is not in reviewer_ids",
                               {{"user_id", std::to_string(uid)}})
          .WithField("reviewer_rights");
  if (!j.contains("reviewer_rights"))
    for (const auto& [uid, mask] : in.reviewer_steps)
      if (listed(uid)) rights[uid] = mask;
  in.reviewer_ids = std::move(ids);
  in.reviewer_steps = std::move(rights);
  return Status::Ok();
}

}  // namespace

Status ColumnInputFromJson(const json& j, ColumnInput& in) {
  PROCURA_RETURN_IF_ERROR(CheckKnown(
      j, {"id", "slug", "name", "description", "second_name", "second_description", "position",
          "hidden", "four_eyes", "parent_id", "review_steps", "column_type", "reviewer_ids",
          "reviewer_rights", "editor_ids"}));
  std::optional<std::int64_t> position, parent, steps;
  std::string second_name, second_description;
  for (Status parsed :
       {GetString(j, "slug", &in.slug), GetString(j, "name", &in.name),
        GetString(j, "description", &in.description),
        GetString(j, "second_name", &second_name),
        GetString(j, "second_description", &second_description),
        GetInt(j, "position", 0, kMaxColumnPosition, &position), GetBool(j, "hidden", &in.hidden),
        GetBool(j, "four_eyes", &in.four_eyes), GetId(j, "parent_id", &parent),
        GetInt(j, "review_steps", 1, 3, &steps), GetString(j, "column_type", &in.column_type),
        GetReviewers(j, in), GetUserIds(j, "editor_ids", &in.editor_ids)})
    if (!parsed.ok()) return parsed;
  if (j.contains("second_name")) in.second_name = second_name;
  if (j.contains("second_description")) in.second_description = second_description;
  if (position) in.position = static_cast<int>(*position);
  if (j.contains("parent_id")) in.parent_id = parent;  // null: the top level
  if (steps) in.review_steps = static_cast<int>(*steps);
  return Status::Ok();
}

}  // namespace procura::web
