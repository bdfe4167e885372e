// The newsroom's pages for party dues (党费), an area of its own over
// AdminKit: the committee's overview by branch, a branch's year (members ×
// months, XLSX), one member's year with the forms that set the year's base
// and record or remove payments, and a member's own dues. DuesService
// decides who may do what; these handlers parse, call it and render.
#pragma once

#include <map>
#include <set>

#include "http/forms.h"
#include "org/dues.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class DuesAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    org::DuesService& dues;
    auth::Audit& audit;
  };
  explicit DuesAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard, and its dashboard part.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  // The overview, a branch, the XLSX and a member's own (admin_dues.cc).
  Response Overview(const Request&, const Params&, AdminContext&);
  Response BranchPage(const Request&, const Params&, AdminContext&);  // admin_dues_branch.cc
  Response BranchXlsx(const Request&, const Params&, AdminContext&);  // admin_dues_sheets.cc
  Response OverviewXlsx(const Request&, const Params&, AdminContext&);
  // The dues import: its template, its form and the upload.
  Response BasesXlsx(const Request&, const Params&, AdminContext&);
  Response ImportForm(const Request&, const Params&, AdminContext&);
  Response Import(const Request&, const Params&, AdminContext&);
  Response ImportView(AdminContext& ctx, int year, const std::vector<std::string>& problems, int status);
  // A branch's year and the month's collection (admin_dues_branch.cc).
  struct MonthEntry {
    int month = 1;
    std::string paid_on;
    std::set<std::int64_t> members;  // ticked
  };
  Response BranchView(AdminContext& ctx, std::int64_t branch, int year, const MonthEntry& typed,
                      const Status& error, int status);
  // This month for this year, December for a past one, January ahead.
  int DefaultMonth(int year) const;
  void SetMonthForm(const AdminContext& ctx, const org::BranchDues& b, const MonthEntry& typed,
                    TemplateData& body) const;
  Response RecordMonth(const Request&, const Params&, AdminContext&);
  Response CarryOver(const Request&, const Params&, AdminContext&);
  Response Mine(const Request&, const Params&, AdminContext&);
  void DashboardPart(const AdminContext& ctx, TemplateData& body);
  void MyDuesLine(const AdminContext& ctx, std::int64_t member, TemplateData& body) const;

  // One member (admin_dues_member.cc).
  Response MemberPage(const Request&, const Params&, AdminContext&);
  Response SetBase(const Request&, const Params&, AdminContext&);
  Response RecordPayments(const Request&, const Params&, AdminContext&);
  Response UndoPayment(const Request&, const Params&, AdminContext&);
  // A POST's member and year, after the check that `ctx` may record for
  // that member (before the form is read); or the refusal to send.
  struct DuesPost {
    std::int64_t member = 0;
    int year = 0;
    http::Form form;
  };
  std::optional<http::Response> ReadPost(const Request& req, const Params& p, AdminContext& ctx,
                                         DuesPost& out);
  // The member's page with `error` beside its field and what was typed.
  Response MemberView(AdminContext& ctx, std::int64_t member, int year,
                      const std::map<std::string, std::string>& typed, const Status& error,
                      int status);

  // Shared.
  // ?year= (default: this year; up to next year); nullopt for a bad one.
  std::optional<int> YearOf(const Request& req) const;
  TemplateData YearOptions(int year) const;
  // A member's twelve months for the template.
  TemplateData MonthCells(const AdminContext& ctx, const org::MemberDues& d) const;
  std::string CategoryText(const AdminContext& ctx, const std::string& category) const;
  // The year's facts of one member (category, base, rate, monthly, totals).
  void SetMemberFacts(const AdminContext& ctx, const org::MemberDues& d, TemplateData& body) const;
  // The form setting the year's base: category, amount, date and reason,
  // as `typed` has them or as stored.
  void SetBaseForm(const AdminContext& ctx, const org::MemberDues& d,
                   const std::map<std::string, std::string>& typed, TemplateData& body) const;
  // The months the payment form offers (unpaid ones, owed ticked) and
  // those a removal may name.
  void SetMonthChoices(const AdminContext& ctx, const org::MemberDues& d,
                       const std::map<std::string, std::string>& typed, TemplateData& body) const;
  // The members' months (with a branch column when `with_branch`), and
  // the branches' totals (admin_dues_sheets.cc).
  tabular::Sheet MemberSheet(const AdminContext& ctx, const std::vector<org::BranchDues>& branches,
                             bool with_branch) const;
  tabular::Sheet TotalsSheet(const AdminContext& ctx, const std::vector<org::BranchDues>& branches) const;

  Deps d_;
};

}  // namespace procura::web
