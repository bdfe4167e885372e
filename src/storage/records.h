// Plain records that cross the storage boundary. Backends fill them; the
// content layer reads them. No behaviour lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace procura {

struct SiteRecord {
  std::string name;              // "Provincial People's Procuratorate"
  std::string tagline;           // shown under the name in the header
  std::string footer_text;       // address, sponsor line
  std::string icp;               // ICP filing number, shown in the footer
  std::string lang = "en";       // the primary language ("zh-CN" or "en"), served at /
  int utc_offset_minutes = 480;  // display zone; +08:00 for China
  // The same in the second language ("" → the primary language's text).
  std::string second_name, second_tagline, second_footer_text;
  std::string public_url;  // "https://www.example.gov.cn" (no trailing slash); "" = unset
  std::string description, second_description;  // for search engines and feeds
  bool show_byline_labels = false;  // show "Author:" / "News source:" even when empty
  std::string robots_disallow;      // path prefixes for robots.txt, one per line
  std::string site_code;      // 网站标识码 (10 digits or letters), shown in the footer
  std::string police_filing;  // 公安机关备案号, e.g. 浙公网安备 33010602000001号
  bool show_12309 = false;    // the home page's 12309 and 案件信息公开 block
};

struct ColumnRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string slug;  // [a-z0-9-]{1,64}, unique; forms the column's URL
  std::string name;
  std::string description;
  int position = 0;  // order among siblings, ascending
  bool hidden = false;
  // Four eyes: the approver is not who wrote or last edited the article.
  // On for new columns; columns from before schema v10 start off.
  bool four_eyes = true;
  std::string second_name;  // the name in the site's second language ("" → name)
  // The description in the second language ("": its pages describe the
  // column by name, and show no description).
  std::string second_description;
  // Review steps an article needs before it goes public (三审三校):
  // 1 (one review), 2 (初审, 终审) or 3 (初审, 复审, 终审).
  int review_steps = 1;
  // What the inspection holds it to: "news" (stale after 2 weeks),
  // "notice" or "policy" (after 6 months), "other" (never stale).
  std::string column_type = "news";
};

// A reviewer of a column and the review steps they may take there: a bit
// mask, 1 = first (初审), 2 = second (复审), 4 = final (终审).
inline constexpr int kAllReviewSteps = 7;
struct ReviewerGrant {
  std::int64_t user_id = 0;
  int steps = kAllReviewSteps;
  bool operator==(const ReviewerGrant&) const = default;
};

// What happened at a review step.
inline constexpr const char* kReviewPass = "pass";        // passed; the next step follows
inline constexpr const char* kReviewPublish = "publish";  // the last step passed: published
inline constexpr const char* kReviewReturn = "return";    // returned to the writer
inline constexpr const char* kReviewRestart = "restart";  // edited after a step: chain restarts

// One row of an article's review record (审核记录), append-only.
struct ReviewStepRecord {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  int step = 0;          // 1..3; 0 for a restart
  int steps_needed = 1;  // the column's setting when the step was taken
  std::string outcome;   // kReviewPass, ...
  std::optional<std::int64_t> reviewer_id;
  std::string reviewer_name;
  UnixSeconds at = 0;
  std::int64_t revision_number = 0;  // the revision reviewed
  std::string text_hash;             // SHA-256 of the text that would go public
  std::string findings;              // the word-list findings shown, summarized
  std::string override_reason;       // why warnings were overridden
  std::string note;                  // a return's reason; a restart's cause
};

struct MediaRecord {
  std::int64_t id = 0;
  std::string stored_name;  // server-generated file name under <data>/media
  std::string mime;
  std::int64_t byte_size = 0;
  int width = 0;
  int height = 0;
  std::string alt_text;
  UnixSeconds created_at = 0;
  std::string kind = "image";  // "image" or "document"
  std::string original_name;   // sanitized uploader's name, for downloads
  std::string variants;        // "480:a-w480.jpg;960:a-w960.jpg" (images)
  std::optional<std::int64_t> uploaded_by;
  // A party-meeting or training-class photo no published article has used
  // yet: records, not a publication. Served to staff only
  // (/admin/media-file/<name>) until an article using it is published,
  // which releases it (ReleaseMedia).
  bool is_private = false;
};

// One place a media item is used (ContentRepository::FindMediaUses):
// an article (as its lead image, in its body or pending revision, or as an
// attachment), a branch meeting's photos or a training class's photos.
struct MediaUse {
  std::string kind;  // "article", "meeting" or "class"
  std::int64_t id = 0;
  std::string title;  // the article's title, the meeting's topic, the class's title
};

// A file listed under an article as a download.

struct AttachmentRecord {
  std::int64_t article_id = 0;
  std::int64_t media_id = 0;
  int position = 0;
  // A change to a published article's attachments awaiting review:
  // "add" (not public yet), "remove" (still public), or "" (settled).
  std::string pending;
};

// Article states (see content/workflow.h for the transitions).
inline constexpr const char* kStatusDraft = "draft";
inline constexpr const char* kStatusSubmitted = "submitted";
inline constexpr const char* kStatusScheduled = "scheduled";
inline constexpr const char* kStatusPublished = "published";
inline constexpr const char* kStatusWithdrawn = "withdrawn";

struct ArticleRecord {
  std::int64_t id = 0;
  std::int64_t column_id = 0;
  std::string title;
  std::string author;
  std::string news_source;
  std::string status = kStatusDraft;
  std::optional<UnixSeconds> published_at;  // set once, when first published
  std::optional<std::int64_t> lead_media_id;
  std::string lead_caption;
  std::string body_md;     // empty in summaries
  bool is_sample = false;  // generated demo text, labelled on the page
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  std::optional<std::int64_t> created_by;        // user id
  std::string status_reason;                     // why returned or withdrawn
  std::optional<UnixSeconds> scheduled_at;       // publish time asked for
  std::string lead_alt;                          // alt text of the lead image here
  std::optional<std::int64_t> pending_revision;  // an edit of a published article awaiting review
  std::int64_t version = 1;                      // optimistic concurrency
  // The rendered body (stored when the text is saved; readers never parse
  // Markdown). nullopt: not rendered yet, or the render failed and
  // render_error says why. Loaded with body_md only.
  std::optional<std::string> body_html;
  std::string render_error;
  std::optional<std::int64_t> last_edited_by;  // who saved the current text
  std::string lang = "zh-CN";                   // "zh-CN" or "en"
  std::optional<std::int64_t> translation_of;   // the article this one translates
  // 置顶: pinned to the top of its column (first list page, home-page
  // block) since pinned_at, until pinned_until (none: until unpinned).
  // Set only by ArticleWorkflow::Pin/Unpin, never by a save.
  std::optional<UnixSeconds> pinned_at;
  std::optional<UnixSeconds> pinned_until;
};

// A saved copy of an article's editable fields.
struct RevisionRecord {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::int64_t number = 0;  // 1, 2, ... per article
  std::optional<std::int64_t> saved_by;
  UnixSeconds saved_at = 0;
  std::string note;
  std::int64_t column_id = 0;
  std::string title, author, news_source;
  std::optional<std::int64_t> lead_media_id;
  std::string lead_caption, lead_alt, body_md;
  std::optional<std::string> body_html;  // as rendered when saved
};

struct ArticleFilter {
  std::string status;  // "" for any
  std::optional<std::int64_t> column_id;
  std::optional<std::int64_t> created_by;
  std::string title_contains;  // case-insensitive substring
  std::string lang;            // "zh-CN" or "en"; "" for any
  std::optional<UnixSeconds> updated_from, updated_to;
  bool pending_only = false;  // published with an edit awaiting review
  bool render_failed_only = false;  // the body could not be formatted
  int limit = 50;
  int offset = 0;
};

// One page of the media library, newest first.
struct MediaQuery {
  std::string kind;  // "image" or "document"; "" for both
  std::string text;  // in the file's name or alt text (any case); "" for any
  std::int64_t offset = 0;
  int limit = 50;  // 0: only the total
};

// One page of articles (ArticleRepository::FindArticles).
struct ArticlePage {
  std::vector<ArticleRecord> items;
  std::int64_t total = 0;  // every match, not just this page's
};

struct MediaPage {
  std::vector<MediaRecord> items;
  std::int64_t total = 0;  // every match, not just this page's
};

struct TotpState {
  std::string secret;  // base32; empty when not set up
  bool enabled = false;
  std::int64_t last_step = 0;  // the last time step used (replay guard)
};

struct UserRecord {
  std::int64_t id = 0;
  std::string name;  // login name, unique case-insensitively
  std::string display_name;
  std::string password_hash;  // Argon2id encoded string
  bool disabled = false;
  UnixSeconds created_at = 0;
  std::vector<std::string> roles;  // "admin", "editor", ...
  std::string lang;                // the newsroom's language: "zh-CN", "en", "" = the site's
};

struct SessionRecord {
  std::string token_hash;  // hash of the cookie token; the token is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;
  std::string ip;
  std::string user_agent;  // as auth::UserAgentToKeep keeps it; '' if not known
};

// A user's calendar address (the token itself is never stored).
struct CalendarLinkRecord {
  std::int64_t user_id = 0;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> last_read_at;  // a calendar last fetched it (to the hour)
};

struct AuditEntry {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  std::optional<std::int64_t> actor_id;
  std::string actor_name;  // "" for anonymous; "cli" for the command line
  std::string ip;
  std::string action;       // "login", "login.failed", "article.publish", ...
  std::string object_type;  // "article", "user", "column", ...
  std::optional<std::int64_t> object_id;
  std::string detail;  // human-readable; old → new values for changes
};

struct AuditFilter {
  std::string actor, action, object_type;  // "" for any; action matches a prefix
  std::optional<std::int64_t> object_id;   // with object_type: one object's rows
  std::optional<UnixSeconds> from, to;
  int limit = 100;
  int offset = 0;
};

}  // namespace procura
