// The course-elsewhere form's template data.
#include "web/admin/outside_form.h"

#include <fmt/format.h>

#include "core/text.h"
#include "training/training_reports.h"

namespace procura::web {

using kainjow::mustache::data;

training::OutsideTrainingInput OutsideInputOf(const http::Form& f) {
  return {f.Get("title"),    f.Get("organizer"), f.Get("kind"), f.Get("start_date"),
          f.Get("end_date"), f.Get("hours"),     f.Get("note")};
}

http::Form OutsideTypedFrom(const OutsideTrainingRecord& t) {
  http::Form typed;
  typed.Add("title", t.title), typed.Add("organizer", t.organizer), typed.Add("kind", t.kind);
  typed.Add("start_date", t.start_date), typed.Add("end_date", t.end_date);
  typed.Add("hours", fmt::format("{:g}", t.hours)), typed.Add("note", t.note);
  return typed;
}

std::string CourseDates(const AdminKit& kit, const AdminContext& ctx, const std::string& from,
                        const std::string& to) {
  return from == to ? from : kit.Tf(ctx, N_("{from} to {to}"), {{"from", from}, {"to", to}});
}

void SetOutsideForm(const AdminKit& kit, const AdminContext& ctx, const http::Form& typed,
                    const Status& error, const OutsideFormSpec& spec, TemplateData& body) {
  data form;
  for (const char* f : {"title", "organizer", "hours", "note"}) form.set(f, typed.Get(f));
  // A date field holds a date or nothing: text sent in its place is not echoed.
  for (const char* f : {"start_date", "end_date"})
    form.set(f, IsIsoDate(Trim(typed.Get(f))) ? Trim(typed.Get(f)) : "");
  if (typed.Get("kind") == "online") form.set("online", TemplateTrue());
  else form.set("centralized", TemplateTrue());
  form.set("today", spec.today);
  if (!error.ok()) form.set("open", TemplateTrue());
  form.set("action", spec.action);
  if (!spec.back.empty()) form.set("editing", TemplateTrue()), form.set("back", spec.back);
  if (spec.report) {
    form.set("report", TemplateTrue());
    if (spec.resend) form.set("resend", TemplateTrue());
    form.set("max_mib", std::to_string(training::kMaxCertificateBytes >> 20));
  }
  body.set("outside_form", form);
  kit.SetFormErrors(ctx, error,
                    {{"title", "o-title"}, {"organizer", "o-organizer"}, {"kind", "o-kind-c"},
                     {"start_date", "o-start"}, {"end_date", "o-end"}, {"hours", "o-hours"},
                     {"note", "o-note"}, {"certificate", "o-certificate"}},
                    body);
}

}  // namespace procura::web
