// The party organisation's routes under /admin/org (training is
// TrainingAdmin's and AttendanceAdmin's). Literal segments come before
// captures ("members.csv" before "{id}"): routes match in order.
#include "web/admin/admin_handler.h"

namespace procura::web {

void AdminSite::AddRecordsRoutes(http::Router& r) {
  using A = auth::Action;
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
}

}  // namespace procura::web
