// Which downloaded files are kept as a case's photo: JPEG, PNG and WebP, recognised by their
// first bytes, whatever the provider's Content-Type said.
#include <gtest/gtest.h>

#include "channels/media_fetcher.h"

namespace jembatan::channels {
namespace {

using namespace std::string_view_literals;

TEST(SniffImageType, RecognisesJpegPngAndWebpByTheirSignatures) {
  EXPECT_EQ(SniffImageType("\xFF\xD8\xFF\xE0\x00\x10JFIF"sv), "image/jpeg");
  EXPECT_EQ(SniffImageType("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"sv), "image/png");
  EXPECT_EQ(SniffImageType("RIFF\x24\x00\x00\x00WEBPVP8 "sv), "image/webp");
}

TEST(SniffImageType, RefusesEverythingElse) {
  for (std::string_view bad :
       {""sv, "\xFF\xD8"sv, "<html>"sv, "GIF89a"sv, "RIFF\x24\x00\x00\x00WAVE"sv,
        "<svg xmlns='http://www.w3.org/2000/svg'/>"sv, "%PDF-1.7"sv}) {
    EXPECT_FALSE(SniffImageType(bad)) << bad;
  }
}

}  // namespace
}  // namespace jembatan::channels
