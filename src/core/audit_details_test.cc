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
  EXPECT_EQ(AuditDetailText("session.end_others", "1 other session ended", tr), "<1 other session ended>")
      << "a count of 1 has a phrase of its own";
  EXPECT_EQ(AuditDetailText("dues.pay-month", "2026-03: 1 member, ¥46.20 in all, paid 2026-03-05", tr),
            "<2026-3: 1 member, ¥46.20 in all, paid 2026-03-05>");
  EXPECT_EQ(AuditDetailText("calendar.replace", "1 exception", tr), "<1 exception>");
  EXPECT_EQ(AuditDetailText("message.receive", "box letters; due 2026-12-09", tr),
            "<box letters; due 2026-12-09>");
  EXPECT_EQ(AuditDetailText("article.create", "检察开放日报道", tr), "检察开放日报道") << "a title, as written";
  EXPECT_EQ(AuditDetailText("article.create", "How to print", tr), "How to print")
      << "a title that ends like a phrase of another action";
  EXPECT_EQ(AuditDetailText("branch.record", "2026 print", tr), "<2026 print>");
  EXPECT_EQ(AuditDetailText("member.posts", "posts=secretary@2024-03-01,organization-member", tr),
            "<posts=<<Secretary> since 2024-03-01><, ><Organization committee member>>")
      << "each post in words, with the day it was taken";
  EXPECT_EQ(AuditDetailText("member.posts", "posts=none", tr), "<posts=<None>>");
  EXPECT_EQ(AuditDetailText("member.posts", "posts=chairman", tr), "<posts=chairman>")
      << "a post the code does not know: as stored";
  EXPECT_EQ(AuditDetailText("member.former-post", "added: secretary in unit 4: 2019-01-01 to 2023-12-31", tr),
            "<added: <Secretary> in unit 4: 2019-01-01 to 2023-12-31>");
  EXPECT_EQ(AuditDetailText("site.update",
                            "name=某县人民检察院 lang=en public_url= byline_labels=false", tr),
            "<name=某县人民检察院 lang=<English> public_url=<no address> byline_labels=<no>>")
      << "the language in words; an unset address said so";
  EXPECT_EQ(AuditDetailText("site.update",
                            "name=x public_url=https://a.gov.cn byline_labels=true", tr),
            "<name=x public_url=https://a.gov.cn byline_labels=<yes>>")
      << "written before the language could change";
  EXPECT_EQ(AuditDetailText("column.update", "name=党建工作 slug=party-building", tr),
            "name=党建工作 slug=party-building")
      << "not the whole phrase: as stored";
  EXPECT_EQ(AuditDetailText("column.update",
                            "name=Column 2 slug=c2 position=2 hidden=false four_eyes=true "
                            "review_steps=2 reviewers=[]",
                            tr),
            "<name=Column 2 slug=c2 position=2 hidden=<no> four_eyes=<yes> review_steps=2 reviewers=[<None>]>")
      << "a name with a space; yes and no in words; no reviewers";
  EXPECT_EQ(AuditDetailText("column.update",
                            "name=c slug=c position=1 hidden=true four_eyes=false review_steps=2 "
                            "reviewers=[3:7,5:4]",
                            tr),
            "<name=c slug=c position=1 hidden=<yes> four_eyes=<no> review_steps=2 reviewers=["
            "<user 3 (<first review><, ><second review><, ><final review>)><, ><user 5 (<final review>)>]>")
      << "each reviewer with the steps they may take";
  EXPECT_EQ(AuditDetailText("column.update",
                            "name=c slug=c position=1 hidden=true four_eyes=false review_steps=2 "
                            "reviewers=[3:9]",
                            tr),
            "<name=c slug=c position=1 hidden=<yes> four_eyes=<no> review_steps=2 reviewers=[3:9]>")
      << "a grant not as written: as stored";
  EXPECT_EQ(AuditDetailText("user.add", "name=walker roles=records-officer,editor", tr),
            "<name=walker roles=<Records officer><, ><Editor>>");
  EXPECT_EQ(AuditDetailText("member.view", "", tr), "");
  EXPECT_EQ(AuditDetailText("attendance.checkin", "member 12: late by QR code", tr),
            "<member 12: <Late> by QR code>")
      << "the mark in words too";
  EXPECT_EQ(AuditDetailText("login", "with totp; WeChat on Android", tr),
            "<with <totp>; <WeChat> on <Android>>");
  EXPECT_EQ(AuditDetailText("login", "Edge on Windows", tr), "<<Edge> on <Windows>>");
  EXPECT_EQ(AuditDetailText("login", "with recovery code", tr), "<with <recovery code>>");
  EXPECT_EQ(AuditDetailText("dues.pay", "2026 months 1,2,3: 45.00 each, paid 2026-03-05", tr),
            "<2026 months 1<, >2<, >3: 45.00 each, paid 2026-03-05>")
      << "the months joined by the reader's list separator";
  EXPECT_EQ(AuditDetailText("dues.pay-month", "2026-03: 12 members, ¥120.00 in all, paid 2026-03-05", tr),
            "<2026-3: 12 members, ¥120.00 in all, paid 2026-03-05>")
      << "the month without its leading zero (the catalog words it: 2026年3月)";
  EXPECT_EQ(AuditDetailText("training.session.edit",
                            "session 4: 2026-12-02 09:00 党章学习 -> 2026-12-03 14:30 党章学习（二）", tr),
            "<session 4: 2026-12-02 09:00 党章学习 -> 2026-12-03 14:30 党章学习（二）>");
  EXPECT_EQ(AuditDetailText("attendance.mark", "member 9: absent -> excused (出差)", tr),
            "<member 9: <Absent> -> <Excused leave> (出差)>")
      << "with a reason, both marks in words";
  EXPECT_EQ(AuditDetailText("meeting.mark", "member 9: unmarked -> present", tr),
            "<member 9: <Not marked> -> <Present>>");
  EXPECT_EQ(AuditDetailText("media.upload", "合影.jpg as 3f2a.jpg (image/jpeg, 48213 bytes)", tr),
            "<合影.jpg as 3f2a.jpg (image/jpeg, 48213 bytes)>");
  EXPECT_EQ(AuditDetailText("member.transfer", "from 干部处党支部 to 第一检察部党支部", tr),
            "<from 干部处党支部 to 第一检察部党支部>")
      << "a transfer names its branches";
  EXPECT_EQ(AuditDetailText("member.transfer", "from 干部处党支部 to 第一检察部党支部: 调任", tr),
            "<from 干部处党支部 to 第一检察部党支部: 调任>");
  EXPECT_EQ(AuditDetailText("member.transfer", "branch 3 -> 5", tr), "<branch 3 -> 5>")
      << "a transfer without a note";
  EXPECT_EQ(AuditDetailText("member.transfer", "branch 3 -> 5: 调任", tr), "<branch 3 -> 5: 调任>");
  EXPECT_EQ(AuditDetailText("member.transfer", "branch 3 -> 5: ", tr), "<branch 3 -> 5: >")
      << "an empty note as written before: in words, its colon kept";
  EXPECT_EQ(AuditDetailText("dues.base", "2026: in-service 45.00 a month (base 4500.00)", tr),
            "<2026: <In service> 45.00 a month (base 4500.00)>");
  EXPECT_EQ(AuditDetailText("dues.base", "2026: in-service 45.00 → retired 10.00 a month (base 2000.00)", tr),
            "<2026: <In service> 45.00 → <Retired> 10.00 a month (base 2000.00)>")
      << "a changed base names the old category too";
  EXPECT_EQ(AuditDetailText("dues.undo", "2026-03: 45.00 paid 2026-03-05 removed: 录入错误，重新登记", tr),
            "<2026-3: 45.00 paid 2026-03-05 removed: 录入错误，重新登记>");
  // Parts joined by "; ", each in words, joined in words.
  EXPECT_EQ(AuditDetailText("article.publish",
                            "published_at=2026-12-02T10:00:00+08:00; step 2 of 2; revision 3; "
                            "sha256 0123456789abcdef",
                            tr),
            "<<<<published_at=2026-12-02T10:00:00+08:00>; <step 2 of 2>>; <revision 3>>; "
            "<sha256 0123456789abcdef>>");
  EXPECT_EQ(AuditDetailText("article.publish", "revision 4 is live; step 1 of 1; revision 4; sha256 ab", tr),
            "<<<<revision 4 is live>; <step 1 of 1>>; <revision 4>>; <sha256 ab>>")
      << "the particular phrase before the general";
  EXPECT_EQ(AuditDetailText("article.review-step",
                            "step 1 of 2; revision 3; sha256 ab; word-list warnings overridden: "
                            "领导; reason: quoted; as the law says",
                            tr),
            "<<<<<step 1 of 2>; <revision 3>>; <sha256 ab>>; <word-list warnings overridden: 领导>>; "
            "<reason: quoted; as the law says>>")
      << "a reason takes the rest, \"; \" and all";
  EXPECT_EQ(AuditDetailText("article.publish", "step 1 of 1; what else", tr), "step 1 of 1; what else")
      << "one unknown part: all as stored";
  EXPECT_EQ(AuditDetailText("article.create", "step 1 of 1", tr), "step 1 of 1") << "another action's parts";
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
  for (const auto& [action, phrase] : KnownAuditDetailParts())
    EXPECT_NE(AuditActionLabel(action), action) << action << " (" << phrase << ") is not an audit action";
}

}  // namespace
}  // namespace procura
