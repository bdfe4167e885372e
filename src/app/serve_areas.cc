// The party records' services and the web areas of `procura serve`.
#include "app/serve_areas.h"

#include <map>
#include <string>

namespace procura::app {

RecordsServices::RecordsServices(Storage& storage, auth::Audit& audit, int offset,
                                 const training::CheckinKey& key,
                                 branchlife::BranchLifeService::CalendarSource calendar,
                                 const std::filesystem::path& materials_dir)
    : checkin_key(key),
      meeting_key(branchlife::MeetingKeyFrom(key)),
      org(storage, audit),
      members(storage, audit),
      training(storage, audit, offset),
      attendance(storage, audit, org, checkin_key, offset),
      hours(storage, audit, org),
      materials(storage, audit, materials_dir),
      training_reports(storage, audit, materials_dir.parent_path()),
      branch_life(storage, audit, org, std::move(calendar), meeting_key, offset),
      dues(storage, audit, org, offset),
      applicants(storage, org, audit, offset) {}

WebAreas::WebAreas(const AreaInputs& in)
    : calendar_links_(in.storage, in.accounts, in.audit),
      admin_({in.storage, in.accounts, in.audit, in.records.org, in.records.training, in.content,
              in.templates, in.assets, in.require_mfa, &in.catalogs}),
      newsroom_({admin_, in.storage, in.workflow, in.renderer, in.media, in.content, &in.catalogs}),
      media_({admin_, in.storage, in.media, in.records.org, in.content}),
      branch_life_({admin_, in.records.branch_life, in.storage, in.content, in.workflow, in.media,
                    in.records.training, calendar_links_, &in.catalogs}),
      system_({admin_, in.storage, in.accounts, in.columns, in.site_settings, in.content}),
      org_({admin_, in.storage, in.records.org, in.records.members, in.accounts, in.audit,
            in.content, in.data_dir}),
      dues_({admin_, in.records.dues, in.audit}),
      applicants_({admin_, in.records.applicants, in.records.org}),
      training_({admin_, in.storage, in.records.training, in.records.hours, in.records.materials,
                 in.records.org, in.workflow, in.content, in.media, &in.catalogs}),
      training_archive_({admin_, in.storage, in.audit, in.records.org, in.records.hours,
                         in.records.training_reports, in.content}),
      training_reports_({admin_, in.storage, in.records.training_reports, in.content}),
      attendance_({admin_, in.records.attendance, in.content}),
      messages_({admin_, in.storage, in.mailbox, in.content}),
      reports_({admin_, in.storage, in.content, in.mailbox, in.audit, in.data_dir}),
      word_lists_({admin_, in.storage, in.word_lists, in.workflow}),
      api_({in.storage, in.accounts, in.audit, in.workflow, in.columns, in.media,
            &in.records.branch_life}) {}

void WebAreas::AddRoutes(http::Router& router) {
  admin_.AddRoutes(router);
  newsroom_.AddRoutes(router);
  media_.AddRoutes(router);
  org_.AddRoutes(router);
  system_.AddRoutes(router);
  attendance_.AddRoutes(router);  // its /admin/training/sessions/ before the class's {id}
  training_archive_.AddRoutes(router);  // its /admin/training/mine before the class's {id}
  training_reports_.AddRoutes(router);  // /admin/training/reports, likewise
  training_.AddRoutes(router);
  branch_life_.AddRoutes(router);
  dues_.AddRoutes(router);
  applicants_.AddRoutes(router);
  messages_.AddRoutes(router);
  reports_.AddRoutes(router);
  word_lists_.AddRoutes(router);
  api_.AddRoutes(router);
}

web::StaffNotFound WebAreas::StaffNotFound() {
  return [this](const http::Request& req) { return admin_.StaffNotFound(req); };
}

void WebAreas::PrintRoutes(const http::Router& router, std::ostream& out) const {
  std::map<std::string, std::string> needs;
  for (const auto& r : admin_.routes()) needs[r.method + " " + r.pattern] = r.requirement;
  for (const auto& r : api_.routes()) needs[r.method + " " + r.pattern] = r.requirement;
  for (const auto& [method, pattern] : router.Routes()) {
    auto it = needs.find(method + " " + pattern);
    out << method << "\t" << pattern << "\t" << (it == needs.end() ? "public" : it->second) << "\n";
  }
}

}  // namespace procura::app
