// Small request-reading rules of the HTTP layer: media types and ids in paths.
#include <gtest/gtest.h>

#include "http/api_support.h"
#include "http/media_type.h"

namespace jembatan::http {
namespace {

TEST(MediaTypeOf, DropsParametersAndBlanksAndIgnoresCase) {
  EXPECT_EQ(MediaTypeOf("application/json"), "application/json");
  EXPECT_EQ(MediaTypeOf("Text/CSV ; charset=utf-8"), "text/csv");
  EXPECT_EQ(MediaTypeOf(" application/x-www-form-urlencoded;charset=UTF-8"),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(MediaTypeOf(""), "");
  EXPECT_EQ(MediaTypeOf("; charset=utf-8"), "");
  EXPECT_NE(MediaTypeOf("text/csvx"), "text/csv");
}

TEST(PathId, TakesOnlyPositiveWholeNumbers) {
  EXPECT_EQ(PathId("42"), 42);
  for (const char* bad : {"", "0", "-1", "1x", "x", " 1", "99999999999999999999", "1.5"}) {
    EXPECT_EQ(PathId(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace jembatan::http
