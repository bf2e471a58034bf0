#include "core/common/text_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace jembatan {
namespace {

// NFD splits "ở" into base letter + combining marks; the marks (general category Mn) go.
// đ/Đ are letters of their own in Unicode, not d + mark, so they are mapped by hand.
icu::UnicodeString WithoutMarks(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString src = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(src, status) : src;
  if (U_FAILURE(status)) decomposed = src;
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) {
      out.append(static_cast<UChar32>('d'));
    } else if (c == 0x0110) {
      out.append(static_cast<UChar32>('D'));
    } else if (c != 0xFFFD) {
      out.append(c);
    }
  }
  return out;
}

}  // namespace

std::string StripDiacritics(std::string_view text) {
  std::string out;
  WithoutMarks(text).toUTF8String(out);
  return out;
}

std::string FoldForMatch(std::string_view text) {
  icu::UnicodeString plain = WithoutMarks(text);
  plain.foldCase();
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < plain.length();) {
    const UChar32 c = plain.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      if (pending_space && !out.isEmpty()) out.append(static_cast<UChar32>(' '));
      pending_space = false;
      out.append(c);
    } else {
      pending_space = true;
    }
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string CaseSearchText(std::string_view title, std::string_view body) {
  std::string both(title);
  both += ' ';
  both += body;
  return FoldForMatch(both);
}

}  // namespace jembatan
