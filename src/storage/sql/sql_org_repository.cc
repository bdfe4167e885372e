#include "storage/sql/sql_org_repository.h"

#include <algorithm>
#include <utility>

#include "i18n/catalogs.h"

namespace procura::sql {
namespace {

constexpr const char* kMemberColumns =
    "SELECT id, name, gender, birth_date, joined_date, branch_id, phone, status, user_id, "
    "is_sample, full_date, full_approved_on FROM members ";

MemberRecord ReadMember(const Statement& st) {
  MemberRecord m;
  m.id = st.Int(0);
  m.name = st.Text(1);
  m.gender = st.Text(2);
  m.birth_date = st.Text(3);
  m.joined_date = st.Text(4);
  m.branch_id = st.Int(5);
  m.phone = st.Text(6);
  m.status = st.Text(7);
  m.user_id = st.OptInt(8);
  m.is_sample = st.Int(9) != 0;
  m.full_date = st.Text(10);
  m.full_approved_on = st.Text(11);
  return m;
}

}  // namespace

Result<std::int64_t> SqlOrgRepository::InsertUnit(const OrgUnitRecord& u) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO org_units (parent_id, kind, name, department, position) VALUES (?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, u.parent_id).Bind(2, u.kind).Bind(3, u.name).Bind(4, u.department);
  st->Bind(5, std::int64_t{u.position});
  return st->RunReturningId();
}

Result<std::vector<OrgUnitRecord>> SqlOrgRepository::ListUnits() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT id, parent_id, kind, name, department, position, dissolved_on, dissolved_note "
      "FROM org_units ORDER BY coalesce(parent_id, 0), position, id");
  if (!st.ok()) return st.status();
  return st->Collect<OrgUnitRecord>([](const Statement& row) -> OrgUnitRecord {
    return {row.Int(0),  row.OptInt(1), row.Text(2),
            row.Text(3), row.Text(4),   static_cast<int>(row.Int(5)),
            row.Text(6), row.Text(7)};
  });
}

Status SqlOrgRepository::DissolveUnit(std::int64_t id, const std::string& day,
                                      const std::string& note) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE org_units SET dissolved_on = ?, dissolved_note = ? WHERE id = ? RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, day).Bind(2, note).Bind(3, id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such unit");
  return st->Run();  // finish the statement
}

Status SqlOrgRepository::UpdateUnit(const OrgUnitRecord& u) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE org_units SET name = ?, department = ?, position = ? WHERE id = ? RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, u.name).Bind(2, u.department).Bind(3, std::int64_t{u.position}).Bind(4, u.id);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such unit");
  return st->Run();  // finish the statement
}

Result<std::int64_t> SqlOrgRepository::InsertMember(const MemberRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO members (name, gender, birth_date, joined_date, branch_id, phone, status, "
      "user_id, is_sample, full_date, full_approved_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, m.name).Bind(2, m.gender).Bind(3, m.birth_date).Bind(4, m.joined_date);
  st->Bind(5, m.branch_id).Bind(6, m.phone).Bind(7, m.status).Bind(8, m.user_id);
  st->Bind(9, std::int64_t{m.is_sample ? 1 : 0}).Bind(10, m.full_date).Bind(11, m.full_approved_on);
  return st->RunReturningId();
}

Result<std::vector<MemberRecord>> SqlOrgRepository::Members(const std::string& where,
                                                               std::optional<std::int64_t> arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(kMemberColumns + where);
  if (!st.ok()) return st.status();
  if (arg) st->Bind(1, *arg);
  return st->Collect<MemberRecord>(
      [](const Statement& row) -> MemberRecord { return ReadMember(row); });
}

Result<std::optional<MemberRecord>> SqlOrgRepository::GetMember(std::int64_t id) {
  auto list = Members("WHERE id = ?", id);
  if (!list.ok()) return list.status();
  if (list->empty()) return std::optional<MemberRecord>();
  return std::optional<MemberRecord>(list->front());
}

Result<std::vector<MemberRecord>> SqlOrgRepository::ListMembers(
    std::optional<std::int64_t> branch) {
  auto list = branch ? Members("WHERE branch_id = ? ORDER BY name, id", branch)
                     : Members("ORDER BY branch_id, name, id", std::nullopt);
  if (!list.ok()) return list;
  // Names in pinyin order, as people look them up, on either backend (a
  // database's own collation puts 吕 before 李).
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i)
    keys.emplace_back(i18n::PinyinSortKey((*list)[i].name), i);
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    const auto branch_a = (*list)[a.second].branch_id, branch_b = (*list)[b.second].branch_id;
    return branch_a != branch_b ? branch_a < branch_b : a.first < b.first;
  });
  std::vector<MemberRecord> sorted;
  sorted.reserve(list->size());
  for (const auto& [key, i] : keys) sorted.push_back(std::move((*list)[i]));
  return sorted;
}

Status SqlOrgRepository::UpdateMember(const MemberRecord& m) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "UPDATE members SET name = ?, gender = ?, birth_date = ?, joined_date = ?, branch_id = ?, "
      "phone = ?, status = ?, user_id = ?, full_date = ?, full_approved_on = ? WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, m.name).Bind(2, m.gender).Bind(3, m.birth_date).Bind(4, m.joined_date);
  st->Bind(5, m.branch_id).Bind(6, m.phone).Bind(7, m.status).Bind(8, m.user_id);
  st->Bind(9, m.full_date).Bind(10, m.full_approved_on).Bind(11, m.id);
  return st->Run();
}

Status SqlOrgRepository::AddPost(const PostRecord& p) {
  std::lock_guard lock(db_);
  auto st =
      db_.Prepare("INSERT INTO member_posts (member_id, unit_id, post, since) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT DO NOTHING");
  if (!st.ok()) return st.status();
  st->Bind(1, p.member_id).Bind(2, p.unit_id).Bind(3, p.post).Bind(4, p.since);
  return st->Run();
}

Result<std::vector<PostRecord>> SqlOrgRepository::ListPosts() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "SELECT member_id, unit_id, post, since FROM member_posts ORDER BY unit_id, post");
  if (!st.ok()) return st.status();
  return st->Collect<PostRecord>([](const Statement& row) -> PostRecord {
    return {row.Int(0), row.Int(1), row.Text(2), row.Text(3)};
  });
}

Status SqlOrgRepository::RemovePosts(std::int64_t member_id, std::int64_t unit_id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM member_posts WHERE member_id = ? AND unit_id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, member_id).Bind(2, unit_id);
  return st->Run();
}

Status SqlOrgRepository::EndPost(const PostRecord& held, const std::string& ended_on) {
  std::lock_guard lock(db_);
  auto keep = db_.Prepare(
      "INSERT INTO member_post_history (member_id, unit_id, post, since, ended_on) "
      "SELECT member_id, unit_id, post, since, ? FROM member_posts "
      "WHERE member_id = ? AND unit_id = ? AND post = ?");
  if (!keep.ok()) return keep.status();
  keep->Bind(1, ended_on).Bind(2, held.member_id).Bind(3, held.unit_id).Bind(4, held.post);
  PROCURA_RETURN_IF_ERROR(keep->Run());
  auto drop = db_.Prepare("DELETE FROM member_posts WHERE member_id = ? AND unit_id = ? AND post = ?");
  if (!drop.ok()) return drop.status();
  drop->Bind(1, held.member_id).Bind(2, held.unit_id).Bind(3, held.post);
  return drop->Run();
}

Status SqlOrgRepository::ReinstatePost(const FormerPostRecord& p) {
  std::lock_guard lock(db_);
  auto held = db_.Prepare(
      "INSERT INTO member_posts (member_id, unit_id, post, since) "
      "SELECT member_id, unit_id, post, since FROM member_post_history WHERE id = ? "
      "ON CONFLICT DO NOTHING");
  if (!held.ok()) return held.status();
  held->Bind(1, p.id);
  PROCURA_RETURN_IF_ERROR(held->Run());
  auto drop = db_.Prepare("DELETE FROM member_post_history WHERE id = ?");
  if (!drop.ok()) return drop.status();
  drop->Bind(1, p.id);
  return drop->Run();
}

Result<std::vector<FormerPostRecord>> SqlOrgRepository::ListFormerPosts(
    std::optional<std::int64_t> member) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT member_id, unit_id, post, since, ended_on, id FROM member_post_history ") +
      (member ? "WHERE member_id = ? " : "") + "ORDER BY ended_on, since, id");
  if (!st.ok()) return st.status();
  if (member) st->Bind(1, *member);
  return st->Collect<FormerPostRecord>([](const Statement& row) -> FormerPostRecord {
    return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Int(5)};
  });
}

Result<std::int64_t> SqlOrgRepository::InsertFormerPost(const FormerPostRecord& p) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO member_post_history (member_id, unit_id, post, since, ended_on) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id");
  if (!st.ok()) return st.status();
  st->Bind(1, p.member_id).Bind(2, p.unit_id).Bind(3, p.post).Bind(4, p.since).Bind(5, p.ended_on);
  return st->RunReturningId();
}

Status SqlOrgRepository::DeleteFormerPost(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare("DELETE FROM member_post_history WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (st->Changes() == 0) return Status::NotFound("no such former post");
  return Status::Ok();
}

Status SqlOrgRepository::InsertTransfer(const TransferRecord& t) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      "INSERT INTO member_transfers (member_id, from_branch, to_branch, at, by_user, note) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, t.member_id).Bind(2, t.from_branch).Bind(3, t.to_branch).Bind(4, t.at);
  st->Bind(5, t.by_user).Bind(6, t.note);
  return st->Run();
}

Result<std::vector<TransferRecord>> SqlOrgRepository::Transfers(const char* where,
                                                                std::int64_t value) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(
      std::string("SELECT id, member_id, from_branch, to_branch, at, by_user, note FROM member_transfers ") +
      where + " ORDER BY at, id");
  if (!st.ok()) return st.status();
  st->Bind(1, value);
  return st->Collect<TransferRecord>([](const Statement& row) -> TransferRecord {
    return {row.Int(0), row.Int(1),    row.OptInt(2), row.OptInt(3),
            row.Int(4), row.OptInt(5), row.Text(6)};
  });
}

Result<std::vector<TransferRecord>> SqlOrgRepository::ListTransfers(std::int64_t member_id) {
  return Transfers("WHERE member_id = ?", member_id);
}

Result<std::vector<TransferRecord>> SqlOrgRepository::ListTransfersOutOf(std::int64_t branch) {
  return Transfers("WHERE from_branch = ?", branch);
}

Result<std::optional<MemberRecord>> SqlOrgRepository::MemberForUser(std::int64_t user_id) {
  auto list = Members("WHERE user_id = ?", user_id);
  if (!list.ok()) return list.status();
  if (list->empty()) return std::optional<MemberRecord>();
  return std::optional<MemberRecord>(list->front());
}

}  // namespace procura::sql
