// Attendance in the newsroom, an area of its own over AdminKit: a
// session's attendance sheet (marks one by one or all at once, and as
// XLSX), the projector's check-in page with its rotating QR code, and the
// participant's check-in form that the code opens, with the sign-in page's
// word on what signing in is for. AttendanceService decides.
#pragma once

#include <map>

#include "content/content_service.h"
#include "training/attendance.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

// Sets present / late / excused / absent / unmarked on `d` for templates.
void SetTally(TemplateData& d, const training::MarkTally& t);

class AttendanceAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    training::AttendanceService& attendance;
    ContentService& content;  // the site's time zone and address
  };
  explicit AttendanceAdmin(Deps d) : d_(d) {}
  // Adds the session and check-in routes through the kit's guard, and the
  // sign-in page's purpose for a check-in link.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response SessionSheet(const Request&, const Params&, AdminContext&);
  Response SessionSheetXlsx(const Request&, const Params&, AdminContext&);
  Response MarkAttendance(const Request&, const Params&, AdminContext&);
  Response SaveSheet(const Request&, const Params&, AdminContext&);
  // The attendance sheet, with `typed` marks kept over the stored ones and
  // `error`'s problems beside their rows.
  Response RenderSheet(AdminContext& ctx, std::int64_t sid,
                       const std::map<std::int64_t, training::MarkChange>& typed,
                       const Status& error);
  Response ProjectorPage(const Request&, const Params&, AdminContext&);
  Response ProjectorLive(const Request&, const Params&, AdminContext&);
  Response CheckinForm(const Request&, const Params&, AdminContext&);
  Response CheckIn(const Request&, const Params&, AdminContext&);
  // "Sign in to check in to …" for a check-in link's `next`; "" otherwise.
  std::string SignInPurpose(const AdminContext& ctx, const std::string& next);

  Deps d_;
};

}  // namespace procura::web
