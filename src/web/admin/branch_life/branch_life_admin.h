// The newsroom's pages for branch organisational life (三会一课), an area
// of its own over AdminKit: the committee's overview (branches × months,
// chart, XLSX), a branch's year (due items, meetings, plan, appraisal,
// heart-to-heart talks,
// the printable 组织生活记录), one meeting (attendance, QR check-in,
// minutes, photos, the life meeting's records, news draft), the
// committee's guides, and a member's own year. BranchLifeService decides
// who may do what; these handlers parse, call it and render.
#pragma once

#include <filesystem>

#include "auth/calendar_links.h"
#include "branchlife/branch_life.h"
#include "branchlife/overview.h"
#include "branchlife/talks.h"
#include "content/content_service.h"
#include "content/media.h"
#include "content/workflow.h"
#include "render/graphics.h"
#include "training/training_service.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class BranchLifeAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    branchlife::BranchLifeService& life;
    Storage& storage;
    ContentService& content;
    ArticleWorkflow& workflow;
    MediaService& media;
    training::TrainingService& training;  // the member's sessions ahead, for their calendar
    auth::CalendarLinks& calendar_links;   // the address a member's calendar subscribes to
    const i18n::Catalogs* catalogs = nullptr;
  };
  explicit BranchLifeAdmin(Deps d) : d_(d), talks_(d.storage, d.life.audit(), d.life) {}
  // Adds the area's routes through the kit's guard, and its dashboard part.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // The committee and a branch (branch_life_pages.cc).
  Response Index(const Request&, const Params&, AdminContext&);
  Response OverviewXlsx(const Request&, const Params&, AdminContext&);
  Response BranchPage(const Request&, const Params&, AdminContext&);
  Response FilePlan(const Request&, const Params&, AdminContext&);
  Response SetReminderEmail(const Request&, const Params&, AdminContext&);
  Response RecordPage(const Request&, const Params&, AdminContext&);
  Response RecordXlsx(const Request&, const Params&, AdminContext&);
  Response AppraisalPage(const Request&, const Params&, AdminContext&);
  Response SaveAppraisal(const Request&, const Params&, AdminContext&);
  Response GuidesPage(const Request&, const Params&, AdminContext&);
  Response PublishGuide(const Request&, const Params&, AdminContext&);
  // Heart-to-heart talks (talk_pages.cc).
  Response TalksPage(const Request&, const Params&, AdminContext&);
  Response RecordTalk(const Request&, const Params&, AdminContext&);
  Response DeleteTalk(const Request&, const Params&, AdminContext&);
  // The talk named by the route's {id}, if `ctx` may see it; NotFound otherwise.
  Result<TalkRecord> FindTalk(const Params& p, const AdminContext& ctx);
  Response EditTalkPage(const Request&, const Params&, AdminContext&);
  Response SaveTalk(const Request&, const Params&, AdminContext&);
  Response TalksView(AdminContext& ctx, std::int64_t branch, int year,
                     const branchlife::TalkInput& typed, const Status& error, int status);
  Response TalkEditView(AdminContext& ctx, const TalkRecord& talk, const branchlife::TalkInput& typed,
                        const Status& error, int status);
  // The talk form's fields (date, the two members, summary, errors) into
  // `body`; `members` are the choices of both lists.
  void TalkFormPart(const AdminContext& ctx, const std::vector<MemberRecord>& members, std::int64_t talker,
                    std::int64_t with, const branchlife::TalkInput& typed, const Status& error,
                    TemplateData& body) const;
  // A member's own year (branch_life_mine.cc).
  Response Mine(const Request&, const Params&, AdminContext&);
  // What is ahead of the member as .ics: a download, or a subscription
  // at a secret address made and stopped from the member's year
  // (branch_life_calendar.cc).
  Response MineCalendar(const Request&, const Params&, AdminContext&);
  Response CalendarFeed(const Request&, const Params&, AdminContext&);
  Response MakeCalendarLink(const Request&, const Params&, AdminContext&);
  Response StopCalendarLink(const Request&, const Params&, AdminContext&);
  // The .ics text of what is ahead of `ctx.who()`, or why not.
  Result<std::string> CalendarOf(const Request& req, const AdminContext& ctx) const;
  // The member's calendar address as the "mine" page shows it.
  void CalendarLinkPart(const AdminContext& ctx, TemplateData& body);
  // The member's next meeting and training session for their dashboard
  // ("my_next_*" and "my_session_*" keys).
  void MyNextMeeting(const AdminContext& ctx, TemplateData& body) const;
  // The first meeting of the member's branch not started and not checked in.
  std::optional<MeetingRecord> NextMeetingOf(const AdminContext& ctx, UnixSeconds now) const;
  // The overview's parts: the year and quarter selects, what branches can
  // still put right, and the grid's rows (each branch's bar into `bars`).
  TemplateData YearQuarterFilters(const AdminContext& ctx, int year, int quarter) const;
  TemplateData AttentionList(const AdminContext& ctx, const branchlife::Overview& o) const;
  // `behind_only`: only the branches with an item missing or records late
  // (every branch still gets its bar).
  TemplateData GridRows(const AdminContext& ctx, const branchlife::Overview& o, bool behind_only,
                        std::vector<Bar>& bars) const;
  Response GuidesView(const AdminContext& ctx, int year, const GuideRecord& typed,
                      const Status& error, int status);
  Response AppraisalView(AdminContext& ctx, std::int64_t branch, int year,
                         const std::map<std::int64_t, std::string>& typed, const Status& error,
                         int status);
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  // What the sign-in page says when `next` is a meeting's check-in URL.
  std::string SignInPurpose(const AdminContext& ctx, const std::string& next) const;

  // One meeting (meeting_pages.cc).
  Response NewMeeting(const Request&, const Params&, AdminContext&);
  // The clashes of a meeting being planned, as JSON for the form (meeting_clashes.cc).
  Response ClashPreview(const Request&, const Params&, AdminContext&);
  Response CreateMeeting(const Request&, const Params&, AdminContext&);
  Response MeetingPage(const Request&, const Params&, AdminContext&);
  Response EditMeeting(const Request&, const Params&, AdminContext&);
  Response SaveMeeting(const Request&, const Params&, AdminContext&);
  Response DeleteMeeting(const Request&, const Params&, AdminContext&);
  Response SaveMarks(const Request&, const Params&, AdminContext&);
  Response SaveReviews(const Request&, const Params&, AdminContext&);
  Response AddPhoto(const Request&, const Params&, AdminContext&);
  Response RemovePhoto(const Request&, const Params&, AdminContext&);
  Response LeadPhoto(const Request&, const Params&, AdminContext&);
  Response DraftNews(const Request&, const Params&, AdminContext&);
  Response Projector(const Request&, const Params&, AdminContext&);
  Response ProjectorLive(const Request&, const Params&, AdminContext&);
  Response CheckinForm(const Request&, const Params&, AdminContext&);
  Response CheckIn(const Request&, const Params&, AdminContext&);
  Response MeetingForm(const AdminContext& ctx, const MeetingRecord& m, const Status& error,
                       int status);
  Response MeetingView(AdminContext& ctx, std::int64_t id, const Status& error, int status);
  // The meeting page's parts: the attendance sheet and the life meeting's
  // records (each with its errors from `beside`), the photos, the news
  // draft's form or link.
  TemplateData AttendanceRows(const AdminContext& ctx, const branchlife::MeetingView& v,
                              std::map<std::string, std::string>& beside) const;
  TemplateData ReviewRows(const branchlife::MeetingView& v,
                          std::map<std::string, std::string>& beside) const;
  void SetNewsDraft(const MeetingRecord& m, TemplateData& body) const;

  // Shared (branch_life_render.cc).
  // ?year= (default: this year); nullopt for a bad one.
  std::optional<int> YearOf(const Request& req) const;
  std::string Today() const;
  // The overview for ?year= and ?quarter= (Invalid naming a bad one).
  Result<branchlife::Overview> OverviewFor(const Request& req);
  std::string KindText(const AdminContext& ctx, std::string_view kind) const;
  std::string DueText(const AdminContext& ctx, const branchlife::DueItem& d) const;
  TemplateData DueRows(const AdminContext& ctx, const std::vector<branchlife::DueItem>& due,
                       const std::vector<branchlife::GroupInfo>& groups, bool action_only) const;
  std::string DueShortText(const AdminContext& ctx, branchlife::DueState s) const;
  // The due items as a grid: a row per rule (and group), a column per month.
  TemplateData DueGrid(const AdminContext& ctx, const std::vector<branchlife::DueItem>& due,
                       const std::vector<branchlife::GroupInfo>& groups) const;
  // What else is on at the meeting's hours (ClashesWith): each as a title,
  // its page and what it is, in the reader's language (meeting_clashes.cc).
  struct ClashLine {
    std::string title, url, text;
  };
  std::vector<ClashLine> ClashLines(const AdminContext& ctx, const MeetingRecord& m) const;
  // The same as the meeting page's notice.
  void SetClashes(const AdminContext& ctx, const MeetingRecord& m, TemplateData& body) const;
  // The meeting kinds to choose from; without `with_committee` (a branch
  // without a committee) no committee meeting, unless it is `selected`.
  TemplateData KindOptions(const AdminContext& ctx, const std::string& selected,
                           bool with_committee = true) const;
  tabular::Sheet OverviewSheet(const AdminContext& ctx, const branchlife::Overview& o) const;
  static std::string TalksText(const branchlife::BranchRow& row);
  // Talks as template rows (id, held_on, talker, member, summary), in the
  // order given (talk_pages.cc).
  static TemplateData TalkRows(const std::vector<branchlife::TalkLine>& talks);
  // Pairs of members as one list: "张三与李四、王五与赵六" (talk_pages.cc).
  std::string PairNames(const AdminContext& ctx, const branchlife::MemberPairs& pairs) const;
  // The talks part of the printable record (branch_life_records.cc).
  TemplateData RecordTalks(const AdminContext& ctx, const branchlife::BranchTalks& y) const;
  std::optional<TemplateData> TalksBeforeLifeMeeting(const AdminContext& ctx, const branchlife::BranchYear& y);
  std::vector<tabular::Sheet> RecordSheets(const AdminContext& ctx, const branchlife::YearRecord& r,
                                           const branchlife::BranchTalks& talks);

  Deps d_;
  branchlife::TalkService talks_;  // heart-to-heart talks, over the same storage and audit
};

}  // namespace procura::web
