// Probation: the year's end, including a member admitted on 29 February.
#include "org/probation.h"

#include <gtest/gtest.h>

namespace procura::org {
namespace {

TEST(Probation, EndsOneYearAfterAdmission) {
  EXPECT_EQ(ProbationEnds("2025-12-20"), "2026-12-20");
  EXPECT_EQ(ProbationEnds("2024-02-29"), "2025-02-28");
  EXPECT_EQ(ProbationEnds("2023-02-28"), "2024-02-28");
  EXPECT_EQ(ProbationEnds("2026-13-01"), "");
  EXPECT_EQ(ProbationEnds(""), "");
  EXPECT_EQ(ProbationEnds("2026-1-5"), "");
}

}  // namespace
}  // namespace procura::org
