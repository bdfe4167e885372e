#include "auth/mfa.h"

#include <sodium.h>

#include <cctype>

#include "auth/password.h"
#include "auth/totp.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura::auth {
namespace {

constexpr std::string_view kCodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

std::string NewRecoveryCode() {
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))];
  }
  return code;
}

}  // namespace

std::string NormalizeRecoveryCode(std::string_view typed) {
  std::string out;
  for (char c : NarrowForms(typed)) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Result<bool> MfaService::Enabled(std::int64_t user_id) {
  auto t = storage_.users().GetTotp(user_id);
  if (!t.ok()) return t.status();
  return t->enabled;
}

Result<std::string> MfaService::BeginEnrolment(std::int64_t user_id) {
  auto t = storage_.users().GetTotp(user_id);
  if (!t.ok()) return t.status();
  if (t->enabled) return Status::Invalid(N_("Two-step sign-in is already on."));
  const std::string secret = NewTotpSecret();
  PROCURA_RETURN_IF_ERROR(storage_.users().SetTotp(user_id, {secret, false, 0}));
  return secret;
}

Result<std::string> MfaService::PendingSecret(std::int64_t user_id) {
  auto t = storage_.users().GetTotp(user_id);
  if (!t.ok()) return t.status();
  if (t->enabled || t->secret.empty()) return Status::Invalid(N_("No set-up is in progress. Start again."));
  return t->secret;
}

Result<std::vector<std::string>> MfaService::ConfirmEnrolment(std::int64_t user_id,
                                                              std::string_view code,
                                                              const Actor& actor) {
  auto secret = PendingSecret(user_id);
  if (!secret.ok()) return secret.status();
  auto step = MatchTotp(*secret, NarrowForms(code), NowUnix());  // "１２３４５６" in 全角
  if (!step)
    return Status::Invalid(
        N_("That is not the current code. Enter the 6 digits your app shows now."));
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes.push_back(HashToken(NormalizeRecoveryCode(codes.back())));
  }
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetTotp(user_id, {*secret, true, *step}));
    PROCURA_RETURN_IF_ERROR(tx.users().ReplaceRecoveryCodes(user_id, hashes));
    return audit_.Write(tx, actor, "user.mfa-enable", "user", user_id, "TOTP and 10 recovery codes");
  }));
  return codes;
}

Result<std::string> MfaService::Verify(std::int64_t user_id, std::string_view code,
                                       UnixSeconds now) {
  auto t = storage_.users().GetTotp(user_id);
  if (!t.ok()) return t.status();
  if (!t->enabled) return Status::Denied(N_("Two-step sign-in is not on for this account."));
  if (auto step = MatchTotp(t->secret, NarrowForms(code), now)) {  // "１２３４５６" in 全角
    auto fresh = storage_.users().AdvanceTotpStep(user_id, *step);
    if (!fresh.ok()) return fresh.status();
    if (!*fresh) return Status::Denied(N_("That code was used already; wait for the next one."));
    return std::string("totp");
  }
  const std::string normalized = NormalizeRecoveryCode(code);
  if (normalized.size() == 10) {
    auto used = storage_.users().UseRecoveryCode(user_id, HashToken(normalized), now);
    if (!used.ok()) return used.status();
    if (*used) return std::string("recovery code");
  }
  return Status::Denied(
      N_("The code is not right. Enter the current 6-digit code from your authenticator app, or "
         "one of your recovery codes."));
}

Result<int> MfaService::RecoveryCodesLeft(std::int64_t user_id) {
  return storage_.users().RecoveryCodesLeft(user_id);
}

Status MfaService::Reset(std::int64_t user_id, const Actor& by) {
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().SetTotp(user_id, {"", false, 0}));
    PROCURA_RETURN_IF_ERROR(tx.users().ReplaceRecoveryCodes(user_id, {}));
    return audit_.Write(tx, by, "user.mfa-reset", "user", user_id, "two-step sign-in turned off");
  }));
  return Status::Ok();
}

}  // namespace procura::auth
