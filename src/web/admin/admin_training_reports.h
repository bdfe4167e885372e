// Members' own training reports (学时申报), an area of its own over
// AdminKit: the member's form (a course taken elsewhere and its
// certificate), their withdrawal, the records officer's queue with its
// confirm and return, and the certificate's download. TrainingReports
// decides who may do what; these handlers parse and render.
#pragma once

#include <map>

#include "content/content_service.h"
#include "http/forms.h"
#include "storage/storage.h"
#include "training/training_reports.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class TrainingReportsAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    training::TrainingReports& reports;
    ContentService& content;  // the site's time zone
  };
  explicit TrainingReportsAdmin(Deps d) : d_(d) {}
  // Routes under /admin/training/reports; the server takes uploads there.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response NewReportPage(const Request&, const Params&, AdminContext&);
  Response SendReport(const Request&, const Params&, AdminContext&);
  Response EditPage(const Request&, const Params&, AdminContext&);
  Response SaveEdit(const Request&, const Params&, AdminContext&);
  Response Withdraw(const Request&, const Params&, AdminContext&);
  Response QueuePage(const Request&, const Params&, AdminContext&);
  Response Confirm(const Request&, const Params&, AdminContext&);
  Response ReturnReport(const Request&, const Params&, AdminContext&);
  Response Certificate(const Request&, const Params&, AdminContext&);
  // The officer's "N reports await you" line on the dashboard, and the
  // member's own reports awaiting or returned.
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  void MyReportsPart(const AdminContext& ctx, TemplateData& body);

  // The form page, with what was typed and each field's problem: a new
  // report, or the correction of `editing`.
  Response FormView(AdminContext& ctx, const http::Form& typed, const Status& error, int status,
                    const OutsideTrainingRecord* editing = nullptr);
  // The user's own report named by the route's {tid}, still theirs to
  // change (TrainingReports::Changeable).
  Result<OutsideTrainingRecord> OwnReport(const AdminContext& ctx, const Params& p);
  // The queue, with report `failed`'s return reason and its problem.
  Response QueueView(AdminContext& ctx, std::int64_t failed, const http::Form& typed,
                     const Status& error, int status);
  std::map<std::int64_t, MemberRecord> QueueMembers(const std::vector<OutsideTrainingRecord>& queue);
  std::string Today() const;

  Deps d_;
};

}  // namespace procura::web
