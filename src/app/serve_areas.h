// What `procura serve` builds over an open database, besides the portal:
// the party records' services, and the web areas (the newsroom's areas
// and the API) with their routes. Each is wired once, in dependency
// order; members hold references to one another and are never moved.
#pragma once

#include <filesystem>
#include <ostream>

#include "auth/accounts.h"
#include "auth/calendar_links.h"
#include "branchlife/branch_life.h"
#include "content/columns.h"
#include "content/content_service.h"
#include "content/media.h"
#include "content/site_settings.h"
#include "content/workflow.h"
#include "http/router.h"
#include "interact/mailbox.h"
#include "org/applicants.h"
#include "org/dues.h"
#include "org/member_records.h"
#include "org/org_service.h"
#include "render/assets.h"
#include "render/templates.h"
#include "safety/word_lists.h"
#include "storage/storage.h"
#include "training/attendance.h"
#include "training/hours.h"
#include "training/materials.h"
#include "training/training_reports.h"
#include "training/training_service.h"
#include "web/admin/admin_applicants.h"
#include "web/admin/admin_attendance.h"
#include "web/admin/admin_dues.h"
#include "web/admin/admin_media.h"
#include "web/admin/admin_messages.h"
#include "web/admin/admin_newsroom.h"
#include "web/admin/admin_org.h"
#include "web/admin/admin_site.h"
#include "web/admin/admin_site_reports.h"
#include "web/admin/admin_system.h"
#include "web/admin/admin_training.h"
#include "web/admin/admin_training_archive.h"
#include "web/admin/admin_training_reports.h"
#include "web/admin/admin_word_lists.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/api/api.h"
#include "web/dispatch.h"

namespace procura::app {

// The party records: the organisation and its members, training (classes,
// attendance with QR check-in, hours, materials), branch life (三会一课),
// dues and the way in (发展党员). `checkin_key` signs a class's check-in
// codes; branch meetings use a key derived from it, so a class's code
// never opens a meeting.
struct RecordsServices {
  RecordsServices(Storage& storage, auth::Audit& audit, int utc_offset_minutes,
                  const training::CheckinKey& checkin_key,
                  branchlife::BranchLifeService::CalendarSource calendar,
                  const std::filesystem::path& materials_dir);

  const training::CheckinKey checkin_key, meeting_key;
  org::OrgService org;
  org::MemberRecords members;
  training::TrainingService training;
  training::AttendanceService attendance;
  training::HoursService hours;
  training::MaterialsService materials;
  training::TrainingReports training_reports;  // certificates beside materials/
  branchlife::BranchLifeService branch_life;
  org::DuesService dues;
  org::ApplicantService applicants;
};

// The services and the rendering the web areas are built on.
struct AreaInputs {
  Storage& storage;
  auth::AccountService& accounts;
  auth::Audit& audit;
  ArticleWorkflow& workflow;
  const MarkdownRenderer& renderer;
  ColumnService& columns;
  SiteSettingsService& site_settings;
  safety::WordListService& word_lists;
  interact::MailboxService& mailbox;
  MediaService& media;
  ContentService& content;
  RecordsServices& records;
  const TemplateSet& templates;
  const AssetTable& assets;
  const i18n::Catalogs& catalogs;
  std::filesystem::path data_dir;  // materials/ and imports/ live here
  bool require_mfa = false;        // admins and reviewers must set up two-step sign-in
};

// Every area of /admin/ over AdminSite's guard, and /api/v1/.
class WebAreas {
 public:
  explicit WebAreas(const AreaInputs& in);
  // Adds every area's routes, in the order they must match.
  void AddRoutes(http::Router& router);
  // Every route of `router`, one per line: method, pattern and what it
  // needs ("public" for the portal's), tab-separated.
  void PrintRoutes(const http::Router& router, std::ostream& out) const;
  // The newsroom's 404 for a signed-in user's GET of an unknown /admin/
  // address (see AdminSite::StaffNotFound); for MakeDispatcher.
  web::StaffNotFound StaffNotFound();

 private:
  auth::CalendarLinks calendar_links_;  // members' calendar addresses (before the areas using it)
  web::AdminSite admin_;
  web::NewsroomAdmin newsroom_;
  web::MediaAdmin media_;
  web::BranchLifeAdmin branch_life_;
  web::SystemAdmin system_;
  web::OrgAdmin org_;
  web::DuesAdmin dues_;
  web::ApplicantsAdmin applicants_;
  web::TrainingAdmin training_;
  web::TrainingArchiveAdmin training_archive_;
  web::TrainingReportsAdmin training_reports_;
  web::AttendanceAdmin attendance_;
  web::MessagesAdmin messages_;
  web::SiteReportsAdmin reports_;
  web::WordListsAdmin word_lists_;
  web::Api api_;
};

}  // namespace procura::app
