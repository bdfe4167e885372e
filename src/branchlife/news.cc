#include "branchlife/news.h"

namespace procura::branchlife {

bool MayBecomeNews(std::string_view kind) {
  return IsMeetingKind(kind) && kind != "life-meeting" && kind != "appraisal";
}

training::NewsFacts DraftMeetingNews(const MeetingView& v, const training::NewsWording& w) {
  const MeetingRecord& m = v.meeting;
  const std::string kind = w.text(KindName(m.kind), {});
  const std::string title = w.text(N_("{branch} holds {kind}: {topic}"),
                                   {{"branch", v.branch_name}, {"kind", kind}, {"topic", m.topic}});
  const std::string when = w.text(N_("On {date}"), {{"date", w.date(m.held_on)}});
  std::string md =
      (m.place.empty()
           ? w.text(N_("{when}, {branch} held a {kind} on “{topic}”."),
                    {{"when", when}, {"branch", v.branch_name}, {"kind", kind}, {"topic", m.topic}})
           : w.text(N_("{when}, {branch} held a {kind} on “{topic}” at {place}."),
                    {{"when", when}, {"branch", v.branch_name}, {"kind", kind},
                     {"topic", m.topic}, {"place", m.place}})) +
      "\n\n";
  if (!m.host.empty()) md += w.text(N_("Hosted by {host}."), {{"host", m.host}}) + "\n\n";
  md += w.text(N_("{attended} of the {expected} members expected attended."),
               {{"attended", std::to_string(v.tally.attended())},
                {"expected", std::to_string(v.expected)}}) +
        "\n\n";
  if (!m.resolutions.empty() && (!v.quorum_required || v.quorum))
    md += "## " + w.text(N_("Resolutions"), {}) + "\n\n" + m.resolutions + "\n";
  return {title, md};
}

}  // namespace procura::branchlife
