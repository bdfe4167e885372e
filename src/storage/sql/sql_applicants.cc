// SqlOrgRepository, second part: 发展党员 applicants.
#include "storage/sql/sql_org_repository.h"

namespace procura::sql {
namespace {

constexpr const char* kApplicantColumns =
    "SELECT id, name, gender, birth_date, branch_id, phone, applied_on, activist_on, "
    "candidate_on, admitted_on, member_id, created_at, sponsor1_id, sponsor2_id, stopped_on, "
    "stop_reason FROM party_applicants ";

ApplicantRecord ReadApplicant(const Statement& st) {
  ApplicantRecord a;
  a.id = st.Int(0);
  a.name = st.Text(1);
  a.gender = st.Text(2);
  a.birth_date = st.Text(3);
  a.branch_id = st.Int(4);
  a.phone = st.Text(5);
  a.applied_on = st.Text(6);
  a.activist_on = st.Text(7);
  a.candidate_on = st.Text(8);
  a.admitted_on = st.Text(9);
  a.member_id = st.OptInt(10);
  a.created_at = st.Int(11);
  a.sponsor1_id = st.OptInt(12);
  a.sponsor2_id = st.OptInt(13);
  a.stopped_on = st.Text(14);
  a.stop_reason = st.Text(15);
  return a;
}

// Binds the fields every write shares, from parameter 1 on; returns the next.
int BindFields(Statement& st, const ApplicantRecord& a) {
  st.Bind(1, a.name).Bind(2, a.gender).Bind(3, a.birth_date).Bind(4, a.branch_id);
  st.Bind(5, a.phone).Bind(6, a.applied_on).Bind(7, a.activist_on).Bind(8, a.candidate_on);
  st.Bind(9, a.admitted_on).Bind(10, a.member_id).Bind(11, a.sponsor1_id).Bind(12, a.sponsor2_id);
  st.Bind(13, a.stopped_on).Bind(14, a.stop_reason);
  return 15;
}

constexpr const char* kStepColumns =
    "SELECT s.applicant_id, s.step, s.done_on, s.note, s.person1_id, s.person2_id "
    "FROM applicant_steps s ";

ApplicantStepRecord ReadStep(const Statement& st) {
  return {st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.OptInt(4), st.OptInt(5)};
}

}  // namespace

Result<std::int64_t> SqlOrgRepository::InsertApplicant(const ApplicantRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO party_applicants (name, gender, birth_date, branch_id, phone, applied_on, "
      "activist_on, candidate_on, admitted_on, member_id, sponsor1_id, sponsor2_id, stopped_on, "
      "stop_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(BindFields(*st, a), a.created_at);
  return st->RunReturningId();
}

Result<std::optional<ApplicantRecord>> SqlOrgRepository::GetApplicant(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kApplicantColumns) + "WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto rows = st->Collect<ApplicantRecord>(ReadApplicant);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ApplicantRecord>{};
  return std::optional<ApplicantRecord>{rows->front()};
}

Result<std::vector<ApplicantRecord>> SqlOrgRepository::ListApplicants(
    std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kApplicantColumns) +
                        "WHERE (? = 0 OR branch_id = ?) ORDER BY applied_on, id");
  if (!st.ok()) return st.status();
  const std::int64_t unit = branch.value_or(0);
  st->Bind(1, unit).Bind(2, unit);
  return st->Collect<ApplicantRecord>(ReadApplicant);
}

Status SqlOrgRepository::UpdateApplicant(const ApplicantRecord& a) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE party_applicants SET name = ?, gender = ?, birth_date = ?, branch_id = ?, "
      "phone = ?, applied_on = ?, activist_on = ?, candidate_on = ?, admitted_on = ?, "
      "member_id = ?, sponsor1_id = ?, sponsor2_id = ?, stopped_on = ?, stop_reason = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(BindFields(*st, a), a.id);
  return st->Run();
}

Status SqlOrgRepository::PutApplicantStep(const ApplicantStepRecord& s) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO applicant_steps (applicant_id, step, done_on, note, person1_id, person2_id) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (applicant_id, step) DO UPDATE SET "
      "done_on = excluded.done_on, note = excluded.note, person1_id = excluded.person1_id, "
      "person2_id = excluded.person2_id");
  if (!st.ok()) return st.status();
  st->Bind(1, s.applicant_id).Bind(2, s.step).Bind(3, s.done_on).Bind(4, s.note);
  st->Bind(5, s.person1_id).Bind(6, s.person2_id);
  return st->Run();
}

Status SqlOrgRepository::DeleteApplicantStep(std::int64_t applicant_id, const std::string& step) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM applicant_steps WHERE applicant_id = ? AND step = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, applicant_id).Bind(2, step);
  return st->Run();
}

Result<std::vector<ApplicantStepRecord>> SqlOrgRepository::ListApplicantSteps(
    std::optional<std::int64_t> branch) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kStepColumns) +
                        "JOIN party_applicants a ON a.id = s.applicant_id "
                        "WHERE (? = 0 OR a.branch_id = ?) ORDER BY s.applicant_id, s.done_on, s.step");
  if (!st.ok()) return st.status();
  const std::int64_t unit = branch.value_or(0);
  st->Bind(1, unit).Bind(2, unit);
  return st->Collect<ApplicantStepRecord>(ReadStep);
}

Result<std::vector<ApplicantStepRecord>> SqlOrgRepository::StepsOfApplicant(
    std::int64_t applicant_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string(kStepColumns) +
                        "WHERE s.applicant_id = ? ORDER BY s.done_on, s.step");
  if (!st.ok()) return st.status();
  st->Bind(1, applicant_id);
  return st->Collect<ApplicantStepRecord>(ReadStep);
}

}  // namespace procura::sql
