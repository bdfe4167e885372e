// New branch secretaries' training within six months of taking the post.
#include "training/secretary_training.h"

#include <algorithm>
#include <map>

#include "org/applicant_steps.h"
#include "training/hours.h"

namespace procura::training {
namespace {

// Each dated secretary post of a standing branch, with its branch's name.
Result<std::vector<NewSecretary>> DatedSecretaries(Storage& s) {
  auto posts = s.org().ListPosts();
  auto units = s.org().ListUnits();
  if (!posts.ok()) return posts.status();
  if (!units.ok()) return units.status();
  std::map<std::int64_t, std::string> standing;
  for (const auto& u : *units)
    if (u.standing_branch()) standing[u.id] = u.name;
  std::vector<NewSecretary> out;
  for (const auto& p : *posts) {
    if (p.post != "secretary" || p.since.empty() || !standing.count(p.unit_id)) continue;
    auto m = s.org().GetMember(p.member_id);
    if (!m.ok()) return m.status();
    if (!m->has_value()) continue;
    out.push_back({**m, standing[p.unit_id], p.since,
                   org::MonthsAfter(p.since, kNewSecretaryTrainingMonths), ""});
  }
  return out;
}

// Sets each one's trained_on from the sessions of centralized classes
// (not online ones) held since they took the post.
Status FindTraining(Storage& s, std::vector<NewSecretary>& list) {
  if (list.empty()) return Status::Ok();
  std::map<std::int64_t, NewSecretary*> by_member;
  for (auto& n : list) by_member[n.member.id] = &n;
  // Each one's own marks (a few new secretaries, not every mark of every
  // year since the earliest took the post), in session order.
  for (auto& n : list) {
    auto rows = s.attendance().MemberCreditRows(n.member.id);
    if (!rows.ok()) return rows.status();
    for (const auto& r : *rows) {
      if (r.online || CreditFor(r) <= 0) continue;
      const std::string day = r.starts_at.substr(0, 10);
      if (day >= n.since && (n.trained_on.empty() || day < n.trained_on)) n.trained_on = day;
    }
  }
  // A centralized course elsewhere (the county party school's, say) counts too.
  auto outside = s.attendance().ListOutsideTraining(std::nullopt, std::nullopt);
  if (!outside.ok()) return outside.status();
  for (const auto& t : *outside) {
    const auto it = by_member.find(t.member_id);
    if (it == by_member.end() || !IsCentralized(t) || !t.counts()) continue;
    NewSecretary& n = *it->second;
    if (t.start_date >= n.since && (n.trained_on.empty() || t.start_date < n.trained_on))
      n.trained_on = t.start_date;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<NewSecretary>> UntrainedNewSecretaries(Storage& storage,
                                                          const auth::Principal& who,
                                                          const std::string& today) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer follows the new secretaries' training."));
  auto list = DatedSecretaries(storage);
  if (!list.ok()) return list.status();
  PROCURA_RETURN_IF_ERROR(FindTraining(storage, *list));
  std::erase_if(*list, [&](const NewSecretary& n) {
    return !n.trained_on.empty() || org::MonthsAfter(n.due, kOverdueListedMonths) < today;
  });
  std::stable_sort(list->begin(), list->end(),
                   [](const auto& a, const auto& b) { return a.due < b.due; });
  return list;
}

Result<NewSecretary> NewSecretaryTraining(Storage& storage, std::int64_t member) {
  auto list = DatedSecretaries(storage);
  if (!list.ok()) return list.status();
  std::erase_if(*list, [&](const NewSecretary& n) { return n.member.id != member; });
  if (list->empty()) return Status::NotFound("no dated secretary post");
  PROCURA_RETURN_IF_ERROR(FindTraining(storage, *list));
  return list->front();
}

}  // namespace procura::training
