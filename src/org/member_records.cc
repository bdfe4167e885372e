// The member records' rules (ValidateMember, the 转正 date) and the service
// that writes them, audited: create, update, one field at a time, full
// membership and its approval, and the import's commit (its reading of the
// table is member_import.cc).
#include "org/member_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "org/probation.h"
#include "tabular/table.h"

namespace procura::org {
namespace {

// 转正: a full member's day comes when the probation year ends, or up to a
// year later when the branch extended it; a probationary member has none.
void ValidateFullDate(const MemberRecord& m, bool joined_ok, const std::string& today,
                      std::vector<Status>& problems) {
  const auto problem = [&](const char* msgid, MessageArgs args = {}) {
    problems.push_back(Status::Invalid(msgid, std::move(args)).WithField("full_date"));
  };
  if (m.status == "probationary")
    return problem(N_("A probationary member has no date of full membership yet; leave it "
                      "empty, or choose full member."));
  if (!IsIsoDate(m.full_date) || m.full_date > today)
    return problem(N_("Enter the date of full membership as a past date, YYYY-MM-DD."));
  if (!joined_ok) return;
  const std::string ends = ProbationEnds(m.joined_date);
  const std::string latest = ProbationEnds(ends);
  if (m.full_date < ends)
    problem(N_("Full membership starts when the probation year ends, on {date} or later."),
            {{"date", ends}});
  else if (m.full_date > latest)
    problem(N_("Full membership comes at most a year after the probation year ends (an "
               "extended probation ends by {date})."),
            {{"date", latest}});
}

}  // namespace

Status ValidateMember(const MemberRecord& m, const std::vector<OrgUnitRecord>& units) {
  std::vector<Status> problems;  // every one, so the form can show them all
  const auto problem = [&](const char* msgid, const char* field) {
    problems.push_back(Status::Invalid(msgid).WithField(field));
  };
  if (m.name.empty() || !IsValidUtf8(m.name) || Utf8Length(m.name) > 50)
    problem(N_("Enter a name of 1 to 50 characters."), "name");
  if (m.gender != "male" && m.gender != "female") problem(N_("Choose male or female."), "gender");
  const std::string today = FormatDate(NowUnix(), 480);
  const bool birth_ok = IsIsoDate(m.birth_date) && m.birth_date <= today;
  const bool joined_ok = IsIsoDate(m.joined_date) && m.joined_date <= today;
  if (!birth_ok) problem(N_("Enter the birth date as a past date, YYYY-MM-DD."), "birth_date");
  if (!joined_ok)
    problem(N_("Enter the date of joining as a past date, YYYY-MM-DD."), "joined_date");
  // One joins the Party at eighteen or older (the Party Constitution, article 1).
  if (const std::string eighteen = birth_ok ? EighteenthBirthday(m.birth_date) : "";
      joined_ok && birth_ok && m.joined_date < eighteen)
    problems.push_back(
        Status::Invalid(N_("One joins the Party at eighteen or older: on {date} or later."),
                        {{"date", eighteen}})
            .WithField("joined_date"));
  if (!m.full_date.empty()) ValidateFullDate(m, joined_ok, today, problems);
  if (!m.full_approved_on.empty() &&
      (m.full_date.empty() || !IsIsoDate(m.full_approved_on) ||
       m.full_approved_on < m.full_date || m.full_approved_on > today))
    problems.push_back(
        Status::Invalid(N_("Enter the day the higher committee approved full membership, from the "
                           "day of full membership ({date}) to today, YYYY-MM-DD."),
                        {{"date", m.full_date.empty() ? "-" : m.full_date}})
            .WithField("full_approved_on"));
  if (m.phone.size() > 20 || m.phone.find_first_not_of("0123456789+- ") != std::string::npos)
    problem(N_("A phone number has only digits, spaces, + and -, at most 20."), "phone");
  if (m.status != "full" && m.status != "probationary" && m.status != kTransferredOut)
    problem(N_("Choose full member, probationary member or transferred out."), "status");
  const auto branch = std::find_if(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
    return u.id == m.branch_id && u.kind == "branch";
  });
  if (branch == units.end())
    problem(N_("Choose an existing party branch."), "branch");
  else if (branch->dissolved() && m.current())  // only its former members stay
    problems.push_back(Status::Invalid(N_("That branch was dissolved on {day}: choose a branch "
                                          "that stands."),
                                       {{"day", branch->dissolved_on}})
                           .WithField("branch"));
  return Status::AllOf(std::move(problems));
}

Result<std::vector<RecordProblems>> MemberRecords::Check(const auth::Principal& who) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer checks the records."));
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  auto members = storage_.org().ListMembers(std::nullopt);
  if (!members.ok()) return members.status();
  std::vector<RecordProblems> out;
  for (MemberRecord& m : *members)
    if (Status s = ValidateMember(m, *units); !s.ok()) out.push_back({std::move(m), s.problems()});
  return out;
}

Result<std::int64_t> MemberRecords::Create(const auth::Principal& who, const auth::Actor& actor,
                                           MemberRecord m) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer adds members."));
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  PROCURA_RETURN_IF_ERROR(ValidateMember(m, *units));
  m.user_id.reset();
  m.is_sample = false;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.org().InsertMember(m);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "member.create", "member", id, m.name);
  }));
  return id;
}

Status MemberRecords::Update(const auth::Principal& who, const auth::Actor& actor,
                             const MemberRecord& in) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer edits members."));
  // Read, checked and written in one transaction, so that a transfer or an
  // account link made meanwhile (on any node) is not undone.
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto old = tx.org().GetMember(in.id);
    if (!old.ok()) return old.status();
    if (!old->has_value()) return Status::NotFound(N_("There is no such member."));
    MemberRecord m = **old;
    m.name = in.name, m.gender = in.gender, m.birth_date = in.birth_date;
    m.joined_date = in.joined_date, m.phone = in.phone, m.status = in.status;
    m.full_date = in.full_date;
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    PROCURA_RETURN_IF_ERROR(ValidateMember(m, *units));
    std::string changed;
    for (const auto& [label, a, b] : {std::tuple{"name", (*old)->name, m.name},
                                      {"gender", (*old)->gender, m.gender},
                                      {"birth date", (*old)->birth_date, m.birth_date},
                                      {"joined date", (*old)->joined_date, m.joined_date},
                                      {"full member since", (*old)->full_date, m.full_date},
                                      {"status", (*old)->status, m.status}})
      if (a != b) changed += fmt::format("{}{}: {} -> {}", changed.empty() ? "" : "; ", label, a, b);
    if (m.phone != (*old)->phone)  // the number itself stays out of the log
      changed += std::string(changed.empty() ? "" : "; ") + "phone changed";
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(m));
    return audit_.Write(tx, actor, "member.edit", "member", m.id, changed.empty() ? "no change" : changed);
  });
}

Status MemberRecords::ChangeOne(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t id, const std::function<Status(MemberRecord&)>& change,
                                const std::string& action, const std::string& detail) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer edits members."));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto old = tx.org().GetMember(id);
    if (!old.ok()) return old.status();
    if (!old->has_value()) return Status::NotFound(N_("There is no such member."));
    MemberRecord m = **old;
    PROCURA_RETURN_IF_ERROR(change(m));
    auto units = tx.org().ListUnits();
    if (!units.ok()) return units.status();
    PROCURA_RETURN_IF_ERROR(ValidateMember(m, *units));
    PROCURA_RETURN_IF_ERROR(tx.org().UpdateMember(m));
    return audit_.Write(tx, actor, action, "member", m.id, detail);
  });
}

Status MemberRecords::RecordFullMembership(const auth::Principal& who, const auth::Actor& actor,
                                           std::int64_t id, const std::string& date) {
  const auto become_full = [&](MemberRecord& m) {
    if (m.status != "probationary")
      return Status::Invalid(N_("Only a probationary member becomes a full member."));
    m.status = "full";
    m.full_date = date;
    return Status::Ok();
  };
  return ChangeOne(who, actor, id, become_full, "member.full", "full member since " + date);
}

Status MemberRecords::RecordFullApproval(const auth::Principal& who, const auth::Actor& actor,
                                         std::int64_t id, const std::string& date) {
  const auto approve = [&](MemberRecord& m) {
    if (m.full_date.empty()) return Status::Invalid(N_("Record the day of full membership first."));
    m.full_approved_on = date;
    return Status::Ok();
  };
  return ChangeOne(who, actor, id, approve, "member.full_approval", "approved " + date);
}

Result<ImportPreview> MemberRecords::Import(const auth::Principal& who, const auth::Actor& actor,
                                            const std::vector<std::vector<std::string>>& table,
                                            bool write, std::size_t& imported) {
  imported = 0;
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer imports members."));
  ImportPreview p;
  auto preview = [&](Storage& s) -> Status {
    auto units = s.org().ListUnits();
    auto existing = s.org().ListMembers(std::nullopt);
    if (!units.ok() || !existing.ok()) return Status::Internal("import: records could not be read");
    p = PreviewImport(table, *units, *existing);
    return Status::Ok();
  };
  if (!write) {
    PROCURA_RETURN_IF_ERROR(preview(storage_));
    return p;
  }
  // The duplicate checks and the inserts in one transaction: two imports
  // (on any nodes) cannot both add the same people.
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(preview(tx));
    if (p.error_count > 0) return Status::Ok();
    for (const auto& row : p.rows) {
      auto id = tx.org().InsertMember(row.member);
      if (!id.ok()) return id.status();
    }
    return audit_.Write(tx, actor, "member.import", "member", {},
                        fmt::format("{} members", p.rows.size()));
  }));
  if (p.error_count == 0) imported = p.rows.size();
  return p;
}

}  // namespace procura::org
