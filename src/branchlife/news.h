// A held meeting or themed party day as a news draft: its facts in the
// site's language, for an editor to write up (as a finished class does).
// Minutes and personal records never go into the draft.
#pragma once

#include "branchlife/branch_life.h"
#include "training/class_report.h"

namespace procura::branchlife {

// True for the kinds that may become news: every kind but the
// organisational life meeting and the appraisal (their records are
// private to the branch and the committee).
bool MayBecomeNews(std::string_view kind);

// Title and Markdown body: when, which branch held which kind of meeting
// on what topic, where, hosted by whom, how many of how many attended, and
// the resolutions when the meeting had a quorum or needed none.
training::NewsFacts DraftMeetingNews(const MeetingView& v, const training::NewsWording& w);

}  // namespace procura::branchlife
