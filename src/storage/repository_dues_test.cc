// The repository suite, fourth part: party dues — yearly bases replaced in
// place, payments unique per month, removal, and the branch filter. Run on
// every backend like repository_test.cc.
#include "storage/repository_fixture.h"

namespace procura {
namespace {

TEST_P(RepositoryTest, DuesBasesAndPayments) {
  const auto b1 = Unit("branch", "第一支部");
  const auto b2 = Unit("branch", "第二支部");
  const auto m1 = Member("张三", b1);
  const auto m2 = Member("李四", b2);
  const auto officer = User("officer", {"records-officer"});
  auto& dues = db().dues();
  ASSERT_TRUE(dues.PutBase({m1, 2026, "in-service", 450000, 4500, officer, 10}).ok());
  ASSERT_TRUE(dues.PutBase({m1, 2026, "retired", 450000, 2250, officer, 20}).ok())
      << "a second base for the year replaces the first";
  ASSERT_TRUE(dues.PutBase({m2, 2026, "fixed", 0, 20, {}, 30}).ok());
  ASSERT_TRUE(dues.PutBase({m1, 2025, "in-service", 300000, 1500, officer, 5}).ok());
  EXPECT_FALSE(dues.PutBase({m1, 2026, "volunteer", 0, 20, {}, 1}).ok()) << "category checked";
  EXPECT_FALSE(dues.PutBase({m1, 2026, "fixed", 0, 0, {}, 1}).ok()) << "monthly dues > 0";
  EXPECT_FALSE(dues.PutBase({m1, 1999, "fixed", 0, 20, {}, 1}).ok()) << "year in range";

  auto got = dues.GetBase(m1, 2026);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->category, "retired");
  EXPECT_EQ((*got)->monthly_fen, 2250);
  EXPECT_EQ((*got)->set_by, officer);
  EXPECT_EQ((*got)->set_at, 20);
  EXPECT_FALSE(dues.GetBase(m2, 2025)->has_value());
  EXPECT_EQ(dues.ListBases(2026, {})->size(), 2u);
  auto in_b1 = dues.ListBases(2026, b1);
  ASSERT_EQ(in_b1->size(), 1u);
  EXPECT_EQ(in_b1->front().member_id, m1);

  ASSERT_TRUE(dues.InsertPayment({m1, 2026, 3, 2250, "2026-03-05", officer, 40}).ok());
  ASSERT_TRUE(dues.InsertPayment({m1, 2026, 1, 2250, "2026-01-31", officer, 41}).ok());
  ASSERT_TRUE(dues.InsertPayment({m1, 2025, 12, 1500, "2025-12-20", officer, 42}).ok());
  ASSERT_TRUE(dues.InsertPayment({m2, 2026, 1, 20, "2026-02-01", {}, 43}).ok());
  EXPECT_EQ(dues.InsertPayment({m1, 2026, 3, 2250, "2026-03-06", officer, 44}).code(),
            Status::Code::kAlreadyExists)
      << "a month is paid once";
  EXPECT_FALSE(dues.InsertPayment({m1, 2026, 13, 2250, "2026-03-06", officer, 44}).ok());
  EXPECT_FALSE(dues.InsertPayment({m1, 2026, 4, 0, "2026-03-06", officer, 44}).ok());

  auto paid = dues.ListPayments(2025, 2026, b1);
  ASSERT_EQ(paid->size(), 3u);
  EXPECT_EQ((*paid)[0].year, 2025) << "by member, year and month";
  EXPECT_EQ((*paid)[1].month, 1);
  EXPECT_EQ((*paid)[2].month, 3);
  EXPECT_EQ((*paid)[2].paid_on, "2026-03-05");
  EXPECT_EQ((*paid)[2].recorded_by, officer);
  EXPECT_EQ(dues.ListPayments(2026, 2026, {})->size(), 3u);
  EXPECT_EQ(dues.ListPayments(2026, 2026, b2)->front().recorded_by, std::nullopt);

  ASSERT_TRUE(dues.DeletePayment(m1, 2026, 3).ok());
  EXPECT_EQ(dues.DeletePayment(m1, 2026, 3).code(), Status::Code::kNotFound);
  EXPECT_EQ(dues.ListPayments(2026, 2026, b1)->size(), 1u);

  // A transfer moves a member's dues with them.
  MemberRecord moved = **db().org().GetMember(m1);
  moved.branch_id = b2;
  ASSERT_TRUE(db().org().UpdateMember(moved).ok());
  EXPECT_TRUE(dues.ListBases(2026, b1)->empty());
  EXPECT_EQ(dues.ListBases(2026, b2)->size(), 2u);
  EXPECT_EQ(dues.ListPayments(2025, 2026, b2)->size(), 3u);
}

}  // namespace
}  // namespace procura
