// Training classes in the newsroom, an area of its own over AdminKit: the
// list of classes, one class with its sessions, enrolment, materials and photos,
// the class and session forms, the class's news draft, and the reports
// (a class's summary, the annual hours). TrainingService, HoursService and
// MaterialsService decide who sees and changes what; these handlers parse,
// call them and render. Attendance and check-in are AttendanceAdmin's.
#pragma once

#include <map>

#include "content/content_service.h"
#include "http/forms.h"
#include "content/media.h"
#include "content/workflow.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "training/hours.h"
#include "training/materials.h"
#include "training/training_service.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

// A class as a table row: id, title, dates, status in words (the class
// list and the dashboard's).
TemplateData ClassRow(const AdminKit& kit, const AdminContext& ctx, const ClassRecord& c);

class TrainingAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    training::TrainingService& training;
    training::HoursService& hours;
    training::MaterialsService& materials;
    org::OrgService& org;
    ArticleWorkflow& workflow;  // a class's news draft
    ContentService& content;    // the site's time zone and address
    MediaService& media;        // the class's photos
    const i18n::Catalogs* catalogs = nullptr;  // the draft in the site's language
  };
  explicit TrainingAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard. The session routes are
  // AttendanceAdmin's, added before these (routes match in order).
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // Classes (admin_training.cc).
  Response TrainingPage(const Request&, const Params&, AdminContext&);
  Response ClassPage(const Request&, const Params&, AdminContext&);
  Response EnrollSecretaries(const Request&, const Params&, AdminContext&);
  Response AdvanceClass(const Request&, const Params&, AdminContext&);
  Response EnrollMember(const Request&, const Params&, AdminContext&);
  Response WithdrawMember(const Request&, const Params&, AdminContext&);
  // The class page's parts: its facts, its sessions (and the exchanges
  // among them), its news report, its materials.
  void SetClassFacts(const AdminContext& ctx, const training::ClassDetail& d, TemplateData& body);
  void SetClassSessions(const AdminContext& ctx, const training::ClassDetail& d, bool officer,
                        TemplateData& body);
  std::map<std::int64_t, std::string> MeetingsDuring(const AdminContext& ctx,
                                                     const training::ClassDetail& d);
  void SetOutsideClassDates(const AdminContext& ctx, const ClassRecord& c, const std::string& day,
                            TemplateData& row);
  void SetClassNews(const AdminContext& ctx, std::int64_t article_id, TemplateData& body);
  void SetClassMaterials(std::int64_t class_id, bool officer, TemplateData& body);
  void SetClassPhotos(const ClassRecord& c, TemplateData& body);
  void AddClassManagement(const AdminContext& ctx, const ClassRecord& c, TemplateData& body);

  // Class and session forms, the news draft (admin_class_edit.cc).
  Response NewClass(const Request&, const Params&, AdminContext&);
  Response CreateClass(const Request&, const Params&, AdminContext&);
  Response EditClass(const Request&, const Params&, AdminContext&);
  Response SaveClass(const Request&, const Params&, AdminContext&);
  Response AddSession(const Request&, const Params&, AdminContext&);
  Response EditSession(const Request&, const Params&, AdminContext&);
  Response SaveSession(const Request&, const Params&, AdminContext&);
  // The session form: a new session of class `s.class_id` (`s.id` 0) or
  // session `s.id`, showing `s` and, after a refused save, `error` beside
  // its fields. `typed` (the refused form) puts back the number fields
  // as they were typed, where `s` holds only what read.
  Response SessionFormPage(const AdminContext& ctx, const SessionRow& s, const Status& error,
                           int status, const http::Form* typed = nullptr);
  Response DeleteSession(const Request&, const Params&, AdminContext&);
  Response DraftNews(const Request&, const Params&, AdminContext&);
  // The class form, as SessionFormPage.
  Response ClassFormPage(const AdminContext& ctx, const ClassRecord& c, const Status& error,
                         int status, const http::Form* typed = nullptr);

  // Materials and photos (admin_materials.cc).
  Response UploadMaterial(const Request&, const Params&, AdminContext&);
  Response DownloadMaterial(const Request&, const Params&, AdminContext&);
  Response DeleteMaterial(const Request&, const Params&, AdminContext&);
  Response AddPhoto(const Request&, const Params&, AdminContext&);
  Response RemovePhoto(const Request&, const Params&, AdminContext&);
  Response LeadPhoto(const Request&, const Params&, AdminContext&);

  // Reports (admin_reports.cc).
  Response ClassSummaryPage(const Request&, const Params&, AdminContext&);
  Response ClassSummaryXlsx(const Request&, const Params&, AdminContext&);
  Response HoursPage(const Request&, const Params&, AdminContext&);
  // The hours page for `query` (as the page's own ?year=&branch=…); after
  // a refused requirement, `error` beside the form's fields and the
  // figures as `typed`.
  Response HoursPageFor(AdminContext& ctx, const std::string& query, const Status& error,
                        const http::Form* typed, int status);
  // The dashboard's year-end note: how many members the user may see fall
  // short of this year's training (training::InYearEndReminder).
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  Response HoursExport(const Request&, const Params&, AdminContext&, bool xlsx);
  Response SetRequirements(const Request&, const Params&, AdminContext&);

  Deps d_;
};

}  // namespace procura::web
