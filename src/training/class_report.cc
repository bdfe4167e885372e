#include "training/class_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "training/hours.h"

namespace procura::training {

Result<ClassSummary> SummarizeClass(Storage& storage, TrainingService& training,
                                    const auth::Principal& who, std::int64_t class_id) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer sees class summaries."));
  auto detail = training.Detail(who, class_id);
  if (!detail.ok()) return detail.status();
  ClassSummary s{std::move(*detail)};
  auto enrolled = storage.training().ListEnrollments(class_id);
  auto members = storage.org().ListMembers(std::nullopt);
  auto units = storage.org().ListUnits();
  auto credits = storage.attendance().CreditRows(std::nullopt, class_id);
  if (!enrolled.ok() || !members.ok() || !units.ok() || !credits.ok())
    return Status::Internal("class summary: the records could not be read");
  std::map<std::int64_t, std::string> unit_names;
  for (const auto& u : *units) unit_names[u.id] = u.name;
  std::map<std::int64_t, const MemberRecord*> member_by_id;
  for (const auto& m : *members) member_by_id[m.id] = &m;
  std::set<std::int64_t> active;
  for (const auto& e : *enrolled)
    if (!e.withdrawn_at) active.insert(e.member_id);
  s.enrolled = active.size();

  std::map<std::int64_t, SessionCounts> counts;
  for (const auto& v : s.detail.sessions) counts[v.row.id] = {v};
  std::set<std::int64_t> attended;
  std::map<std::int64_t, std::size_t> marked;  // per session
  for (const auto& r : *credits) {
    if (!active.count(r.member_id) || !counts.count(r.session_id)) continue;
    counts[r.session_id].tally.Add(r.mark);
    marked[r.session_id]++;
    if (Attended(r.mark)) attended.insert(r.member_id);
  }
  std::size_t attended_marks = 0;
  for (const auto& v : s.detail.sessions) {
    SessionCounts c = counts[v.row.id];
    c.tally.unmarked = s.enrolled - marked[v.row.id];
    attended_marks += c.tally.attended();
    s.sessions.push_back(c);
  }
  s.attended = attended.size();
  const std::size_t possible = s.enrolled * s.detail.sessions.size();
  s.attendance_rate = possible ? 100.0 * attended_marks / possible : 0;

  std::map<std::string, BranchParticipation> by_branch;
  for (std::int64_t id : active) {
    if (!member_by_id.count(id)) continue;
    const std::string& b = unit_names[member_by_id[id]->branch_id];
    by_branch[b].branch = b;
    by_branch[b].enrolled++;
    by_branch[b].attended += attended.count(id);
  }
  for (auto& [_, b] : by_branch) s.branches.push_back(b);

  const std::map<std::int64_t, double> hours{{class_id, s.detail.total_hours}};
  const auto folded = FoldCredits(*credits, hours);
  for (std::int64_t id : active) {
    const auto it = folded.find(id);
    if (it == folded.end() || !member_by_id.count(id)) continue;
    for (const auto& c : it->second)
      if (c.not_completing) s.not_completing.push_back(member_by_id[id]->name);
  }
  return s;
}

NewsWording NewsWording::English() {
  return {[](std::string_view msgid, const MessageArgs& args) {
            return FillPlaceholders(std::string(msgid), args);
          },
          [](const std::string& iso) { return iso; }};
}

NewsFacts DraftNewsFacts(const ClassSummary& s, const NewsWording& w) {
  const ClassRecord& c = s.detail.cls;
  // "On July 14, 2022" or "From July 14 to 16, 2022" read as the
  // sentence's opening in either language ("2022年07月14日", "…至…").
  const std::string when =
      c.start_date == c.end_date || c.end_date.empty()
          ? w.text(N_("On {date}"), {{"date", w.date(c.start_date)}})
          : w.text(N_("From {from} to {to}"),
                   {{"from", w.date(c.start_date)}, {"to", w.date(c.end_date)}});
  const std::string organizer = c.organizer.empty() ? w.text(N_("the organ Party Committee"), {})
                                                    : c.organizer;
  std::string md =
      (c.venue.empty()
           ? w.text(N_("{when}, {organizer} held {title}."),
                    {{"when", when}, {"organizer", organizer}, {"title", c.title}})
           : w.text(N_("{when}, {organizer} held {title} at {venue}."),
                    {{"when", when}, {"organizer", organizer}, {"title", c.title}, {"venue", c.venue}})) +
      "\n\n";
  if (!c.purpose.empty()) md += w.text(N_("Purpose: {purpose}"), {{"purpose", c.purpose}}) + "\n\n";
  md += w.text(N_("Participants: {attended} of the {enrolled} enrolled attended."),
               {{"attended", std::to_string(s.attended)}, {"enrolled", std::to_string(s.enrolled)}}) +
        "\n\n";
  std::string lectures, exchanges;
  for (const auto& v : s.detail.sessions) {
    if (v.row.type == "exchange")
      exchanges += fmt::format("- {}{}: {}\n", v.presenting_branch,
                               v.speaker.empty() ? "" : " (" + v.speaker + ")", v.row.topic);
    else
      lectures += fmt::format("- {}{}\n", v.row.topic,
                              v.row.lecturer.empty() ? "" : " — " + v.row.lecturer);
  }
  if (!lectures.empty()) md += "## " + w.text(N_("Lectures"), {}) + "\n\n" + lectures + "\n";
  if (!exchanges.empty()) md += "## " + w.text(N_("Experience exchanges"), {}) + "\n\n" + exchanges;
  return {c.title, md};
}

}  // namespace procura::training
