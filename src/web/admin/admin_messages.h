// The public mailbox in the newsroom, an area of its own over AdminKit:
// the list of messages with each one's deadline in working days, one
// message with its handling (accept or reject, department, reply,
// approval), the settings of the boxes and of the working-day calendar,
// and the dashboard's list of messages past or near their deadline.
// MailboxService decides who may do what; these handlers parse, call it
// and render.
#pragma once

#include "interact/mailbox.h"
#include "content/content_service.h"
#include "storage/storage.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class MessagesAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    interact::MailboxService& mailbox;
    ContentService& content;  // the site's time zone
  };
  explicit MessagesAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard, and its dashboard part.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // The open messages by deadline, or the answered or rejected ones.
  Response List(const Request&, const Params&, AdminContext&);
  Response Show(const Request&, const Params&, AdminContext&);
  // accept, reject, reply, approve or return, named by {verb}.
  Response Act(const Request&, const Params&, AdminContext&);
  // The message with `error` above its forms (what was typed kept in `m`).
  Response ShowView(const AdminContext& ctx, const MessageRecord& m, const std::string& error,
                    int status);
  Response Settings(const Request&, const Params&, AdminContext&);
  // The settings page; `calendar_text` is what was typed, or null for the
  // stored calendar.
  Response SettingsView(const AdminContext& ctx, const std::string& error, int status,
                        const std::string* calendar_text);
  Response SaveBox(const Request&, const Params&, AdminContext&);
  Response SaveCalendar(const Request&, const Params&, AdminContext&);
  // Table rows for open messages: title, box, state, due day, days left.
  TemplateData DueRows(const AdminContext& ctx, const std::vector<interact::DueItem>& items);
  // For those who handle messages: how many are open, and those overdue
  // or due within kDueSoonWorkingDays.
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  // calendar_gap and calendar_gap_title, when the working-day calendar
  // lacks a year it should list by now (interact::YearsMissing).
  void SetCalendarGap(const AdminContext& ctx, TemplateData& body);

  Deps d_;
};

}  // namespace procura::web
