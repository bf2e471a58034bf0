#include "core/channels/language_guess.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/common/text_fold.h"

namespace jembatan {
namespace {

// Letters only Vietnamese uses among the three: ă â đ ê ô ơ ư (both cases), and the block of
// Latin letters with Vietnamese tone marks (U+1EA0–U+1EF9).
bool IsVietnameseLetter(uint32_t cp) {
  constexpr std::array<uint32_t, 14> kLetters = {0x0103, 0x0102, 0x00E2, 0x00C2, 0x0111,
                                                 0x0110, 0x00EA, 0x00CA, 0x00F4, 0x00D4,
                                                 0x01A1, 0x01A0, 0x01B0, 0x01AF};
  if (cp >= 0x1EA0 && cp <= 0x1EF9) return true;
  return std::find(kLetters.begin(), kLetters.end(), cp) != kLetters.end();
}

bool HasVietnameseLetter(std::string_view s) {
  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (IsVietnameseLetter(static_cast<uint32_t>(u.char32At(i)))) return true;
  }
  return false;
}

// Frequent words of complaints in each language, as typed on a keypad (folded). A word found in
// two languages ("dan", "di", "can") is left out: it would decide nothing.
constexpr std::array<std::string_view, 24> kIndonesian = {
    "yang",   "tidak",    "jalan",   "rusak", "ini",    "itu",     "ada",     "sudah",
    "belum",  "air",      "desa",    "kami",  "tolong", "dengan",  "untuk",   "banjir",
    "sungai", "jembatan", "sekolah", "warga", "rumah",  "listrik", "kampung", "mohon"};
constexpr std::array<std::string_view, 24> kVietnamese = {
    "khong", "duoc", "cua",  "nuoc", "duong", "nha",    "toi",  "chung",
    "xin",   "hong", "thon", "viec", "giup",  "nguoi",  "lam",  "roi",
    "nay",   "cho",  "bi",   "sat",  "dien",  "truong", "ngap", "xa"};
constexpr std::array<std::string_view, 24> kEnglish = {
    "the",    "is",     "not",   "and",   "road", "bridge", "water", "broken",
    "please", "our",    "there", "with",  "for",  "flood",  "river", "of",
    "school", "street", "house", "power", "help", "no",     "has",   "been"};

template <size_t N>
int Count(const std::string& folded, const std::array<std::string_view, N>& words) {
  int hits = 0;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t end = std::min(folded.find(' ', i), folded.size());
    const std::string_view word(folded.data() + i, end - i);
    if (std::find(words.begin(), words.end(), word) != words.end()) ++hits;
    i = end + 1;
  }
  return hits;
}

}  // namespace

std::string GuessLanguage(std::string_view text) {
  if (HasVietnameseLetter(text)) return "vi";
  const std::string folded = FoldForMatch(text);
  const int id = Count(folded, kIndonesian);
  const int vi = Count(folded, kVietnamese);
  const int en = Count(folded, kEnglish);
  if (id > vi && id > en) return "id";
  if (vi > id && vi > en) return "vi";
  if (en > id && en > vi) return "en";
  return {};
}

}  // namespace jembatan
