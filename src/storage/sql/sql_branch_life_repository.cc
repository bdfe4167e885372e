#include "storage/sql/sql_branch_life_repository.h"

#include <string>

namespace procura::sql {
namespace {

constexpr const char* kMeetingColumns =
    "SELECT id, branch_id, group_id, kind, held_on, starts_at, place, topic, host, recorder, "
    "by_secretary, guide_id, minutes, resolutions, photos, records_filed_at, news_article_id, "
    "created_by, created_at, is_sample, version, ends_at FROM meetings ";

MeetingRecord ReadMeeting(const Statement& row) {
  MeetingRecord m;
  m.id = row.Int(0);
  m.branch_id = row.Int(1);
  m.group_id = row.OptInt(2);
  m.kind = row.Text(3);
  m.held_on = row.Text(4);
  m.starts_at = row.Text(5);
  m.place = row.Text(6);
  m.topic = row.Text(7);
  m.host = row.Text(8);
  m.recorder = row.Text(9);
  m.by_secretary = row.Int(10) != 0;
  m.guide_id = row.OptInt(11);
  m.minutes = row.Text(12);
  m.resolutions = row.Text(13);
  m.photos = row.Text(14);
  m.records_filed_at = row.OptInt(15);
  m.news_article_id = row.OptInt(16);
  m.created_by = row.OptInt(17);
  m.created_at = row.Int(18);
  m.is_sample = row.Int(19) != 0;
  m.version = row.Int(20);
  m.ends_at = row.Text(21);
  return m;
}

// Binds the fields an update rewrites as parameters 1-17 (branch_id ... ends_at).
void BindMeeting(Statement& st, const MeetingRecord& m) {
  st.Bind(1, m.branch_id).Bind(2, m.group_id).Bind(3, m.kind).Bind(4, m.held_on);
  st.Bind(5, m.starts_at).Bind(6, m.place).Bind(7, m.topic).Bind(8, m.host).Bind(9, m.recorder);
  st.Bind(10, std::int64_t{m.by_secretary}).Bind(11, m.guide_id).Bind(12, m.minutes);
  st.Bind(13, m.resolutions).Bind(14, m.photos).Bind(15, m.records_filed_at);
  st.Bind(16, m.news_article_id).Bind(17, m.ends_at);
}

// The WHERE clause of a MeetingFilter over the meetings table (alias
// `t`), with BindFilter binding its parameters 1-8.
std::string FilterWhere(const std::string& t) {
  return "WHERE (? = 0 OR " + t + "branch_id = ?) AND (? = '' OR " + t + "held_on >= ?) AND (? = '' OR " +
         t + "held_on <= ?) AND (? = 0 OR " + t + "id = ?) ";
}

void BindFilter(Statement& st, const MeetingFilter& f) {
  st.Bind(1, f.branch_id.value_or(0)).Bind(2, f.branch_id.value_or(0));
  st.Bind(3, f.from_day).Bind(4, f.from_day).Bind(5, f.to_day).Bind(6, f.to_day);
  st.Bind(7, f.meeting_id.value_or(0)).Bind(8, f.meeting_id.value_or(0));
}

}  // namespace

Result<std::int64_t> SqlBranchLifeRepository::InsertGroup(const PartyGroupRecord& g) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("INSERT INTO party_groups (branch_id, name) VALUES (?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, g.branch_id).Bind(2, g.name);
  return st->RunReturningId();
}

Result<std::vector<PartyGroupRecord>> SqlBranchLifeRepository::ListGroups(
    std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, branch_id, name FROM party_groups WHERE (? = 0 OR branch_id = ?) "
      "ORDER BY branch_id, name, id");
  if (!st.ok()) return st.status();
  st->Bind(1, branch.value_or(0)).Bind(2, branch.value_or(0));
  return st->Collect<PartyGroupRecord>([](const Statement& row) -> PartyGroupRecord {
    return {row.Int(0), row.Int(1), row.Text(2)};
  });
}

Status SqlBranchLifeRepository::PutGroupMember(const GroupMemberRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO party_group_members (group_id, member_id, leader) VALUES (?, ?, ?) "
      "ON CONFLICT (group_id, member_id) DO UPDATE SET leader = excluded.leader");
  if (!st.ok()) return st.status();
  st->Bind(1, m.group_id).Bind(2, m.member_id).Bind(3, std::int64_t{m.leader});
  return st->Run();
}

Result<std::vector<GroupMemberRecord>> SqlBranchLifeRepository::ListGroupMembers(
    std::optional<std::int64_t> group) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(group ? "SELECT group_id, member_id, leader FROM party_group_members "
                                "WHERE group_id = ? ORDER BY member_id"
                              : "SELECT group_id, member_id, leader FROM party_group_members "
                                "ORDER BY group_id, member_id");
  if (!st.ok()) return st.status();
  if (group) st->Bind(1, *group);
  return st->Collect<GroupMemberRecord>([](const Statement& row) -> GroupMemberRecord {
    return {row.Int(0), row.Int(1), row.Int(2) != 0};
  });
}

Result<std::int64_t> SqlBranchLifeRepository::InsertMeeting(const MeetingRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO meetings (branch_id, group_id, kind, held_on, starts_at, place, topic, host, "
      "recorder, by_secretary, guide_id, minutes, resolutions, photos, records_filed_at, "
      "news_article_id, ends_at, created_by, created_at, is_sample) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  BindMeeting(*st, m);
  st->Bind(18, m.created_by).Bind(19, m.created_at).Bind(20, std::int64_t{m.is_sample});
  return st->RunReturningId();
}

Status SqlBranchLifeRepository::UpdateMeeting(const MeetingRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE meetings SET branch_id = ?, group_id = ?, kind = ?, held_on = ?, starts_at = ?, "
      "place = ?, topic = ?, host = ?, recorder = ?, by_secretary = ?, guide_id = ?, minutes = ?, "
      "resolutions = ?, photos = ?, records_filed_at = ?, news_article_id = ?, ends_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  if (!st.ok()) return st.status();
  BindMeeting(*st, m);
  st->Bind(18, m.id).Bind(19, m.version);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::Conflict("the meeting changed meanwhile");
  return Status::Ok();
}

Status SqlBranchLifeRepository::DeleteMeeting(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM meetings WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such meeting");
  return Status::Ok();
}

Result<std::vector<MeetingRecord>> SqlBranchLifeRepository::ListMeetings(const MeetingFilter& f) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kMeetingColumns) + FilterWhere("") +
                        "ORDER BY held_on, starts_at, id");
  if (!st.ok()) return st.status();
  BindFilter(*st, f);
  return st->Collect<MeetingRecord>(ReadMeeting);
}

Status SqlBranchLifeRepository::SetMeetingMark(const MeetingMarkRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO meeting_attendance (meeting_id, member_id, mark, reason, method, marked_at, "
      "marked_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, member_id) DO UPDATE SET "
      "mark = excluded.mark, reason = excluded.reason, method = excluded.method, "
      "marked_at = excluded.marked_at, marked_by = excluded.marked_by");
  if (!st.ok()) return st.status();
  st->Bind(1, a.meeting_id).Bind(2, a.member_id).Bind(3, a.mark).Bind(4, a.reason);
  st->Bind(5, a.method).Bind(6, a.marked_at).Bind(7, a.marked_by);
  return st->Run();
}

Status SqlBranchLifeRepository::DeleteMeetingMark(std::int64_t meeting, std::int64_t member) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM meeting_attendance WHERE meeting_id = ? AND member_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, meeting).Bind(2, member);
  return st->Run();
}

Result<std::vector<MeetingMarkRecord>> SqlBranchLifeRepository::ListMeetingMarks(
    const MeetingFilter& f) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT a.meeting_id, a.member_id, a.mark, a.reason, a.method, a.marked_at, a.marked_by "
      "FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id " +
      FilterWhere("m.") + "ORDER BY a.meeting_id, a.member_id");
  if (!st.ok()) return st.status();
  BindFilter(*st, f);
  return st->Collect<MeetingMarkRecord>([](const Statement& row) -> MeetingMarkRecord {
    return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5),
            row.OptInt(6)};
  });
}

Status SqlBranchLifeRepository::SpendMeetingToken(std::int64_t meeting, std::int64_t slot,
                                                  std::int64_t member, UnixSeconds at) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO meeting_token_uses (meeting_id, slot, member_id, used_at) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, meeting).Bind(2, slot).Bind(3, member).Bind(4, at);
  return st->Run();
}

Status SqlBranchLifeRepository::PutMemberReview(const MemberReviewRecord& r) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO member_reviews (meeting_id, member_id, self_criticism, criticism) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (meeting_id, member_id) DO UPDATE SET "
      "self_criticism = excluded.self_criticism, criticism = excluded.criticism");
  if (!st.ok()) return st.status();
  st->Bind(1, r.meeting_id).Bind(2, r.member_id).Bind(3, r.self_criticism).Bind(4, r.criticism);
  return st->Run();
}

Result<std::vector<MemberReviewRecord>> SqlBranchLifeRepository::ListMemberReviews(
    std::int64_t meeting) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT meeting_id, member_id, self_criticism, criticism FROM member_reviews "
      "WHERE meeting_id = ? ORDER BY member_id");
  if (!st.ok()) return st.status();
  st->Bind(1, meeting);
  return st->Collect<MemberReviewRecord>([](const Statement& row) -> MemberReviewRecord {
    return {row.Int(0), row.Int(1), row.Text(2), row.Text(3)};
  });
}

Status SqlBranchLifeRepository::PutAppraisal(const AppraisalRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO appraisals (year, member_id, branch_id, rating, rated_at, rated_by) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year, member_id) DO UPDATE SET "
      "branch_id = excluded.branch_id, rating = excluded.rating, rated_at = excluded.rated_at, "
      "rated_by = excluded.rated_by");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{a.year}).Bind(2, a.member_id).Bind(3, a.branch_id).Bind(4, a.rating);
  st->Bind(5, a.rated_at).Bind(6, a.rated_by);
  return st->Run();
}

Result<std::vector<AppraisalRecord>> SqlBranchLifeRepository::ListAppraisals(
    int year, std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT year, member_id, branch_id, rating, rated_at, rated_by FROM appraisals "
      "WHERE year = ? AND (? = 0 OR branch_id = ?) ORDER BY branch_id, member_id");
  if (!st.ok()) return st.status();
  st->Bind(1, std::int64_t{year}).Bind(2, branch.value_or(0)).Bind(3, branch.value_or(0));
  return st->Collect<AppraisalRecord>([](const Statement& row) -> AppraisalRecord {
    return {static_cast<int>(row.Int(0)), row.Int(1), row.Int(2), row.Text(3), row.Int(4),
            row.OptInt(5)};
  });
}

Result<std::int64_t> SqlBranchLifeRepository::InsertGuide(const GuideRecord& g) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO branch_guides (period, title, topics, materials, report_by, published_at, "
      "published_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, g.period).Bind(2, g.title).Bind(3, g.topics).Bind(4, g.materials);
  st->Bind(5, g.report_by).Bind(6, g.published_at).Bind(7, g.published_by);
  return st->RunReturningId();
}

Result<std::vector<GuideRecord>> SqlBranchLifeRepository::Guides(const char* where,
                                                                 const std::string& text,
                                                                 std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT id, period, title, topics, materials, report_by, published_at, "
                  "published_by FROM branch_guides ") + where);
  if (!st.ok()) return st.status();
  if (id) st->Bind(1, id); else st->Bind(1, text);
  return st->Collect<GuideRecord>([](const Statement& row) -> GuideRecord {
    return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5),
            row.Int(6), row.OptInt(7)};
  });
}

Result<std::vector<GuideRecord>> SqlBranchLifeRepository::ListGuides(
    const std::string& year_prefix) {
  // Periods are "YYYY-MM" or "YYYY-Qn": the year is the first four bytes.
  return Guides("WHERE period LIKE ? ORDER BY period DESC, id DESC", year_prefix + "-%", 0);
}

Result<std::optional<GuideRecord>> SqlBranchLifeRepository::GetGuide(std::int64_t id) {
  auto rows = Guides("WHERE id = ?", "", id);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<GuideRecord>();
  return std::optional<GuideRecord>(rows->front());
}

Status SqlBranchLifeRepository::SetReminderEmail(std::int64_t user, const std::string& email) {
  std::lock_guard lock(db_);
  auto st = email.empty()
                ? db_.Prepare("DELETE FROM reminder_addresses WHERE user_id = ?")
                : db_.Prepare("INSERT INTO reminder_addresses (user_id, email) VALUES (?, ?) "
                              "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email");
  if (!st.ok()) return st.status();
  st->Bind(1, user);
  if (!email.empty()) st->Bind(2, email);
  return st->Run();
}

Result<std::vector<std::pair<std::int64_t, std::string>>>
SqlBranchLifeRepository::ListReminderEmails() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("SELECT user_id, email FROM reminder_addresses ORDER BY user_id");
  if (!st.ok()) return st.status();
  return st->Collect<std::pair<std::int64_t, std::string>>(
      [](const Statement& row) { return std::pair{row.Int(0), row.Text(1)}; });
}

Status SqlBranchLifeRepository::PutPlan(const PlanRecord& p) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO branch_plans (branch_id, year, body, filed_at, filed_by) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (branch_id, year) DO UPDATE SET body = excluded.body, "
      "filed_at = excluded.filed_at, filed_by = excluded.filed_by");
  if (!st.ok()) return st.status();
  st->Bind(1, p.branch_id).Bind(2, std::int64_t{p.year}).Bind(3, p.body).Bind(4, p.filed_at);
  st->Bind(5, p.filed_by);
  return st->Run();
}

Result<std::vector<PlanRecord>> SqlBranchLifeRepository::Plans(const char* where, std::int64_t a,
                                                               std::int64_t b) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT branch_id, year, body, filed_at, filed_by FROM branch_plans ") + where);
  if (!st.ok()) return st.status();
  st->Bind(1, a);
  if (b) st->Bind(2, b);
  return st->Collect<PlanRecord>([](const Statement& row) -> PlanRecord {
    return {row.Int(0), static_cast<int>(row.Int(1)), row.Text(2), row.Int(3), row.OptInt(4)};
  });
}

Result<std::optional<PlanRecord>> SqlBranchLifeRepository::GetPlan(std::int64_t branch, int year) {
  auto rows = Plans("WHERE year = ? AND branch_id = ?", year, branch);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PlanRecord>();
  return std::optional<PlanRecord>(rows->front());
}

Result<std::vector<PlanRecord>> SqlBranchLifeRepository::ListPlans(int year) {
  return Plans("WHERE year = ? ORDER BY branch_id", year, 0);
}

}  // namespace procura::sql
