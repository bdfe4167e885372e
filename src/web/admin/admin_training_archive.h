// A member's training archive (个人培训档案), an area of its own over
// AdminKit: every year of the organ's classes the member attended and the
// courses they took elsewhere, against the year's requirement, and the
// records officer's form to record a course elsewhere (or correct one, or
// delete one entered by mistake). OrgService decides who may see the member; the
// training services decide the rest.
#pragma once

#include "content/content_service.h"
#include "http/forms.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "training/hours.h"
#include "training/outside_training.h"
#include "training/training_reports.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class TrainingArchiveAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    auth::Audit& audit;
    org::OrgService& org;
    training::HoursService& hours;
    training::TrainingReports& reports;  // the member's reports not counted yet
    ContentService& content;  // the site's time zone
  };
  explicit TrainingArchiveAdmin(Deps d) : d_(d) {}
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response ArchivePage(const Request&, const Params&, AdminContext&);
  Response MyArchive(const Request&, const Params&, AdminContext&);  // one's own, read only
  // The archive as XLSX, a member's and one's own. Audited.
  Response ArchiveXlsx(const Request&, const Params&, AdminContext&);
  Response MyArchiveXlsx(const Request&, const Params&, AdminContext&);
  Response RecordOutside(const Request&, const Params&, AdminContext&);
  Response EditOutsidePage(const Request&, const Params&, AdminContext&);
  Response SaveOutside(const Request&, const Params&, AdminContext&);
  Response DeleteOutside(const Request&, const Params&, AdminContext&);
  // The dashboard's "As a party member" line: this year's hours against
  // the requirement, and a leader's missing centralized training.
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  // Where a correction of `t` leads back to: the queue for a report
  // awaiting the officer, else the member's archive.
  static std::string AfterCorrection(const OutsideTrainingRecord& t);
  // The record named by the route's {tid}, or nothing.
  std::optional<OutsideTrainingRecord> FindOutside(const Params& p);
  // The correction page, with what was typed and its problems.
  Response EditOutsideView(AdminContext& ctx, const OutsideTrainingRecord& record,
                           const http::Form& typed, const Status& error, int status);
  // The page, with the form's typed values and problems when sent back.
  Response ArchiveView(AdminContext& ctx, std::int64_t member, const http::Form& typed,
                       const Status& error, int status);
  // Who the archive is of: the member, their branch, whether they hold a
  // post (the requirement), and whether it is one's own page.
  struct Whose {
    MemberRecord member;
    std::string branch;
    std::vector<std::string> post_since;  // each post's day taken ("" unknown)
    bool own = false;
    std::vector<FormerPostRecord> former_posts;  // the posts held before
    bool leader_now() const { return !post_since.empty(); }
    // A secretary or committee member at the end of `year`
    // (training::PostCountsIn, FormerPostCountsIn).
    bool leader_in(int year) const;
  };
  // Member `id` when the user may see them (OrgService::Member decides).
  Result<Whose> MemberWhose(const AdminContext& ctx, std::int64_t id);
  // The user's own member record; NotFound when the account has none.
  Result<Whose> OwnWhose(const AdminContext& ctx);
  // Every year on record of the member's, against this year (the site's).
  Result<std::vector<training::TrainingYear>> Years(const Whose& whose);
  // The hours a year requires of the member (0 when no requirement is set).
  double RequiredHours(int year, bool leader);
  // The download: a sheet of years against the requirement, one of courses.
  Response Xlsx(AdminContext& ctx, const Whose& whose);
  Response Render(AdminContext& ctx, const Whose& whose, const http::Form& typed,
                  const Status& error, int status);
  // The member's reports that do not count yet (awaiting the records
  // officer, or returned), and on one's own page the way to send one.
  void SetReports(const AdminContext& ctx, const Whose& whose, TemplateData& body);
  // One year's part; the classes link to their pages for `link_classes`.
  TemplateData YearSection(const AdminContext& ctx, const training::TrainingYear& y,
                           bool leader, bool officer, bool link_classes);
  // One line of a year: a class of the organ's (class_id) or a course
  // elsewhere (outside_id), as shown.
  struct Line {
    std::int64_t class_id = 0, outside_id = 0;
    std::string title, by, dates, kind, remark;
    double hours = 0;
    bool certificate = false;  // a course elsewhere with its certificate on file
  };
  std::vector<Line> Lines(const AdminContext& ctx, const training::TrainingYear& y);
  std::string Today() const;

  Deps d_;
};

}  // namespace procura::web
