// Portal: the public message boxes — the index (boxes, look up by query
// code, answered messages with monthly statistics), each box's form, and
// the answers to a submission and a lookup. Never cached: every answer is
// built for its request. Contact details are never shown; the public list
// shows masked text only.
#include <fmt/format.h>

#include "core/clock.h"
#include "core/text.h"
#include "http/forms.h"
#include "interact/mailbox.h"
#include "web/portal/reader_preferences.h"
#include "web/same_origin.h"
#include "web/portal/portal.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

std::string Message(const PageContext& ctx, const Status& s) {
  return ctx.catalogs ? ctx.catalogs->TrMessage(ctx.lang, s.msgid(), s.args()) : s.message();
}

const char* StateLabel(const std::string& state) {
  if (state == kMsgReceived) return N_("received, waiting to be checked");
  if (state == kMsgAccepted || state == kMsgReplySubmitted) return N_("accepted, being answered");
  if (state == kMsgAnswered) return N_("answered");
  return N_("not accepted");
}

}  // namespace

Response Portal::MailboxPage(const Request& req, i18n::Lang lang, const std::string& tmpl,
                             TemplateData body, const std::string& title, int status) {
  const auto snap = d_.content.Snapshot();
  const PageContext ctx = Context(*snap, req, lang);
  body.set("mailbox_url", ctx.Url("/mailbox/"));
  body.set("lookup_url", ctx.Url("/mailbox/lookup"));
  auto page = RenderPage(ctx, tmpl, std::move(body), ctx.T(title), status, "/mailbox/");
  if (!page.ok()) return ServerError(req);
  Response res;
  res.status = page->status;
  res.body = std::make_shared<const std::string>(std::move(page->html));
  res.SetHeader("Cache-Control", "no-store");  // query codes and typed text stay private
  RememberPreferences(req, res);
  return res;
}

TemplateData Portal::BoxList(const PageContext& ctx) {
  data list{data::type::list};
  auto boxes = d_.storage.mailbox().ListBoxes();
  if (!boxes.ok()) return list;
  for (const auto& b : *boxes) {
    if (!b.enabled) continue;
    data o;
    o.set("name", ctx.lang == PrimaryLang(ctx.snap.site()) || b.second_name.empty() ? b.name : b.second_name);
    o.set("url", ctx.Url("/mailbox/" + b.slug + "/"));
    if (!b.intro.empty()) o.set("intro", b.intro);
    o.set("deadline", FillPlaceholders(ctx.T("Answered within {n} working days"),
                                       {{"n", std::to_string(b.deadline_days)}}));
    list.push_back(o);
  }
  return list;
}

Response Portal::MailboxIndex(const Request& req, i18n::Lang lang) {
  const auto snap = d_.content.Snapshot();
  const PageContext ctx = Context(*snap, req, lang);
  const int off = snap->site().utc_offset_minutes;
  data body;
  body.set("boxes", BoxList(ctx));
  auto boxes = d_.storage.mailbox().ListBoxes();
  auto answered = d_.storage.mailbox().ListMessages({.published_only = true, .limit = 50});
  data list{data::type::list};
  if (answered.ok() && boxes.ok())
    for (const auto& m : *answered) {
      data o;
      for (const auto& b : *boxes)
        if (b.id == m.box_id) o.set("box", ctx.lang == PrimaryLang(ctx.snap.site()) || b.second_name.empty() ? b.name : b.second_name);
      o.set("title", interact::MaskPersonalData(m.title));
      o.set("body", interact::MaskPersonalData(m.body));
      o.set("received", interact::LocalDay(m.received_at, off));
      o.set("answered", m.replied_at ? interact::LocalDay(*m.replied_at, off) : "");
      o.set("department", m.department);
      o.set("reply", m.reply);  // the office's words: its own numbers stay
      list.push_back(o);
    }
  body.set("answered", list);
  if (answered.ok() && !answered->empty()) body.set("has_answered", TemplateTrue());
  const int year = std::stoi(interact::LocalDay(NowUnix(), off).substr(0, 4));
  body.set("year", std::to_string(year));
  if (d_.mailbox) {
    auto stats = d_.mailbox->Statistics(year);
    data rows{data::type::list};
    if (stats.ok())
      for (const auto& s : *stats) {
        data r;
        r.set("month", s.month);
        r.set("received", std::to_string(s.received));
        r.set("answered", std::to_string(s.answered));
        r.set("average", s.answered ? fmt::format("{:.1f}", s.average_days) : "—");
        r.set("longest", s.answered ? std::to_string(s.longest_days) : "—");
        rows.push_back(r);
      }
    body.set("stats", rows);
    if (stats.ok() && !stats->empty()) body.set("has_stats", TemplateTrue());
  }
  return MailboxPage(req, lang, "mailbox", std::move(body), N_("Write to us"));
}

const MessageBoxRecord* Portal::FindBox(const std::vector<MessageBoxRecord>& boxes,
                                        const std::string& slug) {
  for (const auto& b : boxes)
    if (b.slug == slug && b.enabled) return &b;
  return nullptr;
}

Response Portal::MailboxForm(const Request& req, const http::RouteParams& p, i18n::Lang lang,
                             const interact::MessageInput* typed, const Status& problem) {
  auto boxes = d_.storage.mailbox().ListBoxes();
  if (!boxes.ok()) return ServerError(req);
  const MessageBoxRecord* box = FindBox(*boxes, p.at("slug"));
  if (!box) return NotFound(req);
  const auto snap = d_.content.Snapshot();
  const PageContext ctx = Context(*snap, req, lang);
  data body;
  const std::string name = ctx.lang == PrimaryLang(ctx.snap.site()) || box->second_name.empty() ? box->name : box->second_name;
  body.set("box_name", name);
  if (!box->intro.empty()) body.set("intro", box->intro);
  body.set("action", ctx.Url("/mailbox/" + box->slug + "/"));
  body.set("deadline", FillPlaceholders(ctx.T("Answered within {n} working days"),
                                        {{"n", std::to_string(box->deadline_days)}}));
  const auto ask = [&](const char* key, int how) {
    if (how == kFieldHidden) return;
    body.set(std::string("ask_") + key, TemplateTrue());
    if (how == kFieldRequired) body.set(std::string("require_") + key, TemplateTrue());
  };
  ask("name", box->ask_name);
  ask("phone", box->ask_phone);
  ask("email", box->ask_email);
  if (typed) {
    body.set("title", typed->title);
    body.set("body", typed->body);
    body.set("name", typed->name);
    body.set("phone", typed->phone);
    body.set("email", typed->email);
    if (typed->wants_public) body.set("wants_public", TemplateTrue());
  }
  int status = 200;
  if (!problem.ok()) {
    status = problem.code() == Status::Code::kUnavailable ? 429 : 422;
    data errors{data::type::list};
    const auto one = [&](const Status& s) {
      if (!s.field().empty()) body.set("err_" + s.field(), Message(ctx, s));
      errors.push_back(data(Message(ctx, s)));
    };
    if (problem.problems().empty()) one(problem);
    for (const auto& s : problem.problems()) one(s);
    body.set("errors", errors);
  }
  return MailboxPage(req, lang, "mailbox_form", std::move(body), name, status);
}

Response Portal::MailboxSubmit(const Request& req, const http::RouteParams& p, i18n::Lang lang) {
  if (!SameOrigin(req, d_.content.Snapshot()->site().public_url))
    return MailboxPage(req, lang, "form_refused", {}, N_("Form not accepted"), 403);
  const http::Form f = http::Form::Parse(req.body);
  interact::MessageInput in;
  in.title = f.Get("title");
  in.body = f.Get("body");
  in.name = f.Get("name");
  in.phone = Trim(NarrowForms(f.Get("phone")));  // "１３８…" as typed in 全角
  in.email = NarrowEmailAddress(f.Get("email"));  // "ａ＠ｂ。ｃｎ" as typed in 全角
  in.wants_public = f.Get("public") == "1";
  in.honeypot = f.Get("website");
  in.client = req.remote_addr;
  auto sent = d_.mailbox->Submit(p.at("slug"), in, NowUnix());
  if (!sent.ok()) {
    const Status::Code code = sent.status().code();
    if (code == Status::Code::kNotFound) return NotFound(req);
    if (code != Status::Code::kInvalidArgument && code != Status::Code::kUnavailable)
      return ServerError(req);  // storage trouble: not the writer's fault
    return MailboxForm(req, p, lang, &in, sent.status());
  }
  data body;
  body.set("code", sent->query_code);
  body.set("due", sent->due_day);
  return MailboxPage(req, lang, "mailbox_sent", std::move(body), N_("Your message was received"));
}

Response Portal::MailboxLookup(const Request& req, i18n::Lang lang) {
  if (!SameOrigin(req, d_.content.Snapshot()->site().public_url))
    return MailboxPage(req, lang, "form_refused", {}, N_("Form not accepted"), 403);
  const std::string code = http::Form::Parse(req.body).Get("code");
  auto found = d_.mailbox->Lookup(code);
  if (!found.ok()) return ServerError(req);
  const auto snap = d_.content.Snapshot();
  const PageContext ctx = Context(*snap, req, lang);
  const int off = snap->site().utc_offset_minutes;
  data body;
  body.set("code", Utf8Prefix(code, 40));
  if (!found->has_value()) {
    body.set("not_found", TemplateTrue());
    return MailboxPage(req, lang, "mailbox_status", std::move(body), N_("Look up a message"), 404);
  }
  const MessageRecord& m = **found;
  body.set("found", TemplateTrue());
  body.set("title", m.title);
  body.set("state", ctx.T(StateLabel(m.state)));
  body.set("received", interact::LocalDay(m.received_at, off));
  if (m.state != kMsgRejected) body.set("due", m.due_day);
  if (m.state == kMsgRejected) body.set("reject_reason", m.reject_reason);
  if (m.state == kMsgAnswered) {
    body.set("answered", m.replied_at ? interact::LocalDay(*m.replied_at, off) : "");
    body.set("department", m.department);
    if (!m.reply.empty()) body.set("reply", m.reply);
  }
  return MailboxPage(req, lang, "mailbox_status", std::move(body), N_("Look up a message"));
}

}  // namespace procura::web
