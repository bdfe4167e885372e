// JSON encoding and decoding for /api/v1 (internal to web/api).
#pragma once

#include <nlohmann/json.hpp>

#include "content/columns.h"
#include "content/workflow.h"
#include "http/message.h"

namespace procura::web {

// An article as the API shows it; `with_body` adds the Markdown body.
nlohmann::json ArticleToJson(const ArticleRecord& a, bool with_body);
// A new article's fields from a JSON object; Malformed naming the field
// for a wrong type or an unknown field.
Result<ArticleInput> ArticleInputFromJson(const nlohmann::json& j);
// Sets the fields of `in` that `j` sends and leaves the others as they
// are (a PUT starts from the article as its editor sees it, so a field
// not sent is kept); a null "lead_media_id" removes the lead image, a null
// "translation_of" the link. Errors as above.
Status ArticleInputFromJson(const nlohmann::json& j, ArticleInput& in);
// Column `c` as the API shows it, with its reviewers (and their steps)
// and editors.
nlohmann::json ColumnToJson(const ColumnRecord& c, const std::vector<ReviewerGrant>& reviewers,
                            const std::vector<std::int64_t>& editor_ids);
// Sets the fields of `in` that `j` sends and leaves the others as they
// are: a PUT starts from the stored column, so a field not sent is kept.
// "parent_id": null moves the column to the top level; "reviewer_ids" or
// "reviewer_rights" replace the reviewers, "editor_ids" the editors.
// "id" is allowed and left to the caller (a column as GET answers it can be
// sent back). Malformed naming the field for a wrong type or an unknown
// field.
Status ColumnInputFromJson(const nlohmann::json& j, ColumnInput& in);
// Typed field readers: an absent (or null) field leaves `out` as it is; a
// field of the wrong type is Malformed (400) naming it; a number out of
// [lo, hi] is Invalid (422) naming it and the range.
Status GetString(const nlohmann::json& j, const char* key, std::string* out);
Status GetInt(const nlohmann::json& j, const char* key, std::int64_t lo, std::int64_t hi,
              std::optional<std::int64_t>* out);
Status GetBool(const nlohmann::json& j, const char* key, bool* out);
// {"error": {"status": status, "message": message}}.
// {"error": {"status", "message" (English), "field" (when the error is
// about one input field)}}.
http::Response JsonError(int status, const std::string& message, const std::string& field = "");
// A JSON response with `status`.
http::Response JsonResponse(int status, const nlohmann::json& body);
// The request body as a JSON object; Invalid otherwise.
Result<nlohmann::json> ParseJsonObject(const http::Request& req);

}  // namespace procura::web
