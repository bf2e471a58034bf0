// Which of the three languages a free-text message is written in, so that the reply reads in
// it: a Vietnamese letter (ă â đ ê ô ơ ư, or a vowel with a Vietnamese tone mark) says "vi" at
// once; otherwise common words of each language, typed without diacritics, are counted.
#pragma once

#include <string>
#include <string_view>

namespace jembatan {

// "id", "vi" or "en"; empty when the text does not say (no known word, or a tie).
// REQUIRES: valid UTF-8 (invalid sequences are skipped).
std::string GuessLanguage(std::string_view text);

}  // namespace jembatan
