// The party organisation in the newsroom, an area of its own over AdminKit:
// the organisation and its branches, a member's page (the way in, the
// appraisals, full membership and its approval, transfers, the linked
// account), the member form, the members' CSV/XLSX and the import with
// its preview. OrgService decides who sees what; MemberRecords validates
// and writes. The applicants (发展党员) are ApplicantsAdmin's.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "auth/accounts.h"
#include "auth/audit.h"
#include "content/content_service.h"
#include "org/member_records.h"
#include "org/org_service.h"
#include "org/org_structure.h"
#include "storage/storage.h"
#include "tabular/table.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class OrgAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    org::OrgService& org;
    org::MemberRecords& members;
    auth::AccountService& accounts;  // linking a member's account
    auth::Audit& audit;
    ContentService& content;         // the site's time zone
    std::filesystem::path data_dir;  // imports/ lives here
  };
  explicit OrgAdmin(Deps d) : d_(std::move(d)), structure_(d_.storage, d_.audit) {}
  // Adds the area's routes (/admin/org/…) through the kit's guard.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // The organisation, a branch, a member (admin_org.cc).
  Response OrgPage(const Request&, const Params&, AdminContext&);
  // The org page with a form's problems beside its fields and the text
  // typed into it (`form`: "setup" or "branch").
  Response OrgPageWith(const AdminContext& ctx, const std::string& form, const http::Form& typed,
                       const Status& error);
  Response BranchPage(const Request&, const Params&, AdminContext&);
  // The branch page with the dissolution form's problems beside its fields.
  Response BranchPageWith(const AdminContext& ctx, std::int64_t branch, const http::Form& typed,
                          const Status& error);
  Response MemberPage(const Request&, const Params&, AdminContext&);
  // The member's page, with `typed` and `error` in the form they came from.
  Response MemberPageWith(AdminContext& ctx, std::int64_t id, const http::Form& typed,
                          const Status& error, int status);
  Response TransferMember(const Request&, const Params&, AdminContext&);
  Response LinkAccount(const Request&, const Params&, AdminContext&);
  Response RecordFullMembership(const Request&, const Params&, AdminContext&);
  Response RecordFullApproval(const Request&, const Params&, AdminContext&);
  // The member page's way in (发展党员 dates and steps) and the ratings of
  // the democratic appraisal of the last five years.
  void SetWayIn(const AdminContext& ctx, std::int64_t member, TemplateData& body);
  // The member page's probation (预备期) and its end, the full membership
  // (转正) with its approval (done, awaited, or not kept) and the standing.
  void SetMembership(const AdminContext& ctx, const MemberRecord& m, TemplateData& body);
  // The linked account; for the records officer, the forms to link one
  // and to transfer the member to another branch.
  void SetAccountAndForms(const AdminContext& ctx, const MemberRecord& m, TemplateData& body);
  void SetAppraisals(const AdminContext& ctx, std::int64_t member, TemplateData& body);
  // The posts held before: on the member's page, latest first; on the
  // branch's page, who held which of its posts when (admin_org_posts.cc).
  void SetFormerPosts(const AdminContext& ctx, const org::MemberDetail& d, TemplateData& body);
  void SetBranchFormerPosts(const AdminContext& ctx, std::int64_t branch, TemplateData& body);
  // The form recording a post held before, and its handlers (admin_org_posts.cc).
  void SetFormerPostForm(const AdminContext& ctx, const http::Form& typed, const Status& error,
                         TemplateData& body);
  Response AddFormerPost(const Request&, const Params&, AdminContext&);
  Response DeleteFormerPost(const Request&, const Params&, AdminContext&);

  // For the records officer, a secretary's training since taking the post
  // (任职培训): when, or by when (admin_org_structure.cc).
  void SetSecretaryTraining(const AdminContext& ctx, std::int64_t member, TemplateData& body);
  // Today in the site's time zone, YYYY-MM-DD.
  std::string Today() const;

  // Setting up the organisation, adding a branch, renaming a unit
  // (admin_org_structure.cc); the org page's and branch page's forms.
  Response SetUpOrganisation(const Request&, const Params&, AdminContext&);
  Response AddBranch(const Request&, const Params&, AdminContext&);
  Response UpdateUnit(const Request&, const Params&, AdminContext&);
  Response SetPosts(const Request&, const Params&, AdminContext&);
  // Dissolving a branch (撤销), its people moved to another first.
  Response DissolveBranch(const Request&, const Params&, AdminContext&);
  // Makes a dissolved branch stand again, once confirmed, with the
  // members ticked moved back (admin_branch_restore.cc).
  Response RestoreBranch(const Request&, const Params&, AdminContext&);
  // The dissolved branch page's restore form: whom it may move back, the
  // note; what was typed and its problems when sent back.
  void SetRestoreForm(const AdminContext& ctx, const OrgUnitRecord& unit, const http::Form& typed,
                      const Status& error, TemplateData& body);
  // The branch page's dissolution form: the day, the branch its people
  // move to, the note; what was typed and its problems when sent back.
  void SetDissolveForm(const AdminContext& ctx, const OrgUnitRecord& unit, const http::Form& typed,
                       const Status& error, TemplateData& body);
  // The member page's choice of branch committee posts.
  void SetPostChoices(const AdminContext& ctx, const org::MemberDetail& held,
                      TemplateData& body);
  void SetStructureForms(const AdminContext& ctx, TemplateData& body);
  void SetBranchForm(const OrgUnitRecord& unit, TemplateData& body);
  // 档案核查: the members whose records break the rules (admin_record_check.cc).
  Response RecordCheck(const Request&, const Params&, AdminContext&);
  // The org page's and the dashboard's line saying how many there are.
  void SetRecordCheckLine(const AdminContext& ctx, TemplateData& body);

  // The member form, exports and the import (admin_members.cc).
  Response NewMember(const Request&, const Params&, AdminContext&);
  Response CreateMember(const Request&, const Params&, AdminContext&);
  Response EditMember(const Request&, const Params&, AdminContext&);
  Response SaveMember(const Request&, const Params&, AdminContext&);
  Response MemberFormPage(const AdminContext& ctx, const MemberRecord& m, const Status& error,
                          int status);
  Response MembersCsv(const Request&, const Params&, AdminContext&);
  Response MembersXlsx(const Request&, const Params&, AdminContext&);
  // Every member as one sheet, headers and codes in the user's language.
  tabular::Sheet MembersSheet(const AdminContext& ctx);
  Response ImportForm(const Request&, const Params&, AdminContext&);
  Response ImportPreview(const Request&, const Params&, AdminContext&);
  TemplateData ImportRows(const AdminContext& ctx, const std::vector<org::ImportRow>& rows);
  Response ImportConfirm(const Request&, const Params&, AdminContext&);

  Deps d_;
  org::OrgStructure structure_;
};

}  // namespace procura::web
