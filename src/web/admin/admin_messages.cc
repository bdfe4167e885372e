// MessagesAdmin: the public messages in the newsroom — the list with each
// message's deadline, one message with its handling (accept or reject,
// department, reply, approval), and the admin's settings (boxes, the
// working-day calendar).
#include "web/admin/admin_messages.h"

#include <fmt/format.h>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

const char* MessageStateLabel(const std::string& state) {
  if (state == kMsgReceived) return N_("new: to triage");
  if (state == kMsgAccepted) return N_("accepted: to answer");
  if (state == kMsgReplySubmitted) return N_("reply waiting for approval");
  if (state == kMsgAnswered) return N_("answered");
  return N_("rejected as invalid");
}

const char* FieldLabel(int how) {
  return how == kFieldRequired ? N_("required") : how == kFieldOptional ? N_("optional") : N_("not asked");
}

}  // namespace

void MessagesAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const auto need = [](A a) { return Requirement{Requirement::kAction, a}; };
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/messages", need(A::kHandleMessages), bind(&MessagesAdmin::List));
  kit.Add(r, "GET", "/admin/messages/{id}", need(A::kHandleMessages), bind(&MessagesAdmin::Show));
  kit.Add(r, "POST", "/admin/messages/{id}/{verb}", need(A::kHandleMessages),
          bind(&MessagesAdmin::Act));
  kit.Add(r, "GET", "/admin/mailbox", need(A::kManageSite), bind(&MessagesAdmin::Settings));
  kit.Add(r, "POST", "/admin/mailbox/boxes/{id}", need(A::kManageSite),
          bind(&MessagesAdmin::SaveBox));
  kit.Add(r, "POST", "/admin/mailbox/calendar", need(A::kManageSite),
          bind(&MessagesAdmin::SaveCalendar));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

void MessagesAdmin::SetCalendarGap(const AdminContext& ctx, TemplateData& body) {
  auto days = d_.mailbox.CalendarDays();
  if (!days.ok()) return;
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const auto missing = interact::YearsMissing(*days, interact::LocalDay(NowUnix(), offset));
  if (missing.empty()) return;
  const char* separator = d_.kit.LangOf(ctx) == i18n::Lang::kZh ? "、" : ", ";
  std::string years;
  for (int y : missing) years += (years.empty() ? "" : separator) + std::to_string(y);
  body.set("calendar_gap_title",
           d_.kit.Tf(ctx, N_("The working-day calendar has no holidays for {years}"), {{"years", years}}));
  body.set("calendar_gap",
           d_.kit.Tf(ctx, N_("Deadlines for public messages and branch records count working days. Until "
                             "the State Council's holiday notice for {years} is entered, its public "
                             "holidays count as working days. Add that year's holidays and make-up "
                             "working days to the calendar."),
                     {{"years", years}}));
}

void MessagesAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  if (auth::Can(ctx.who(), auth::Action::kManageSite)) SetCalendarGap(ctx, body);
  if (!auth::Can(ctx.who(), auth::Action::kHandleMessages)) return;
  // Public messages past or near their deadline (the inspection's veto:
  // a valid message unanswered for over three months).
  auto items = d_.mailbox.OpenItems(NowUnix());
  if (!items.ok()) return;
  std::vector<interact::DueItem> urgent;
  for (auto& item : *items)
    if (item.overdue || item.working_days_left <= interact::kDueSoonWorkingDays)
      urgent.push_back(std::move(item));
  body.set("show_messages", TemplateTrue());
  body.set("open_messages", std::to_string(items->size()));
  if (!urgent.empty()) {
    body.set("urgent_messages", DueRows(ctx, urgent));
    body.set("has_urgent_messages", TemplateTrue());
  }
}

TemplateData MessagesAdmin::DueRows(const AdminContext& ctx, const std::vector<interact::DueItem>& items) {
  data rows{data::type::list};
  for (const auto& item : items) {
    data row;
    row.set("id", std::to_string(item.message.id));
    row.set("title", item.message.title);
    row.set("box", item.box_name);
    row.set("state", d_.kit.T(ctx, MessageStateLabel(item.message.state)));
    row.set("due", item.message.due_day);
    if (item.overdue) {
      row.set("overdue", TemplateTrue());
      row.set("left", d_.kit.Tf(ctx, N_("overdue by {n} working day(s)"),
                         {{"n", std::to_string(-item.working_days_left)}}));
    } else {
      if (item.working_days_left <= interact::kDueSoonWorkingDays) row.set("soon", TemplateTrue());
      row.set("left", d_.kit.Tf(ctx, N_("{n} working day(s) left"),
                         {{"n", std::to_string(item.working_days_left)}}));
    }
    rows.push_back(row);
  }
  return rows;
}

Response MessagesAdmin::List(const Request& req, const Params&, AdminContext& ctx) {
  const auto q = ParseQuery(req.query);
  const std::string state = q.count("state") ? q.at("state") : "";
  data body;
  data states{data::type::list};
  states.push_back(SelectOption("", d_.kit.T(ctx, N_("Open (with deadlines)")), state.empty()));
  for (const char* s : {kMsgAnswered, kMsgRejected})
    states.push_back(SelectOption(s, d_.kit.T(ctx, MessageStateLabel(s)), state == s));
  body.set("states", states);
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  if (state.empty()) {
    auto items = d_.mailbox.OpenItems(NowUnix());
    if (!items.ok()) return d_.kit.Message(ctx, 503, N_("Not available"), items.status());
    body.set("open", DueRows(ctx, *items));
    body.set("show_open", TemplateTrue());
    if (items->empty()) body.set("none", TemplateTrue());
  } else {
    auto list = d_.storage.mailbox().ListMessages({.state = state, .limit = 200});
    if (!list.ok()) return d_.kit.Message(ctx, 503, N_("Not available"), list.status());
    data rows{data::type::list};
    for (const auto& m : *list) {
      data row;
      row.set("id", std::to_string(m.id));
      row.set("title", m.title);
      row.set("received", interact::LocalDay(m.received_at, off));
      row.set("answered", m.replied_at ? interact::LocalDay(*m.replied_at, off) : "");
      row.set("department", m.department);
      rows.push_back(row);
    }
    body.set("closed", rows);
    if (list->empty()) body.set("none", TemplateTrue());
  }
  if (auth::Can(ctx.who(), auth::Action::kManageSite)) body.set("can_settings", TemplateTrue());
  return d_.kit.Page(ctx, "admin_messages", std::move(body), N_("Public messages"));
}

Response MessagesAdmin::Show(const Request&, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.storage.mailbox().GetMessage(*id)
              : Result<std::optional<MessageRecord>>(std::optional<MessageRecord>());
  if (!m.ok() || !m->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such message."));
  return ShowView(ctx, **m, "", 200);
}

Response MessagesAdmin::ShowView(const AdminContext& ctx, const MessageRecord& m,
                                const std::string& error, int status) {
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  auto box = d_.mailbox.Box(m.box_id);
  auto users = UserNames(d_.storage);
  data body;
  body.set("id", std::to_string(m.id));
  body.set("version", std::to_string(m.version));
  body.set("box", box.ok() ? box->name : "");
  body.set("title", m.title);
  body.set("body", m.body);
  // Left unset when not given: the page says so (an empty string is true
  // to the template).
  for (const auto& [key, value] :
       {std::pair{"name", &m.name}, {"phone", &m.phone}, {"email", &m.email}})
    if (!value->empty()) body.set(key, *value);
  body.set("wants_public", d_.kit.T(ctx, m.wants_public ? N_("yes") : N_("no")));
  body.set("state", d_.kit.T(ctx, MessageStateLabel(m.state)));
  body.set("received", FormatLocalTime(m.received_at, off));
  body.set("due", m.due_day);
  if (!m.flags.empty()) body.set("flags", m.flags);
  body.set("department", m.department);
  body.set("reply", m.reply);
  if (!m.reject_reason.empty()) body.set("reject_reason", m.reject_reason);
  if (m.reply_by && users.count(*m.reply_by)) body.set("reply_by", users[*m.reply_by]);
  if (m.replied_at) body.set("replied", FormatLocalTime(*m.replied_at, off));
  if (m.published) body.set("published", TemplateTrue());
  if (!error.empty()) body.set("error", error);
  const bool handle = auth::Can(ctx.who(), auth::Action::kHandleMessages);
  if (handle && m.state == kMsgReceived) body.set("can_triage", TemplateTrue());
  if (handle && (m.state == kMsgAccepted || m.state == kMsgReplySubmitted))
    body.set("can_reply", TemplateTrue());
  if (auth::Can(ctx.who(), auth::Action::kAnswerMessages) && m.state == kMsgReplySubmitted)
    body.set("can_approve", TemplateTrue());
  return d_.kit.Page(ctx, "admin_public_message", std::move(body), N_("Public message"), status);
}

Response MessagesAdmin::Act(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such message."));
  const http::Form f = http::Form::Parse(req.body);
  const auto version = ParsePositiveId(f.Get("version")).value_or(0);
  const std::string verb = p.at("verb");
  interact::MailboxService& mail = d_.mailbox;
  Status s;
  if (verb == "accept") s = mail.Accept(*id, version, f.Get("department"), ctx.who(), ctx.actor);
  else if (verb == "reject") s = mail.Reject(*id, version, f.Get("reason"), ctx.who(), ctx.actor);
  else if (verb == "reply")
    s = mail.SaveReply(*id, version, f.Get("department"), f.Get("reply"), f.Get("then") == "submit",
                       ctx.who(), ctx.actor);
  else if (verb == "approve") s = mail.ApproveReply(*id, version, ctx.who(), ctx.actor);
  else if (verb == "return") s = mail.ReturnReply(*id, version, f.Get("reason"), ctx.who(), ctx.actor);
  else return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such action."));
  if (!s.ok()) {
    auto m = d_.storage.mailbox().GetMessage(*id);
    if (s.code() == Status::Code::kDenied || !m.ok() || !m->has_value())
      return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not done"), s);
    MessageRecord shown = **m;
    if (verb == "reply") {  // keep what was typed
      shown.department = f.Get("department");
      shown.reply = f.Get("reply");
    }
    return ShowView(ctx, shown, d_.kit.ErrorText(ctx, s), HttpStatusFor(s));
  }
  return AdminKit::Done(fmt::format("/admin/messages/{}", *id), "saved");
}

Response MessagesAdmin::Settings(const Request&, const Params&, AdminContext& ctx) {
  return SettingsView(ctx, "", 200, nullptr);
}

Response MessagesAdmin::SettingsView(const AdminContext& ctx, const std::string& error,
                                        int status, const std::string* calendar_text) {
  data body, boxes{data::type::list};
  for (const auto& b : d_.storage.mailbox().ListBoxes().value()) {
    data o;
    o.set("id", std::to_string(b.id));
    o.set("slug", b.slug);
    o.set("path", "/mailbox/" + b.slug + "/");
    o.set("name", b.name);
    o.set("second_name", b.second_name);
    o.set("intro", b.intro);
    o.set("deadline_days", std::to_string(b.deadline_days));
    if (b.enabled) o.set("enabled", TemplateTrue());
    for (const auto& [key, how] : {std::pair{"ask_name", b.ask_name}, std::pair{"ask_phone", b.ask_phone},
                                   std::pair{"ask_email", b.ask_email}}) {
      data opts{data::type::list};
      for (int v : {kFieldHidden, kFieldOptional, kFieldRequired})
        opts.push_back(SelectOption(std::to_string(v), d_.kit.T(ctx, FieldLabel(v)), v == how));
      o.set(key, opts);
    }
    boxes.push_back(o);
  }
  body.set("boxes", boxes);
  auto days = d_.storage.mailbox().ListCalendar();
  std::string text = calendar_text ? *calendar_text
                     : days.ok() && !days->empty() ? interact::FormatCalendar(*days)
                                                   : std::string(interact::DefaultCalendarText());
  body.set("calendar", text);
  if (days.ok() && days->empty() && !calendar_text) body.set("shipped", TemplateTrue());
  SetCalendarGap(ctx, body);
  if (!error.empty()) body.set("error", error);
  return d_.kit.Page(ctx, "admin_mailbox", std::move(body), N_("Message boxes"), status);
}

Response MessagesAdmin::SaveBox(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto box = id ? d_.mailbox.Box(*id) : Result<MessageBoxRecord>(Status::NotFound(""));
  if (!box.ok()) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such message box."));
  const http::Form f = http::Form::Parse(req.body);
  MessageBoxRecord b = *box;
  b.name = f.Get("name");
  b.second_name = f.Get("second_name");
  b.intro = f.Get("intro");
  b.deadline_days = static_cast<int>(ParsePositiveId(f.Get("deadline_days")).value_or(0));
  const auto level = [&](const char* key) {
    const std::string v = f.Get(key);
    return v == "0" ? kFieldHidden : v == "2" ? kFieldRequired : kFieldOptional;
  };
  b.ask_name = level("ask_name");
  b.ask_phone = level("ask_phone");
  b.ask_email = level("ask_email");
  b.enabled = f.Get("enabled") == "1";
  Status s = d_.mailbox.UpdateBox(b, ctx.who(), ctx.actor);
  if (!s.ok()) return SettingsView(ctx, d_.kit.ErrorText(ctx, s), HttpStatusFor(s), nullptr);
  return AdminKit::Done("/admin/mailbox", "saved");
}

Response MessagesAdmin::SaveCalendar(const Request& req, const Params&, AdminContext& ctx) {
  const std::string text = http::Form::Parse(req.body).Get("calendar");
  if (text.size() > 64 * 1024)
    return SettingsView(ctx, d_.kit.T(ctx, N_("The calendar is too long: at most 64 KiB.")), 413, &text);
  Status s = d_.mailbox.ReplaceCalendar(text, ctx.who(), ctx.actor);
  if (!s.ok()) return SettingsView(ctx, d_.kit.ErrorText(ctx, s), HttpStatusFor(s), &text);
  return AdminKit::Done("/admin/mailbox", "saved");
}

}  // namespace procura::web
