// Two-step sign-in on the account page: enrolment with a QR code, the
// recovery codes shown once, and the rule that admins and reviewers set it
// up first where the site requires it.
#include "render/graphics.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"
#include "auth/totp.h"

namespace procura::web {

bool AdminSite::MustEnrolMfa(const AdminContext& ctx) const {
  if (!d_.require_mfa_for_staff || !ctx.session || ctx.session->second_factor) return false;
  const auth::Principal& p = ctx.session->principal;
  return p.Has(auth::Role::kAdmin) || p.Has(auth::Role::kReviewer);
}

namespace {

// The enrolment part of the page: QR code, key and the code form.
Status AddEnrolment(data& body, const std::string& user, const std::string& secret) {
  auto qr = QrSvg(auth::TotpUri("procura", user, secret),
                  "QR code for your authenticator app; the key is printed below it");
  if (!qr.ok()) return qr.status();
  body.set("enrolling", TemplateTrue());
  body.set("qr_svg", *qr);
  std::string grouped;  // "ABCD EFGH ..." is easier to type
  for (std::size_t i = 0; i < secret.size(); ++i) grouped += (i && i % 4 == 0 ? " " : "") + secret.substr(i, 1);
  body.set("secret", grouped);
  return Status::Ok();
}

// Follows "Two-step sign-in is on".
std::string CodesLeftText(const AdminKit& kit, const AdminContext& ctx, long left) {
  return kit.TfN(ctx, ". You have {n} unused recovery code.", ". You have {n} unused recovery codes.", left);
}

}  // namespace

Response AdminSite::MfaPage(const Request&, const RouteParams&, AdminContext& ctx) {
  data body;
  const std::int64_t uid = ctx.who().user_id;
  auto on = d_.accounts.mfa().Enabled(uid);
  if (!on.ok()) return Message(ctx, 500, N_("Service error"), on.status());
  if (MustEnrolMfa(ctx)) body.set("required", TemplateTrue());
  if (*on) {
    body.set("enabled", TemplateTrue());
    auto left = d_.accounts.mfa().RecoveryCodesLeft(uid);
    body.set("codes_left_text", CodesLeftText(*this, ctx, left.ok() ? long(*left) : 0));
  } else if (auto pending = d_.accounts.mfa().PendingSecret(uid); pending.ok()) {
    if (Status s = AddEnrolment(body, ctx.who().name, *pending); !s.ok())
      return Message(ctx, 500, N_("Service error"), s);
  } else {
    body.set("can_start", TemplateTrue());
  }
  return Page(ctx, "admin_mfa", std::move(body), N_("Two-step sign-in"));
}

Response AdminSite::MfaStart(const Request&, const RouteParams&, AdminContext& ctx) {
  auto secret = d_.accounts.mfa().BeginEnrolment(ctx.who().user_id);
  if (!secret.ok())
    return Message(ctx, HttpStatusFor(secret.status()), N_("Not started"), secret.status());
  return SeeOther("/admin/account/mfa");
}

Response AdminSite::MfaConfirm(const Request& req, const RouteParams&, AdminContext& ctx) {
  const std::string code = http::Form::Parse(req.body).Get("code");
  auto codes = d_.accounts.mfa().ConfirmEnrolment(ctx.who().user_id, code, ctx.actor);
  data body;
  if (!codes.ok()) {
    body.set("error", ErrorText(ctx, codes.status()));
    if (auto pending = d_.accounts.mfa().PendingSecret(ctx.who().user_id); pending.ok())
      (void)AddEnrolment(body, ctx.who().name, *pending);
    return Page(ctx, "admin_mfa", std::move(body), N_("Two-step sign-in"), HttpStatusFor(codes.status()));
  }
  body.set("enabled", TemplateTrue());
  body.set("codes_left_text", CodesLeftText(*this, ctx, long(codes->size())));
  data list{data::type::list};
  for (const auto& c : *codes) list.push_back(data(c));
  data shown;
  shown.set("list", list);
  body.set("codes", shown);
  return Page(ctx, "admin_mfa", std::move(body), N_("Two-step sign-in"));
}

}  // namespace procura::web
