#include "core/audit_details.h"
#include "core/audit_labels.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace procura {
namespace {

std::string Args(const std::optional<MessageArgs>& args) {
  if (!args) return "no match";
  std::string out;
  for (const auto& [k, v] : *args) out += k + "=" + v + ";";
  return out;
}

TEST(AuditDetails, PhrasesMatchWithTheirValues) {
  EXPECT_EQ(Args(MatchPhrase("{n} other sessions ended", "3 other sessions ended")), "n=3;");
  EXPECT_EQ(Args(MatchPhrase("created: {label}", "created: deploy: nightly")), "label=deploy: nightly;");
  EXPECT_EQ(Args(MatchPhrase("member {id}: {mark} by QR code", "member 12: late by QR code")),
            "id=12;mark=late;");
  EXPECT_EQ(Args(MatchPhrase("leaders {a} -> {b} h, members {c} -> {d} h",
                             fmt::format("leaders {:g} -> {:g} h, members {:g} -> {:g} h", 0.0, 4.5, 0.0, 3.0))),
            "a=0;b=4.5;c=0;d=3;");
  EXPECT_EQ(Args(MatchPhrase("personal data viewed", "personal data viewed")), "");
}

TEST(AuditDetails, AnythingElseDoesNotMatch) {
  EXPECT_EQ(Args(MatchPhrase("personal data viewed", "personal data viewed twice")), "no match");
  EXPECT_EQ(Args(MatchPhrase("{n} other sessions ended", " other sessions ended")), "no match")
      << "a value is never empty";
  EXPECT_EQ(Args(MatchPhrase("{n} other sessions ended", "3 other sessions ended.")), "no match");
  EXPECT_EQ(Args(MatchPhrase("news report: article {id}", "news draft article 4")), "no match");
}

TEST(AuditDetails, KnownPhrasesAreTranslatedAndTheRestKept) {
  const TranslateMessage tr = [](std::string_view msgid, const MessageArgs& args) {
    return "<" + FillPlaceholders(std::string(msgid), args) + ">";
  };
  EXPECT_EQ(AuditDetailText("session.end_others", "2 other sessions ended", tr), "<2 other sessions ended>");
  EXPECT_EQ(AuditDetailText("message.receive", "box letters; due 2026-12-09", tr),
            "<box letters; due 2026-12-09>");
  EXPECT_EQ(AuditDetailText("article.create", "检察开放日报道", tr), "检察开放日报道") << "a title, as written";
  EXPECT_EQ(AuditDetailText("article.create", "How to print", tr), "How to print")
      << "a title that ends like a phrase of another action";
  EXPECT_EQ(AuditDetailText("branch.record", "2026 print", tr), "<2026 print>");
  EXPECT_EQ(AuditDetailText("column.update", "name=党建工作 slug=party-building", tr),
            "name=党建工作 slug=party-building");
  EXPECT_EQ(AuditDetailText("member.view", "", tr), "");
  EXPECT_EQ(AuditDetailText("attendance.checkin", "member 12: late by QR code", tr),
            "<member 12: <Late> by QR code>")
      << "the mark in words too";
  EXPECT_EQ(AuditDetailText("login", "with totp; WeChat on Android", tr),
            "<with <totp>; <WeChat> on <Android>>");
  EXPECT_EQ(AuditDetailText("login", "Edge on Windows", tr), "<<Edge> on <Windows>>");
  EXPECT_EQ(AuditDetailText("login", "with recovery code", tr), "<with <recovery code>>");
  // Every phrase matches itself written with values, and gives them back.
  for (const auto& [action, phrase] : KnownAuditDetails()) {
    std::string written = phrase;
    for (std::size_t open; (open = written.find('{')) != std::string::npos;)
      written.replace(open, written.find('}', open) - open + 1, "7");
    const TranslateMessage phrases_only = [&](std::string_view msgid, const MessageArgs& args) {
      return msgid == "7" ? std::string(msgid) : tr(msgid, args);  // a value looked up: no words
    };
    EXPECT_EQ(AuditDetailText(action, written, phrases_only), "<" + written + ">") << phrase;
  }
}

TEST(AuditDetails, EveryPhraseBelongsToAnActionTheLogKnows) {
  for (const auto& [action, phrase] : KnownAuditDetails())
    EXPECT_NE(AuditActionLabel(action), action) << action << " (" << phrase << ") is not an audit action";
}

}  // namespace
}  // namespace procura
