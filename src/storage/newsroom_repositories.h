// Repositories for the newsroom: accounts and sessions, the article write
// side with revisions, and the append-only audit log. Same contract as
// storage.h: thread-safe, errors as values, a failed call changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Inserts the user with its roles; AlreadyExists if the name is taken.
  virtual Result<std::int64_t> InsertUser(const UserRecord& u) = 0;
  // Case-insensitive by name. nullopt if there is none.
  virtual Result<std::optional<UserRecord>> FindUserByName(const std::string& name) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(std::int64_t id) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Status UpdatePasswordHash(std::int64_t user_id, const std::string& hash) = 0;
  virtual Status SetDisabled(std::int64_t user_id, bool disabled) = 0;
  // The newsroom's language for the user: "zh-CN", "en" or "" (the site's).
  virtual Status SetLanguage(std::int64_t user_id, const std::string& lang) = 0;
  virtual Status SetRoles(std::int64_t user_id, const std::vector<std::string>& roles) = 0;

  // Columns `user_id` reviews.
  virtual Result<std::vector<std::int64_t>> ReviewerColumns(std::int64_t user_id) = 0;
  // Users who review `column_id`.
  virtual Result<std::vector<std::int64_t>> ColumnReviewers(std::int64_t column_id) = 0;
  // The reviewers of `column_id` with the steps each may take, by user id.
  virtual Result<std::vector<ReviewerGrant>> ColumnReviewerGrants(std::int64_t column_id) = 0;
  // The columns `user_id` reviews, each with the steps they may take there
  // (ReviewerGrant.user_id holds the column id).
  virtual Result<std::vector<ReviewerGrant>> ReviewerGrants(std::int64_t user_id) = 0;
  // Replaces the reviewers of `column_id` and their steps.
  virtual Status SetColumnReviewers(std::int64_t column_id,
                                    const std::vector<ReviewerGrant>& grants) = 0;
  // The same for column editors: editors an admin lets change anyone's
  // articles in the column.
  virtual Result<std::vector<std::int64_t>> EditorColumns(std::int64_t user_id) = 0;
  virtual Result<std::vector<std::int64_t>> ColumnEditors(std::int64_t column_id) = 0;
  virtual Status SetColumnEditors(std::int64_t column_id,
                                  const std::vector<std::int64_t>& user_ids) = 0;

  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, UnixSeconds at) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Status DeleteUserSessions(std::int64_t user_id) = 0;
  // The user's sessions, newest first (expired ones too, until swept).
  virtual Result<std::vector<SessionRecord>> ListUserSessions(std::int64_t user_id) = 0;
  // Deletes the user's sessions but the one hashed `keep`; how many went.
  virtual Result<int> DeleteOtherSessions(std::int64_t user_id, const std::string& keep) = 0;

  // API tokens: only hashes are stored.
  virtual Status InsertApiToken(std::int64_t user_id, const std::string& token_hash,
                                const std::string& label, UnixSeconds at) = 0;
  // The user id of a live (not revoked) token, or nullopt.
  virtual Result<std::optional<std::int64_t>> FindApiTokenUser(const std::string& token_hash) = 0;
  virtual Status RevokeApiTokens(std::int64_t user_id) = 0;

  // Calendar addresses: one per user, only the hash stored. Put replaces
  // the user's earlier one (its hash then finds nobody) and clears its
  // last read.
  virtual Status PutCalendarLink(std::int64_t user_id, const std::string& token_hash,
                                 UnixSeconds at) = 0;
  virtual Status DeleteCalendarLink(std::int64_t user_id) = 0;
  virtual Result<std::optional<CalendarLinkRecord>> GetCalendarLink(std::int64_t user_id) = 0;
  virtual Result<std::optional<std::int64_t>> FindCalendarLinkUser(const std::string& token_hash) = 0;
  // Notes a fetch at `at` unless one was noted after `at - every` (so a
  // calendar polling often writes at most once per `every` seconds).
  virtual Status TouchCalendarLink(std::int64_t user_id, UnixSeconds at, UnixSeconds every) = 0;

  // Sign-in failures, aggregated: one row per (account name, client)
  // with a count (SweepLoginThrottle keeps the table bounded).
  virtual Status RecordLoginFailure(const std::string& name, const std::string& client,
                                    UnixSeconds at) = 0;
  // (failures, last failure time) for the pair; (0, 0) if none.
  virtual Result<std::pair<int, UnixSeconds>> LoginFailures(const std::string& name,
                                                            const std::string& client) = 0;
  // Failures from `client` for any account whose last failure is at or
  // after `since`.
  virtual Result<int> ClientFailuresSince(const std::string& client, UnixSeconds since) = 0;
  virtual Status ClearLoginFailures(const std::string& name, const std::string& client) = 0;

  // Second factor (TOTP) state of a user.
  virtual Result<TotpState> GetTotp(std::int64_t user_id) = 0;
  virtual Status SetTotp(std::int64_t user_id, const TotpState& state) = 0;
  // Records `step` as the last one used, if it is later than the last:
  // true when recorded, false for a replayed (or older) step.
  virtual Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) = 0;
  virtual Status ReplaceRecoveryCodes(std::int64_t user_id,
                                      const std::vector<std::string>& code_hashes) = 0;
  // Marks an unused code used; false if there is none with that hash.
  virtual Result<bool> UseRecoveryCode(std::int64_t user_id, const std::string& code_hash,
                                       UnixSeconds at) = 0;
  virtual Result<int> RecoveryCodesLeft(std::int64_t user_id) = 0;
  // Tickets between the password and the second factor (SweepMfaTickets
  // removes stale ones).
  virtual Status InsertMfaTicket(const std::string& token_hash, std::int64_t user_id,
                                 UnixSeconds at) = 0;
  virtual Result<std::optional<std::pair<std::int64_t, UnixSeconds>>> FindMfaTicket(
      const std::string& token_hash) = 0;
  virtual Status DeleteMfaTicket(const std::string& token_hash) = 0;

  // Sweepers: each deletes what has expired and says how many rows went.
  // Sessions last seen before `idle_before` or created before
  // `created_before`; throttle rows last failing before `before`; second-
  // step tickets created before `before`.
  virtual Result<int> SweepSessions(UnixSeconds idle_before, UnixSeconds created_before) = 0;
  virtual Result<int> SweepLoginThrottle(UnixSeconds before) = 0;
  virtual Result<int> SweepMfaTickets(UnixSeconds before) = 0;
};

// An article's body as stored, for rendering it again (procura rerender).
struct StoredBody {
  std::int64_t id = 0, version = 0, column_id = 0;
  std::string title, body_md, body_html;
};

class ArticleRepository {
 public:
  virtual ~ArticleRepository() = default;
  // Articles in any state without bodies, most recently updated first.
  virtual Result<std::vector<ArticleRecord>> ListArticles(const ArticleFilter& f) = 0;
  virtual Result<std::int64_t> CountArticles(const ArticleFilter& f) = 0;
  // ListArticles and CountArticles in one: the page f.limit/f.offset and
  // the total of every match, found in a single pass over the articles
  // where it can (a text search reads every body once, not twice).
  virtual Result<ArticlePage> FindArticles(const ArticleFilter& f) = 0;
  // Writes every field of `a` if its version still matches; bumps the
  // version (a.version + 1). Conflict if someone saved in between.
  virtual Status UpdateArticle(const ArticleRecord& a) = 0;
  // Appends a revision numbered one past the article's last; returns its id.
  virtual Result<std::int64_t> InsertRevision(const RevisionRecord& r) = 0;
  // An article's revisions, newest first (with bodies).
  virtual Result<std::vector<RevisionRecord>> ListRevisions(std::int64_t article_id) = 0;
  virtual Result<std::optional<RevisionRecord>> GetRevision(std::int64_t revision_id) = 0;
  // Scheduled articles whose time has come (scheduled_at <= now).
  virtual Result<std::vector<ArticleRecord>> DueScheduled(UnixSeconds now) = 0;
  // The earliest scheduled_at of any scheduled article.
  virtual Result<std::optional<UnixSeconds>> NextScheduled() = 0;
  // Sets or clears (`pinned_at` nullopt) article `id`'s pin, without
  // touching its version: pinning is not an edit. NotFound if no such row.
  virtual Status SetArticlePin(std::int64_t id, std::optional<UnixSeconds> pinned_at,
                               std::optional<UnixSeconds> pinned_until) = 0;
  // Pinned articles whose pinned_until is at or before `now`.
  virtual Result<std::vector<ArticleRecord>> PinsDue(UnixSeconds now) = 0;
  // How many published articles of `column_id` in `lang` are pinned now.
  virtual Result<std::int64_t> CountPinned(std::int64_t column_id, const std::string& lang) = 0;
  // Records which media files up to `limit` articles stored before the
  // media index (or whose write stopped halfway) show, oldest first; how
  // many it recorded, 0 once all are. Until then FindMediaUses scans
  // those articles' bodies, so its answers are whole either way.
  virtual Result<int> IndexMediaRefs(int limit) = 0;
  // Up to `limit` articles with ids above `after_id` whose body has not
  // been rendered and has not failed to render: (id, body_md), by id.
  virtual Result<std::vector<std::pair<std::int64_t, std::string>>> ListUnrendered(
      std::int64_t after_id, int limit) = 0;
  // Stores a rendering (html, or the error) for an article that has none
  // yet (a save meanwhile stored its own). Does not change the version.
  virtual Status StoreRendering(std::int64_t id, const std::optional<std::string>& html,
                                const std::string& error) = 0;
  // Up to `limit` articles with ids above `after_id` that have a rendering,
  // by id.
  virtual Result<std::vector<StoredBody>> ListRenderedBodies(std::int64_t after_id, int limit) = 0;
  // Replaces article `id`'s rendering (and clears its render error) while
  // it is still at `version`; false when it is not (a save meanwhile
  // stored its own). Changes neither the version nor any date.
  virtual Result<bool> ReplaceRendering(std::int64_t id, std::int64_t version,
                                        const std::string& html) = 0;
  // The Markdown rules (content/markdown.h, kMarkdownRules) every stored
  // rendering was last brought up to; 0 when never recorded.
  virtual Result<int> RenderingRules() = 0;
  // Records `rules` unless newer rules are recorded already (an upgraded
  // node's record is never lowered by an older one still serving).
  virtual Status RecordRenderingRules(int rules) = 0;
  // Column changes (admin): rename, reorder, move, hide.
  virtual Status UpdateColumn(const ColumnRecord& c) = 0;

  // The review record (审核记录), append-only: no row is changed or
  // deleted (the schema refuses it). Appends `r` (its id is ignored).
  virtual Result<std::int64_t> AppendReviewStep(const ReviewStepRecord& r) = 0;
  // An article's review rows, oldest first.
  virtual Result<std::vector<ReviewStepRecord>> ReviewStepsOf(std::int64_t article_id) = 0;
  // Review rows taken in [from, to], oldest first (the inspector's export).
  virtual Result<std::vector<ReviewStepRecord>> ReviewStepsBetween(UnixSeconds from,
                                                                   UnixSeconds to) = 0;
  // The number of an article's latest revision (0 if none).
  virtual Result<std::int64_t> LatestRevisionNumber(std::int64_t article_id) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends `e` (its id is ignored). The log cannot be changed or deleted.
  virtual Status Append(const AuditEntry& e) = 0;
  // Entries matching `f`, newest first.
  virtual Result<std::vector<AuditEntry>> Query(const AuditFilter& f) = 0;
};

}  // namespace procura
