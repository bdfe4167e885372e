// The site's own administration in the newsroom, an area of its own over
// AdminKit: user accounts and their roles, the columns (栏目) and their
// review chains, the site's settings, and the audit log. Each route needs
// its own permission (manage-users, manage-columns, manage-site,
// view-audit); AccountService, ColumnService and SiteSettingsService
// validate and audit what changes.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "auth/accounts.h"
#include "content/columns.h"
#include "core/audit_labels.h"
#include "content/content_service.h"
#include "content/site_settings.h"
#include "storage/storage.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class SystemAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;  // the audit log, user names
    auth::AccountService& accounts;
    ColumnService& columns;
    SiteSettingsService& site_settings;
    ContentService& content;  // the site as published, its time zone
  };
  explicit SystemAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard, and its dashboard part.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // Users (admin_users.cc).
  Response UsersPage(const Request&, const Params&, AdminContext&);  // the table
  Response UserPage(const Request&, const Params&, AdminContext&);   // one account's forms
  Response AddUser(const Request&, const Params&, AdminContext&);
  Response UpdateUser(const Request&, const Params&, AdminContext&);
  Response UsersListPage(const AdminContext& ctx, const std::string& error, int status);
  Response OneUserPage(const AdminContext& ctx, const std::string& name, const std::string& error,
                       int status);

  // Columns (admin_columns.cc).
  Response ColumnsPage(const Request&, const Params&, AdminContext&);  // the table
  Response ColumnPage(const Request&, const Params&, AdminContext&);   // one column's form
  Response CreateColumn(const Request&, const Params&, AdminContext&);
  Response UpdateColumn(const Request&, const Params&, AdminContext&);
  // The columns' table and the new-column form: empty, or (after a
  // refused create) with what was sent and `error` beside its fields.
  Response ColumnsListPage(const AdminContext& ctx, const ColumnInput* sent, const Status& error);
  // Column `id`'s form: as stored, or (after a refused save) as sent,
  // with `error` beside its fields.
  Response ColumnFormPage(const AdminContext& ctx, std::int64_t id, const ColumnInput* sent,
                          const Status& error);
  TemplateData ColumnForm(const AdminContext& ctx, std::int64_t id, const ColumnInput& c,
                          const std::vector<ColumnRecord>& columns,
                          const std::vector<UserRecord>& users) const;
  // How many review steps a column needs (三审三校), as select options.
  TemplateData ReviewStepOptions(const AdminContext& ctx, int selected) const;

  // Site settings (admin_settings.cc).
  Response SettingsPage(const Request&, const Params&, AdminContext&);
  Response SaveSettings(const Request&, const Params&, AdminContext&);
  Response SettingsFormPage(const AdminContext& ctx, const SiteSettingsInput& in,
                            const Status& error, int status);
  // The language choice (or the sentence saying it is fixed) in `body`.
  void SetLanguageFields(const AdminContext& ctx, const SiteSettingsInput& in, TemplateData& body);

  // The dashboard's list of first steps for a new site (admin_getting_started.cc).
  void GettingStartedPart(const AdminContext& ctx, TemplateData& body);

  // The audit log (admin_audit.cc).
  Response AuditPage(const Request&, const Params&, AdminContext&);
  Response AuditCsv(const Request&, const Params&, AdminContext&);
  TemplateData CodeOptions(const AdminContext& ctx, std::span<const AuditActionName> codes,
                           std::string_view selected) const;

  Deps d_;
};

}  // namespace procura::web
