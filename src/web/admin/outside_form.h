// The form for a course taken elsewhere (templates/admin_outside_form),
// shared by the records officer's record and correction
// (TrainingArchiveAdmin) and a member's own report (TrainingReportsAdmin).
#pragma once

#include <string>

#include "http/forms.h"
#include "storage/storage.h"
#include "training/outside_training.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

struct OutsideFormSpec {
  std::string action;  // where it posts
  std::string today;   // the latest day the date fields offer
  std::string back;    // a correction's Cancel link; "" for a new record
  bool report = false; // a member's report: with a certificate, sent as multipart
  bool resend = false;  // a member's report corrected and sent again
};

// What the form sent, as the training services take it.
training::OutsideTrainingInput OutsideInputOf(const http::Form& f);
// A stored course as the form shows it, for a correction.
http::Form OutsideTypedFrom(const OutsideTrainingRecord& t);
// A course's days as shown: the one day, or "first to last".
std::string CourseDates(const AdminKit& kit, const AdminContext& ctx, const std::string& from,
                        const std::string& to);

// Sets `outside_form` in `body`: what was typed (a date field only when
// it holds a date), the kind (centralized unless online was chosen), and
// each field's problem from `error` with the error summary.
void SetOutsideForm(const AdminKit& kit, const AdminContext& ctx, const http::Form& typed,
                    const Status& error, const OutsideFormSpec& spec, TemplateData& body);

}  // namespace procura::web
