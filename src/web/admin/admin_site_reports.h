// The site's reports to those who oversee it, an area of the newsroom over
// AdminKit: the statistics for the annual report (政府网站工作年度报表:
// views and unique visitors by month, posts and views per column, the most
// read articles, the public messages; XLSX in the report's layout) and the
// self-inspection against the national indicators (the live report, the
// recorded runs, recording one, XLSX), and whether the static exports are
// up to date (static publishing). For the site administrator only, but
// for a failing export's warning on every newsroom dashboard.
#pragma once

#include <filesystem>
#include <map>
#include <vector>

#include "auth/audit.h"
#include "content/content_service.h"
#include "content/export_health.h"
#include "interact/inspection.h"
#include "interact/mailbox.h"
#include "storage/storage.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class SiteReportsAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    ContentService& content;            // the site's name, address and time zone
    interact::MailboxService& mailbox;  // the year's messages
    auth::Audit& audit;
    std::filesystem::path data_dir;  // media/, for the inspection's link checks
  };
  explicit SiteReportsAdmin(Deps d) : d_(std::move(d)) {}
  // Adds the area's routes through the kit's guard.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // One calendar year's figures (site time).
  struct YearStats {
    int year = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> months;  // (views, visitors)
    std::map<std::int64_t, std::int64_t> column_views, article_views, posts;
    std::int64_t total_views = 0, total_visitors = 0, total_posts = 0;
    int messages_received = 0, messages_answered = 0;
  };
  YearStats CollectYearStats(int year);
  // admin_statistics.cc
  Response StatisticsPage(const Request&, const Params&, AdminContext&);
  Response StatisticsXlsx(const Request&, const Params&, AdminContext&);
  // The months as table rows and as the bars of the chart.
  TemplateData MonthRows(const YearStats& y);
  // The 20 most read articles of the year.
  TemplateData TopArticles(const YearStats& y);
  // admin_inspection.cc
  interact::InspectOptions InspectionOptions() const;
  Response InspectionPage(const Request&, const Params&, AdminContext&);
  Response RecordInspection(const Request&, const Params&, AdminContext&);
  Response InspectionXlsx(const Request&, const Params&, AdminContext&);
  // admin_publishing.cc
  std::vector<std::pair<ExportReport, ExportCheck>> CheckExports();
  TemplateData ExportRow(const AdminContext& ctx, const ExportReport& r, const ExportCheck& c,
                         int offset);
  Response PublishingPage(const Request&, const Params&, AdminContext&);
  Response ForgetExport(const Request&, const Params&, AdminContext&);
  // A warning on every newsroom user's dashboard when an export fails or
  // has fallen silent.
  void DashboardPart(const AdminContext& ctx, TemplateData& body);

  Deps d_;
  // The inspection's reading of every article, kept between views.
  std::shared_ptr<interact::ArticleTextCache> text_cache_ =
      std::make_shared<interact::ArticleTextCache>();
};

}  // namespace procura::web
