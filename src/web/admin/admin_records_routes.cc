// The party records' routes under /admin/org and /admin/training, and the
// participant's check-in under /admin/checkin. Literal segments come
// before captures ("members.csv" before "{id}"): routes match in order.
#include "web/admin/admin_handler.h"

namespace procura::web {

void AdminSite::AddRecordsRoutes(http::Router& r) {
  using A = auth::Action;
  const Requirement session{Requirement::kSession};
  const Requirement view{Requirement::kAction, A::kViewRecords};
  const Requirement manage{Requirement::kAction, A::kManageRecords};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  // Organization and members.
  Add(r, "GET", "/admin/org", view, bind(&AdminSite::OrgPage));
  Add(r, "GET", "/admin/org/branches/{id}", view, bind(&AdminSite::BranchPage));
  Add(r, "GET", "/admin/org/members.csv", manage, bind(&AdminSite::MembersCsv));
  Add(r, "GET", "/admin/org/members.xlsx", manage, bind(&AdminSite::MembersXlsx));
  Add(r, "GET", "/admin/org/members/new", manage, bind(&AdminSite::NewMember));
  Add(r, "POST", "/admin/org/members", manage, bind(&AdminSite::CreateMember));
  Add(r, "GET", "/admin/org/members/{id}", view, bind(&AdminSite::MemberPage));
  Add(r, "GET", "/admin/org/members/{id}/edit", manage, bind(&AdminSite::EditMember));
  Add(r, "POST", "/admin/org/members/{id}/edit", manage, bind(&AdminSite::SaveMember));
  Add(r, "POST", "/admin/org/members/{id}/transfer", manage, bind(&AdminSite::TransferMember));
  Add(r, "POST", "/admin/org/members/{id}/account", manage, bind(&AdminSite::LinkAccount));
  Add(r, "POST", "/admin/org/members/{id}/full", manage,
      bind(&AdminSite::RecordFullMembership));
  Add(r, "POST", "/admin/org/members/{id}/full-approval", manage,
      bind(&AdminSite::RecordFullApproval));
  Add(r, "GET", "/admin/org/import", manage, bind(&AdminSite::ImportForm));
  Add(r, "POST", "/admin/org/import", manage, bind(&AdminSite::ImportPreview));
  Add(r, "POST", "/admin/org/import/confirm", manage, bind(&AdminSite::ImportConfirm));

  // Classes.
  Add(r, "GET", "/admin/training", view, bind(&AdminSite::TrainingPage));
  Add(r, "GET", "/admin/training/new", manage, bind(&AdminSite::NewClass));
  Add(r, "POST", "/admin/training", manage, bind(&AdminSite::CreateClass));
  Add(r, "GET", "/admin/training/hours", view, bind(&AdminSite::HoursPage));
  Add(r, "GET", "/admin/training/hours.csv", view,
      [this](const Request& q, const RouteParams& p, AdminContext& c) {
        return HoursExport(q, p, c, false);
      });
  Add(r, "GET", "/admin/training/hours.xlsx", view,
      [this](const Request& q, const RouteParams& p, AdminContext& c) {
        return HoursExport(q, p, c, true);
      });
  Add(r, "POST", "/admin/training/requirements", manage, bind(&AdminSite::SetRequirements));

  // Sessions, attendance and check-in.
  Add(r, "GET", "/admin/training/sessions/{sid}", view, bind(&AdminSite::SessionSheet));
  Add(r, "GET", "/admin/training/sessions/{sid}/sheet.xlsx", view,
      bind(&AdminSite::SessionSheetXlsx));
  Add(r, "GET", "/admin/training/sessions/{sid}/edit", manage, bind(&AdminSite::EditSession));
  Add(r, "POST", "/admin/training/sessions/{sid}/edit", manage, bind(&AdminSite::SaveSession));
  Add(r, "POST", "/admin/training/sessions/{sid}/delete", manage, bind(&AdminSite::DeleteSession));
  Add(r, "POST", "/admin/training/sessions/{sid}/mark", manage, bind(&AdminSite::MarkAttendance));
  Add(r, "POST", "/admin/training/sessions/{sid}/marks", manage, bind(&AdminSite::SaveSheet));
  Add(r, "GET", "/admin/training/sessions/{sid}/checkin", manage, bind(&AdminSite::ProjectorPage));
  Add(r, "GET", "/admin/training/sessions/{sid}/checkin.json", manage,
      bind(&AdminSite::ProjectorLive));
  Add(r, "GET", "/admin/checkin/{sid}", session, bind(&AdminSite::CheckinForm));
  Add(r, "POST", "/admin/checkin/{sid}", session, bind(&AdminSite::CheckIn));

  // Materials (uploads live under /admin/materials/, where the server
  // allows large bodies). Enrolled members may download: the service
  // checks enrollment.
  Add(r, "POST", "/admin/materials/class/{id}", manage, bind(&AdminSite::UploadMaterial));
  Add(r, "GET", "/admin/materials/{mid}", session, bind(&AdminSite::DownloadMaterial));
  Add(r, "POST", "/admin/materials/{mid}/delete", manage, bind(&AdminSite::DeleteMaterial));

  // One class.
  Add(r, "GET", "/admin/training/{id}", view, bind(&AdminSite::ClassPage));
  Add(r, "GET", "/admin/training/{id}/edit", manage, bind(&AdminSite::EditClass));
  Add(r, "POST", "/admin/training/{id}/edit", manage, bind(&AdminSite::SaveClass));
  Add(r, "GET", "/admin/training/{id}/summary", manage, bind(&AdminSite::ClassSummaryPage));
  Add(r, "GET", "/admin/training/{id}/summary.xlsx", manage, bind(&AdminSite::ClassSummaryXlsx));
  Add(r, "POST", "/admin/training/{id}/sessions", manage, bind(&AdminSite::AddSession));
  Add(r, "POST", "/admin/training/{id}/enroll", manage, bind(&AdminSite::EnrollMember));
  Add(r, "POST", "/admin/training/{id}/withdraw", manage, bind(&AdminSite::WithdrawMember));
  Add(r, "POST", "/admin/training/{id}/enroll-secretaries", manage,
      bind(&AdminSite::EnrollSecretaries));
  Add(r, "POST", "/admin/training/{id}/advance", manage, bind(&AdminSite::AdvanceClass));
  Add(r, "POST", "/admin/training/{id}/news", manage, bind(&AdminSite::DraftNews));
}

}  // namespace procura::web
