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

}  // namespace procura::sql
