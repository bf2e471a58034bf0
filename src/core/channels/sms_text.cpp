#include "core/channels/sms_text.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace jembatan {
namespace {

constexpr size_t kGsmSingle = 160;
constexpr size_t kGsmPart = 153;
constexpr size_t kUcsSingle = 70;
constexpr size_t kUcsPart = 67;

// Decodes one code point; returns 0xFFFD for a malformed byte (and advances by one).
char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = 1;
  char32_t cp = b;
  if (b >= 0xF0) {
    len = 4;
    cp = b & 0x07U;
  } else if (b >= 0xE0) {
    len = 3;
    cp = b & 0x0FU;
  } else if (b >= 0xC0) {
    len = 2;
    cp = b & 0x1FU;
  } else if (b >= 0x80) {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    i = s.size();
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
  i += len;
  return cp;
}

// GSM 03.38 default alphabet (1 septet) outside printable ASCII, and the ASCII characters
// that are *not* in it.
constexpr std::u32string_view kGsmExtraBasic = U"£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r";
constexpr std::u32string_view kGsmExtension = U"^{}\\[~]|€\f";

// Septets for one code point in GSM-7, or 0 when it is not in the alphabet.
size_t GsmSeptets(char32_t c) {
  if (kGsmExtension.find(c) != std::u32string_view::npos) return 2;
  if (c >= 0x20 && c < 0x7F) return c == '`' ? 0 : 1;
  if (kGsmExtraBasic.find(c) != std::u32string_view::npos) return 1;
  return 0;
}

size_t Utf16Units(char32_t c) { return c > 0xFFFF ? 2 : 1; }

struct Piece {
  size_t begin = 0;  // byte offsets into the text
  size_t end = 0;
  size_t units = 0;
};

// Walks `text` and returns the byte length of the longest prefix of at most `budget` units,
// preferring to end after a space when one exists in the second half.
size_t FitPrefix(std::string_view text, SmsEncoding enc, size_t budget) {
  size_t used = 0;
  size_t i = 0;
  size_t last_space = 0;
  while (i < text.size()) {
    size_t at = i;
    const char32_t c = NextCodePoint(text, at);
    const size_t cost = enc == SmsEncoding::kGsm7 ? GsmSeptets(c) : Utf16Units(c);
    if (used + cost > budget) break;
    used += cost;
    i = at;
    if (c == ' ' || c == '\n') last_space = i;
  }
  if (i < text.size() && last_space > i / 2) return last_space;
  return i;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace

SmsMeasure MeasureSms(std::string_view text) {
  size_t septets = 0;
  size_t utf16 = 0;
  bool gsm = true;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = NextCodePoint(text, i);
    const size_t s = GsmSeptets(c);
    if (s == 0) gsm = false;
    septets += s;
    utf16 += Utf16Units(c);
  }
  SmsMeasure m;
  m.encoding = gsm ? SmsEncoding::kGsm7 : SmsEncoding::kUcs2;
  m.units = gsm ? septets : utf16;
  const size_t single = gsm ? kGsmSingle : kUcsSingle;
  const size_t part = gsm ? kGsmPart : kUcsPart;
  m.segments = m.units <= single ? 1 : (m.units + part - 1) / part;
  return m;
}

std::vector<std::string> SplitIntoSms(std::string_view text, size_t max_parts) {
  text = Trim(text);
  const SmsMeasure whole = MeasureSms(text);
  const size_t single = whole.encoding == SmsEncoding::kGsm7 ? kGsmSingle : kUcsSingle;
  if (whole.units <= single || max_parts <= 1) {
    if (whole.units <= single) return {std::string(text)};
    const size_t cut = FitPrefix(text, whole.encoding, single - 3);
    return {std::string(Trim(text.substr(0, cut))) + "..."};
  }
  // Numbering "k/n " costs at most 6 characters for n < 100; reserve 3 more for "...".
  max_parts = std::min<size_t>(max_parts, 99);
  const size_t budget = single - 6;
  std::vector<std::string_view> parts;
  std::string_view rest = text;
  while (!rest.empty() && parts.size() < max_parts) {
    const bool last_allowed = parts.size() + 1 == max_parts;
    size_t cut = FitPrefix(rest, whole.encoding, budget);
    if (last_allowed && cut < rest.size()) cut = FitPrefix(rest, whole.encoding, budget - 3);
    parts.push_back(Trim(rest.substr(0, cut)));
    rest = Trim(rest.substr(cut));
  }
  const bool truncated = !rest.empty();
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (size_t k = 0; k < parts.size(); ++k) {
    std::string s = std::to_string(k + 1) + "/" + std::to_string(parts.size()) + " ";
    s += parts[k];
    if (truncated && k + 1 == parts.size()) s += "...";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace jembatan
