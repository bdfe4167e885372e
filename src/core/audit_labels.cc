// Labels for the audit log's codes (see audit_labels.h). The table lists
// every action the code writes; core_test checks that each has a label and
// that no code is listed twice.
#include "core/audit_labels.h"

#include "core/labels.h"
#include "core/status.h"

namespace procura {

namespace {

constexpr AuditActionName kActions[] = {
    // Signing in and one's account
    {"login", N_("Signed in successfully")},
    {"login.failed", N_("Sign-in failed")},
    {"login.mfa-failed", N_("Second factor failed")},
    {"logout", N_("Signed out")},
    {"password.recheck_failed", N_("Wrong password typed again")},
    {"session.end_others", N_("Signed out other sessions")},
    {"denied.csrf", N_("Refused: form token missing or wrong")},
    {"denied.origin", N_("Refused: request from another site")},
    {"denied.permission", N_("Refused: no permission")},
    // Users
    {"user.add", N_("User added")},
    {"user.roles", N_("Roles changed")},
    {"user.password", N_("Password changed")},
    {"user.language", N_("Interface language changed")},
    {"user.disable", N_("User disabled")},
    {"user.enable", N_("User enabled")},
    {"user.mfa-enable", N_("Two-step sign-in turned on")},
    {"user.mfa-reset", N_("Two-step sign-in reset")},
    {"user.api-token", N_("API token issued")},
    {"user.calendar-link", N_("Calendar address changed")},
    {"user.link-member", N_("Linked to a member record")},
    {"user.unlink-member", N_("Unlinked from a member record")},
    // Articles and the site
    {"article.create", N_("Created")},
    {"article.create.from-records", N_("Drafted from a training class")},
    {"article.save", N_("Saved")},
    {"article.submit", N_("Submitted for review")},
    {"article.review-step", N_("Review step recorded")},
    {"article.return", N_("Returned to the writer")},
    {"article.return-edit", N_("Edit returned to the writer")},
    {"article.schedule", N_("Approved; scheduled")},
    {"article.publish", N_("Approved and published")},
    {"article.edit-published", N_("Edited after publication; waiting for review")},
    {"article.approve-edit", N_("Edit approved and published")},
    {"article.withdraw", N_("Withdrawn")},
    {"article.republish", N_("Published again")},
    {"article.correct-date", N_("Published date corrected")},
    {"article.pin", N_("Pinned")},
    {"article.unpin", N_("Unpinned")},
    {"article.attach", N_("Attachment added")},
    {"article.detach", N_("Attachment removed")},
    {"article.attach-pending", N_("Attachment added; waiting for review")},
    {"article.detach-pending", N_("Attachment removal; waiting for review")},
    {"column.create", N_("Column created")},
    {"column.update", N_("Column changed")},
    {"media.upload", N_("Media uploaded")},
    {"media.release", N_("Media released for publication")},
    {"media.delete", N_("Media deleted")},
    {"media.alt", N_("Media alt text changed")},
    {"site.update", N_("Site settings changed")},
    {"site.forget_export", N_("Static export removed from the list")},
    {"leader.add", N_("Leader added")},
    {"leader.remove", N_("Leader removed")},
    {"wordlist.add", N_("Word added to a list")},
    {"wordlist.edit", N_("Word list entry changed")},
    {"wordlist.import", N_("Word list imported")},
    {"wordlist.remove", N_("Word removed from a list")},
    {"inspection.run", N_("Site inspection run")},
    {"guide.publish", N_("Guide published")},
    // The public mailbox
    {"message.receive", N_("Letter received")},
    {"message.accept", N_("Letter accepted")},
    {"message.reject", N_("Letter rejected")},
    {"message.answer", N_("Letter answered")},
    {"message.reply-save", N_("Reply saved")},
    {"message.reply-submit", N_("Reply submitted for review")},
    {"message.reply-return", N_("Reply returned to the writer")},
    {"mailbox.update", N_("Mailbox settings changed")},
    {"calendar.replace", N_("Working-day calendar replaced")},
    // Party records
    {"org.setup", N_("Party organisation set up")},
    {"org.branch.create", N_("Party branch added")},
    {"org.branch.dissolve", N_("Party branch dissolved")},
    {"org.branch.restore", N_("Party branch restored")},
    {"org.unit.update", N_("Party organisation unit changed")},
    {"member.create", N_("Member record created")},
    {"member.edit", N_("Member record changed")},
    {"member.view", N_("Member record viewed")},
    {"member.import", N_("Members imported")},
    {"member.export", N_("Members exported")},
    {"member.transfer", N_("Member transferred")},
    {"member.posts", N_("Branch committee posts changed")},
    {"member.former-post", N_("Post held before recorded or deleted")},
    {"member.full", N_("Became a full member")},
    {"member.full_approval", N_("Full membership approved")},
    {"applicant.create", N_("Applicant added")},
    {"applicant.edit", N_("Applicant changed")},
    {"applicant.view", N_("Applicant record viewed")},
    {"applicant.import", N_("Applicants imported")},
    {"applicant.export", N_("Applicants exported")},
    {"applicant.advance", N_("Applicant moved to the next stage")},
    {"applicant.step", N_("Applicant step recorded")},
    {"applicant.step_clear", N_("Applicant step cleared")},
    {"applicant.stop", N_("Application stopped")},
    {"dues.base", N_("Dues base set")},
    {"dues.pay", N_("Dues payment recorded")},
    {"dues.pay-month", N_("Month's dues recorded")},
    {"dues.undo", N_("Dues payment undone")},
    {"dues.carry-over", N_("Dues carried over to a new year")},
    {"dues.import", N_("Dues imported")},
    {"dues.export", N_("Dues exported")},
    {"dues.view", N_("Member's dues viewed")},
    // Training
    {"training.class.create", N_("Training class created")},
    {"training.class.edit", N_("Training class changed")},
    {"training.status", N_("Training class stage changed")},
    {"training.requirements", N_("Completion requirements changed")},
    {"training.outside.add", N_("Course taken elsewhere recorded")},
    {"training.outside.edit", N_("Course taken elsewhere corrected")},
    {"training.outside.delete", N_("Course taken elsewhere deleted")},
    {"training.report.add", N_("Training reported by the member")},
    {"training.report.edit", N_("Training report corrected by the member")},
    {"training.report.withdraw", N_("Training report withdrawn")},
    {"training.report.confirm", N_("Training report confirmed")},
    {"training.report.return", N_("Training report returned")},
    {"training.report.certificate", N_("Training certificate viewed")},
    {"training.session.create", N_("Session added")},
    {"training.session.edit", N_("Session changed")},
    {"training.session.delete", N_("Session deleted")},
    {"training.enroll", N_("Enrolled in a class")},
    {"training.withdraw", N_("Enrolment withdrawn")},
    {"training.material.add", N_("Material added")},
    {"training.material.delete", N_("Material deleted")},
    {"training.news", N_("News draft made from a class")},
    {"training.photo", N_("Class photo added")},
    {"training.photo.remove", N_("Class photo removed")},
    {"training.photo.lead", N_("Class lead photo chosen")},
    {"attendance.checkin", N_("Checked in to a class")},
    {"attendance.mark", N_("Attendance marked")},
    // Branch life
    {"meeting.create", N_("Meeting planned")},
    {"meeting.update", N_("Meeting changed")},
    {"meeting.delete", N_("Meeting deleted")},
    {"meeting.view", N_("Meeting record viewed")},
    {"meeting.checkin", N_("Checked in to a meeting")},
    {"meeting.mark", N_("Meeting attendance marked")},
    {"meeting.photo", N_("Meeting photo added")},
    {"meeting.photo.remove", N_("Meeting photo removed")},
    {"meeting.photo.lead", N_("Meeting lead photo chosen")},
    {"meeting.reviews", N_("Democratic review recorded")},
    {"meeting.news", N_("News draft made from a meeting")},
    {"branch.record", N_("Branch record book exported")},
    {"plan.file", N_("Yearly plan filed")},
    {"talk.record", N_("Heart-to-heart talk recorded")},
    {"talk.edit", N_("Heart-to-heart talk corrected")},
    {"talk.delete", N_("Heart-to-heart talk deleted")},
    {"appraisal.save", N_("Member appraisal saved")},
    {"appraisal.view", N_("Member appraisal viewed")},
    {"reminder.address", N_("Reminder address changed")},
    {"reminder.sent", N_("Reminder sent")},
    {"reminder.failed", N_("Reminder not sent")},
    {"reminders.run", N_("Reminders run")},
    // Exports
    {"export.attendance", N_("Attendance exported")},
    {"export.hours", N_("Training hours exported")},
    {"export.training-record", N_("Training record exported")},
    {"export.class-summary", N_("Class summary exported")},
    {"export.statistics", N_("Statistics exported")},
    {"export.inspection", N_("Inspection report exported")},
    {"export.review-record", N_("Review record exported")},
};

constexpr AuditActionName kObjects[] = {
    {"user", N_("User")},         {"session", N_("Sign-in session")},
    {"route", N_("Request")},        {"article", N_("Article")},
    {"column", N_("Column")},     {"media", N_("Media file")},
    {"image", N_("Image")},       {"document", N_("Document")},
    {"site", N_("Site")},         {"leader", N_("Leader")},
    {"word", N_("Word list")},    {"inspection", N_("Site inspection")},
    {"guide", N_("Guide")},       {"message", N_("Letter")},
    {"mailbox", N_("Mailbox")},   {"calendar", N_("Calendar")},
    {"member", N_("Member")},     {"applicant", N_("Applicant")},
    {"branch", N_("Party branch")},     {"class", N_("Training class")},
    {"meeting", N_("Meeting")},   {"year", N_("Year")},
    {"imports", N_("Import")},    {"org_unit", N_("Party organisation unit")},
};

template <typename Table>
std::string_view Find(const Table& table, std::string_view code) {
  for (const auto& [k, v] : table)
    if (k == code) return v;
  return code;
}

}  // namespace

std::string_view AuditActionLabel(std::string_view action) { return Find(kActions, action); }
std::string_view AuditObjectLabel(std::string_view type) { return Find(kObjects, type); }
std::span<const AuditActionName> KnownAuditActions() { return kActions; }
std::span<const AuditActionName> KnownAuditObjects() { return kObjects; }

std::string_view ArticleEventLabel(std::string_view action) {
  return action.starts_with("article.") ? AuditActionLabel(action) : action;
}

}  // namespace procura
