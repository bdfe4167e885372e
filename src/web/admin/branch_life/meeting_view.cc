// BranchLifeAdmin: the meeting's page, its photos, its news draft, and QR
// check-in (the secretary's screen and the member's phone).
#include <fmt/format.h>

#include <map>

#include "branchlife/news.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "render/graphics.h"
#include "render/page_language.h"
#include "render/urls.h"
#include "web/admin/admin_attendance.h"
#include "web/admin/admin_handler.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/admin/records_photos.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

namespace {

const char* RecordsText(branchlife::RecordsState s) {
  switch (s) {
    case branchlife::RecordsState::kFiled: return N_("Filed on time");
    case branchlife::RecordsState::kLate: return N_("Filed late");
    case branchlife::RecordsState::kPending: return N_("Not filed yet");
    case branchlife::RecordsState::kOverdue: return N_("Overdue");
    case branchlife::RecordsState::kNotYet: return N_("The meeting is ahead");
  }
  return "";
}

}  // namespace

TemplateData BranchLifeAdmin::AttendanceRows(const AdminContext& ctx,
                                             const branchlife::MeetingView& v,
                                             std::map<std::string, std::string>& beside) const {
  data lines{data::type::list};
  int n = 0;
  for (const auto& l : v.lines) {
    data row, options{data::type::list};
    const std::string mid = std::to_string(l.member.id);
    const std::string mark = l.mark ? l.mark->mark : "";
    row.set("n", std::to_string(++n));
    row.set("member_id", mid);
    row.set("name", l.member.name);
    if (!l.expected) row.set("not_expected", TemplateTrue());
    options.push_back(SelectOption("", d_.kit.T(ctx, N_("Not marked")), mark.empty()));
    for (const char* k : {"present", "late", "excused", "absent"})
      options.push_back(SelectOption(k, d_.kit.T(ctx, MarkLabel(k)), mark == k));
    row.set("options", options);
    row.set("reason", l.mark ? l.mark->reason : "");
    const char* method = !l.mark ? "" : l.mark->method == "qr" ? N_("QR code") : N_("By hand");
    row.set("method", *method ? d_.kit.T(ctx, method) : "");
    if (beside.count("mark-" + mid)) row.set("err_mark", beside["mark-" + mid]);
    if (beside.count("reason-" + mid)) row.set("err_reason", beside["reason-" + mid]);
    lines.push_back(row);
  }
  return lines;
}

TemplateData BranchLifeAdmin::ReviewRows(const branchlife::MeetingView& v,
                                         std::map<std::string, std::string>& beside) const {
  data reviews{data::type::list};
  std::map<std::int64_t, MemberReviewRecord> review_of;
  for (const auto& r : v.reviews) review_of[r.member_id] = r;
  for (const auto& l : v.lines) {
    if (!l.expected) continue;
    const std::string mid = std::to_string(l.member.id);
    data r;
    r.set("member_id", mid);
    r.set("name", l.member.name);
    r.set("self", review_of[l.member.id].self_criticism);
    r.set("criticism", review_of[l.member.id].criticism);
    if (beside.count("self-" + mid)) r.set("err_self", beside["self-" + mid]);
    if (beside.count("criticism-" + mid)) r.set("err_criticism", beside["criticism-" + mid]);
    reviews.push_back(r);
  }
  return reviews;
}

void BranchLifeAdmin::SetNewsDraft(const MeetingRecord& m, TemplateData& body) const {
  if (m.held_on > Today() || !branchlife::MayBecomeNews(m.kind)) return;
  if (m.news_article_id) {
    body.set("news_id", std::to_string(*m.news_article_id));
    return;
  }
  data columns{data::type::list};
  auto list = d_.storage.content().ListColumns();
  if (list.ok())
    for (const auto& c : *list) columns.push_back(SelectOption(std::to_string(c.id), c.name, false));
  body.set("columns", columns);
  body.set("can_draft", TemplateTrue());
}

Response BranchLifeAdmin::MeetingView(AdminContext& ctx, std::int64_t id, const Status& error,
                                      int status) {
  AdminKit& kit = d_.kit;
  auto v = d_.life.View(ctx.who(), ctx.actor, id);
  if (!v.ok()) return kit.Message(ctx, HttpStatusFor(v.status()), N_("Not found"), v.status());
  const MeetingRecord& m = v->meeting;
  std::map<std::string, std::string> beside, field_ids;
  for (const Status& one : error.problems())
    if (!one.field().empty()) field_ids[one.field()] = one.field(), beside[one.field()] = kit.ErrorText(ctx, one);
  data body;
  body.set("id", std::to_string(id));
  body.set("branch_id", std::to_string(m.branch_id));
  body.set("branch", v->branch_name);
  body.set("year", m.held_on.substr(0, 4));
  body.set("kind", KindText(ctx, m.kind));
  if (!v->group_name.empty()) body.set("group", v->group_name);
  // Optional facts are set only when filled in: the template shows a
  // term for every key that is set, even to "".
  const std::string hours = branchlife::MeetingHours(m);
  for (auto [key, value] : {std::pair{"day", &m.held_on}, {"time", &hours}, {"place", &m.place},
                            {"topic", &m.topic}, {"host", &m.host}, {"recorder", &m.recorder},
                            {"minutes", &m.minutes}, {"resolutions", &m.resolutions}})
    if (!value->empty()) body.set(key, *value);
  if (m.by_secretary) body.set("by_secretary", TemplateTrue());
  if (m.is_sample) body.set("sample", TemplateTrue());
  if (v->guide) body.set("guide", v->guide->period + " " + v->guide->title);
  body.set("records", kit.T(ctx, RecordsText(v->records)));
  body.set("records_class", std::string(branchlife::RecordsStateName(v->records)));
  body.set("records_due", v->records_due);
  body.set("expected", std::to_string(v->expected));
  body.set("attended", std::to_string(v->tally.attended()));
  SetTally(body, v->tally);
  if (v->quorum_required) {
    body.set("quorum_required", TemplateTrue());
    // Before the meeting, or before anyone is marked, there is nothing to
    // judge: "no quorum" would read as a fault of a meeting not yet held.
    if (v->records == branchlife::RecordsState::kNotYet || v->tally.unmarked == v->expected)
      body.set("quorum_later", TemplateTrue());
    else if (v->quorum)
      body.set("quorum", TemplateTrue());
  }
  body.set("lines", AttendanceRows(ctx, *v, beside));
  if (v->lines.empty()) body.set("nobody", TemplateTrue());
  if (m.kind == "life-meeting" && !v->lines.empty()) {
    body.set("reviews", ReviewRows(*v, beside));
    body.set("has_reviews", TemplateTrue());
  }
  body.set("photos", RecordPhotoItems(d_.storage, v->photos));
  body.set("photo_action", fmt::format("/admin/meetings/{}/photos", id));
  SetClashes(ctx, m, body);
  SetNewsDraft(m, body);
  kit.SetFormErrors(ctx, error, field_ids, body);
  return kit.Page(ctx, "admin_life_meeting", std::move(body),
                  KindText(ctx, m.kind) + " · " + m.held_on, status);
}

Response BranchLifeAdmin::AddPhoto(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.life.Find(ctx.who(), *id) : Result<MeetingRecord>(Status::NotFound(N_("There is no such meeting.")));
  if (!m.ok()) return kit.Message(ctx, HttpStatusFor(m.status()), N_("Not found"), m.status());
  if (Status room = branchlife::PhotoRoom(*m); !room.ok())
    return kit.Message(ctx, 422, N_("Photo not added"), room);
  auto stored = StoreRecordsPhoto(d_.media, req, m->topic, ctx);
  if (!stored.ok()) return kit.Message(ctx, HttpStatusFor(stored.status()), N_("Photo not added"), stored.status());
  Status s = d_.life.AddPhoto(ctx.who(), ctx.actor, *id, stored->id);
  if (!s.ok()) {
    (void)d_.media.DeleteRecordsPhotoIfUnused(stored->id, ctx.who(), ctx.actor);
    return kit.Message(ctx, HttpStatusFor(s), N_("Photo not added"), s);
  }
  return AdminKit::Done(fmt::format("/admin/meetings/{}#photos", *id), "uploaded");
}

// Takes a photo off the meeting; the file goes too unless a published
// article showed it or something else uses it.
Response BranchLifeAdmin::RemovePhoto(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.life.Find(ctx.who(), *id) : Result<MeetingRecord>(Status::NotFound(N_("There is no such meeting.")));
  if (!m.ok()) return kit.Message(ctx, HttpStatusFor(m.status()), N_("Not found"), m.status());
  auto media = PhotoInForm(req);
  if (!media) return kit.Message(ctx, 422, N_("Photo not removed"), N_("The meeting has no such photo."));
  const std::string back = fmt::format("/admin/meetings/{}#photos", *id);
  if (auto ask = kit.ConfirmFirst(ctx, req, N_("Remove this photo from the meeting? Unless a published report shows it, the photo is deleted."), {}, back))
    return *ask;
  Status s = d_.life.RemovePhoto(ctx.who(), ctx.actor, *id, *media);
  if (!s.ok()) return kit.Message(ctx, HttpStatusFor(s), N_("Photo not removed"), s);
  (void)d_.media.DeleteRecordsPhotoIfUnused(*media, ctx.who(), ctx.actor);
  return AdminKit::Done(back, "photo-removed");
}

// Moves a photo to the front of the meeting's list, so the news draft
// made from the meeting opens with it.
Response BranchLifeAdmin::LeadPhoto(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  auto media = PhotoInForm(req);
  Status s = media ? d_.life.LeadWithPhoto(ctx.who(), ctx.actor, *id, *media)
                   : Status::NotFound(N_("The meeting has no such photo."));
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Photo not moved"), s);
  return AdminKit::Done(fmt::format("/admin/meetings/{}#photos", *id), "photo-lead");
}


Response BranchLifeAdmin::DraftNews(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto column = ParsePositiveId(http::Form::Parse(req.body).Get("column"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  auto v = d_.life.View(ctx.who(), ctx.actor, *id);  // the meeting is theirs before the form is read
  if (!v.ok()) return kit.Message(ctx, HttpStatusFor(v.status()), N_("No draft"), v.status());
  if (!column) return kit.Message(ctx, 422, N_("No draft"), N_("Choose the column to publish in."));
  if (v->meeting.held_on > Today() || !branchlife::MayBecomeNews(v->meeting.kind))
    return kit.Message(ctx, 409, N_("No draft"),
                       N_("A news report is drafted from a meeting that has been held, and never from an organisational life meeting or an appraisal."));
  if (v->meeting.news_article_id)
    return AdminKit::SeeOther(fmt::format("/admin/meetings/{}#news", *id));
  // The draft is written in the site's language, whoever drafts it.
  const i18n::Lang lang = PrimaryLang(d_.content.Snapshot()->site());
  const auto say = [&](std::string_view msgid, const MessageArgs& args) {
    return d_.catalogs ? d_.catalogs->TrMessage(lang, msgid, args) : FillPlaceholders(std::string(msgid), args);
  };
  const training::NewsWording wording{say, [&](const std::string& iso) {
                                        auto t = ParseLocalTime(iso + " 12:00", 0);
                                        return t ? FormatArticleDate(*t, 0, lang) : iso;
                                      }};
  const training::NewsFacts facts = branchlife::DraftMeetingNews(*v, wording);
  ArticleInput in;
  in.column_id = *column;
  in.lang = std::string(i18n::Tag(lang));
  in.title = Utf8Prefix(facts.title, kMaxTitle);
  in.author = Utf8Prefix(v->branch_name, kMaxAuthor);
  in.news_source = say(N_("Political Department"), {});
  in.body_md = facts.body_md;
  AddRecordPhotos(v->photos, v->meeting.topic, *d_.content.Snapshot(), in);
  auto article = d_.workflow.CreateFromRecords(in, ctx.who(), ctx.actor);
  if (!article.ok()) return kit.Message(ctx, HttpStatusFor(article.status()), N_("No draft"), article.status());
  Status linked = d_.life.LinkNews(ctx.who(), ctx.actor, *id, *article);
  if (!linked.ok()) return kit.Message(ctx, HttpStatusFor(linked), N_("Draft not linked"), linked);
  return auth::Can(ctx.who(), auth::Action::kWriteArticles)
             ? AdminKit::SeeOther(fmt::format("/admin/articles/{}/", *article))
             : AdminKit::Done(fmt::format("/admin/meetings/{}#news", *id), "done");
}

Response BranchLifeAdmin::Projector(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  auto v = d_.life.Projector(ctx.who(), *id, NowUnix());
  if (!v.ok()) return kit.Message(ctx, HttpStatusFor(v.status()), N_("Not available"), v.status());
  data body;
  if (!v->closed.empty()) {
    body.set("closed", kit.Tf(ctx, v->closed, v->closed_args));
  } else {
    const std::string url = AbsoluteUrl(req, d_.content.Snapshot()->site().public_url,
                                        fmt::format("/admin/meeting-checkin/{}?t={}", *id, v->token));
    auto svg = QrSvg(url, kit.T(ctx, N_("Check-in QR code")));
    if (!svg.ok()) return kit.Message(ctx, 500, N_("No QR code"), svg.status());
    body.set("qr_svg", *svg);
    body.set("checkin_url", url);
  }
  body.set("id", std::to_string(*id));
  body.set("topic", v->meeting.topic);
  body.set("starts", v->meeting.held_on + " " + branchlife::MeetingHours(v->meeting));
  body.set("checked_in", std::to_string(v->checked_in));
  body.set("expected", std::to_string(v->expected));
  return kit.Page(ctx, "admin_life_projector", std::move(body),
                  kit.Tf(ctx, N_("Check-in: {topic}"), {{"topic", v->meeting.topic}}));
}

Response BranchLifeAdmin::ProjectorLive(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  const auto fail = [&](int status, const std::string& message) {
    return Response::Text(status, "{\"error\":\"" + JsonEscape(message) + "\"}", "application/json");
  };
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return fail(404, kit.T(ctx, N_("There is no such meeting.")));
  const UnixSeconds now = NowUnix();
  auto v = d_.life.Projector(ctx.who(), *id, now);
  if (!v.ok()) return fail(HttpStatusFor(v.status()), kit.ErrorText(ctx, v.status()));
  const bool open = v->closed.empty();
  const std::string url =
      open ? AbsoluteUrl(req, d_.content.Snapshot()->site().public_url,
                         fmt::format("/admin/meeting-checkin/{}?t={}", *id, v->token))
           : "";
  auto svg = open ? QrSvg(url, kit.T(ctx, N_("Check-in QR code"))) : Result<std::string>("");
  return Response::Text(
      200,
      fmt::format("{{\"checked_in\":{},\"enrolled\":{},\"closed\":\"{}\",\"url\":\"{}\","
                  "\"svg\":\"{}\",\"refresh_in\":{}}}",
                  v->checked_in, v->expected,
                  JsonEscape(open ? "" : kit.Tf(ctx, v->closed, v->closed_args)), JsonEscape(url),
                  JsonEscape(svg.ok() ? *svg : ""),
                  open ? std::max<std::int64_t>(1, v->token_expires - now) : 30),
      "application/json");
}

Response BranchLifeAdmin::CheckinForm(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  const std::string token = ParseQuery(req.query)["t"];
  auto meeting = d_.life.Invitation(token);
  if (!meeting.ok() || meeting->id != *id)
    return kit.Message(ctx, 422, N_("Not checked in"),
                       N_("This check-in code is not valid. Scan the code on the screen."));
  data body;
  body.set("kind", KindText(ctx, meeting->kind));
  body.set("topic", meeting->topic);
  body.set("starts", meeting->held_on + " " + branchlife::MeetingHours(*meeting));
  body.set("id", std::to_string(*id));
  body.set("token", token);
  auto me = d_.storage.org().MemberForUser(ctx.who().user_id);
  if (me.ok() && me->has_value()) body.set("member", (*me)->name);
  return kit.Page(ctx, "admin_life_checkin", std::move(body), N_("Check in"));
}

Response BranchLifeAdmin::CheckIn(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  const std::string token = http::Form::Parse(req.body).Get("t");
  auto r = d_.life.CheckIn(ctx.who(), ctx.actor, *id, token, NowUnix());
  if (!r.ok()) return kit.Message(ctx, HttpStatusFor(r.status()), N_("Not checked in"), r.status());
  const MessageArgs args{{"name", r->member_name}, {"topic", r->meeting.topic},
                         {"kind", KindText(ctx, r->meeting.kind)}};
  if (r->already)
    return kit.Message(ctx, 200, N_("Already checked in"),
                       N_("{name}, you were already checked in to the {kind}: {topic}."), args);
  return kit.Message(ctx, 200, N_("Checked in"),
                     r->mark == "late" ? N_("{name}, you are checked in to the {kind}: {topic}, late.")
                                       : N_("{name}, you are checked in to the {kind}: {topic}, on time."),
                     args);
}

}  // namespace procura::web
