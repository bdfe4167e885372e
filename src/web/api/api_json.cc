// JSON encoding and decoding for /api/v1: no handler logic here, so the
// fuzz target can drive it alone.
#include "web/api/api_json.h"

#include <fmt/format.h>

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

Result<ArticleInput> ArticleInputFromJson(const json& j) {
  PROCURA_RETURN_IF_ERROR(
      CheckKnown(j, {"column_id", "title", "author", "news_source", "scheduled_for",
                     "lead_media_id", "lead_caption", "lead_alt", "body", "version", "lang",
                     "translation_of"}));
  ArticleInput in;
  std::optional<std::int64_t> column;
  PROCURA_RETURN_IF_ERROR(GetId(j, "column_id", &column));
  in.column_id = column.value_or(0);
  PROCURA_RETURN_IF_ERROR(GetString(j, "title", &in.title));
  PROCURA_RETURN_IF_ERROR(GetString(j, "author", &in.author));
  PROCURA_RETURN_IF_ERROR(GetString(j, "news_source", &in.news_source));
  PROCURA_RETURN_IF_ERROR(GetString(j, "scheduled_for", &in.scheduled_for));
  PROCURA_RETURN_IF_ERROR(GetId(j, "lead_media_id", &in.lead_media_id));
  PROCURA_RETURN_IF_ERROR(GetString(j, "lead_caption", &in.lead_caption));
  PROCURA_RETURN_IF_ERROR(GetString(j, "lead_alt", &in.lead_alt));
  PROCURA_RETURN_IF_ERROR(GetString(j, "body", &in.body_md));
  PROCURA_RETURN_IF_ERROR(GetString(j, "lang", &in.lang));
  if (j.contains("translation_of")) {  // null removes the link; absent keeps it
    std::optional<std::int64_t> t;
    PROCURA_RETURN_IF_ERROR(GetId(j, "translation_of", &t));
    in.translation_of = t.value_or(0);
  }
  return in;
}

Response JsonError(int status, const std::string& message, const std::string& field) {
  nlohmann::json error = {{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse(status, {{"error", std::move(error)}});
}

}  // namespace procura::web
