// Folding text for matching what people type on a keypad: "Biên Sơn", "bien son" and
// "BIEN  SON" are the same place. Case is folded, diacritics are dropped (Vietnamese đ → d),
// and runs of white space and punctuation become one space.
#pragma once

#include <string>
#include <string_view>

namespace jembatan {

// REQUIRES: `text` is valid UTF-8 (invalid sequences are dropped).
std::string FoldForMatch(std::string_view text);

// Drops diacritics but keeps case and punctuation ("Sơn Hải" → "Son Hai"): the way people
// write Vietnamese and Indonesian on phones without a Vietnamese keyboard, and what keeps an
// SMS in the 160-character GSM alphabet.
std::string StripDiacritics(std::string_view text);

// The words of a case that a search box matches: its title and body, folded. Stored with the
// case (the store compares a folded query with it).
std::string CaseSearchText(std::string_view title, std::string_view body);

}  // namespace jembatan
