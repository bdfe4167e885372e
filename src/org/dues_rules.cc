// Party dues: the rates, the money format, and one member's year.
#include <fmt/format.h>

#include <cctype>

#include "core/text.h"
#include "org/dues.h"
#include "org/dues_year.h"

namespace procura::org {

Status CheckDuesYear(int year) {
  if (year < 2000 || year > 2100)
    return Status::Invalid(N_("The year must be between 2000 and 2100.")).WithField("year");
  return Status::Ok();
}

bool IsDuesCategory(std::string_view c) {
  return c == "in-service" || c == "retired" || c == "fixed";
}

int DuesRateBasisPoints(std::string_view category, std::int64_t base_fen) {
  constexpr std::int64_t kYuan = 100;
  if (category == "in-service") {
    if (base_fen <= 3000 * kYuan) return 50;
    if (base_fen <= 5000 * kYuan) return 100;
    if (base_fen <= 10000 * kYuan) return 150;
    return 200;
  }
  if (category == "retired") return base_fen <= 5000 * kYuan ? 50 : 100;
  return 0;
}

std::int64_t MonthlyDuesFen(std::string_view category, std::int64_t amount_fen) {
  if (category == "fixed") return amount_fen;
  return (amount_fen * DuesRateBasisPoints(category, amount_fen) + 5000) / 10000;
}

std::optional<std::int64_t> ParseYuan(std::string_view typed) {
  const std::string narrow = NarrowForms(typed);  // "４５００．５０" as typed in 全角
  std::string_view text = narrow;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  constexpr std::int64_t kMaxFen = 10'000'000LL * 100;
  std::int64_t yuan = 0, fen = 0;
  std::size_t i = 0, digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
    yuan = yuan * 10 + (text[i] - '0');
    if (yuan * 100 > kMaxFen) return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != '.' || i + 1 == text.size() || text.size() - i - 1 > 2) return std::nullopt;
    for (std::size_t j = i + 1; j < text.size(); ++j) {
      if (!std::isdigit(static_cast<unsigned char>(text[j]))) return std::nullopt;
      fen = fen * 10 + (text[j] - '0');
    }
    if (text.size() - i - 1 == 1) fen *= 10;
  }
  const std::int64_t total = yuan * 100 + fen;
  if (total > kMaxFen) return std::nullopt;
  return total;
}

std::string FormatYuan(std::int64_t fen) {
  const char* sign = fen < 0 ? "-" : "";
  if (fen < 0) fen = -fen;
  return fmt::format("{}{}.{:02}", sign, fen / 100, fen % 100);
}

std::string FormatYuanGrouped(std::int64_t fen) {
  std::string plain = FormatYuan(fen);
  const std::size_t first = plain[0] == '-' ? 1 : 0;
  for (std::size_t at = plain.size() - 3; at > first + 3; at -= 3) plain.insert(at - 3, ",");
  return plain;
}

namespace {

const DuesBaseRecord* BaseOf(const std::vector<DuesBaseRecord>& bases, std::int64_t member,
                             int year) {
  for (const auto& b : bases)
    if (b.member_id == member && b.year == year) return &b;
  return nullptr;
}

const DuesPaymentRecord* PaymentOf(const std::vector<DuesPaymentRecord>& paid, std::int64_t member,
                                   int year, int month) {
  for (const auto& p : paid)
    if (p.member_id == member && p.year == year && p.month == month) return &p;
  return nullptr;
}

}  // namespace

MemberDues ComputeMemberDues(const MemberRecord& m, int year, const YearMonth& now,
                             const std::vector<DuesBaseRecord>& bases,
                             const std::vector<DuesPaymentRecord>& paid) {
  MemberDues d;
  d.member = m;
  d.year = year;
  if (const auto* b = BaseOf(bases, m.id, year)) d.base = *b;
  for (int month = 1; month <= 12; ++month) {
    DuesMonth& cell = d.months[month - 1];
    const int order = YearMonth{year, month}.Compare(now);
    if (const auto* p = PaymentOf(paid, m.id, year, month)) {
      cell = {MonthState::kPaid, p->amount_fen, p->paid_on};
      d.paid_fen += p->amount_fen;
    } else if (!d.base) {
      cell = {MonthState::kNoBase, 0, ""};
    } else {
      cell.amount_fen = d.base->monthly_fen;
      cell.state = order < 0 ? MonthState::kOwed : order == 0 ? MonthState::kOpen : MonthState::kFuture;
      if (cell.state == MonthState::kOwed) d.owed_fen += cell.amount_fen;
    }
  }
  // The streak, back from the last month that is over (or December of a
  // past year) through the year before.
  YearMonth at = year < now.year ? YearMonth{year, 12} : year == now.year ? now.Previous() : YearMonth{0, 0};
  while (at.year >= year - 1 && at.year > 0) {
    if (PaymentOf(paid, m.id, at.year, at.month) || !BaseOf(bases, m.id, at.year)) break;
    ++d.unpaid_streak;
    at = at.Previous();
  }
  return d;
}

}  // namespace procura::org
