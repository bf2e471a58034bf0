// The short commands people send by SMS or chat, typed on a keypad, in Indonesian,
// Vietnamese (without diacritics) or English:
//
//   LAPOR | BAO | REPORT  <village> <text>            file a report
//   TITIP | NHO | FOR     <household phone> <village> <text>   a member files for a household
//                         ("-" for the phone: the household has none; the member hears back)
//   CEK | XEM | CHECK     <code>                      status of a case
//   YA | CO | YES         <code> <pin>                the answer solved it (closes the case)
//   TIDAK | KHONG | NO    <code> <pin>                it did not (reopens the case)
//   IKUT | THAMGIA | JOIN <campaign code> <days>      a member took part in a campaign (the
//                         organizer confirms it before it counts)
//   BANTU | HELP | HD                                 how to use the service
//
// Keywords are matched ignoring case and diacritics and survive one mistyped letter
// ("LAPR", "CHEK"); a separator may be any punctuation ("LAPOR#Ban Moi#..."). Anything else
// is free text, which the conversation mode turns into a report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jembatan {

enum class CommandKind { kReport, kForward, kStatus, kConfirm, kDispute, kJoin, kHelp, kFreeText };

std::string_view ToString(CommandKind kind);

inline constexpr std::string_view kNoPhone = "-";

struct ChannelCommand {
  CommandKind kind = CommandKind::kFreeText;
  std::string language;  // what the keyword says: "id", "vi" or "en"; empty for free text
  std::string code;      // status/confirm/dispute: the case's code as typed (not yet checked);
                         // join: the campaign's code as typed
  int64_t days = 0;      // join: the days given, 1 to 999
  std::string pin;       // confirm/dispute
  std::string phone;     // forward: the household's phone as typed, or kNoPhone
  std::string rest;      // report/forward: the text after the keyword (and phone), verbatim
};

// REQUIRES: valid UTF-8.
ChannelCommand ParseCommand(std::string_view text);

// The words of `text` folded for matching, with the byte offset where each word ends in
// `text`, so that a matched prefix (a place name) can be cut off the original text.
struct FoldedWord {
  std::string folded;
  size_t end = 0;
};
std::vector<FoldedWord> SplitWords(std::string_view text);

// Damerau–Levenshtein distance, capped: returns limit + 1 when larger than `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// Which of `codes` a typed code means: the one equal to it ignoring case, else the only one a
// single mistyped letter away (for codes of 4 characters or more); nothing when none or several
// are.
std::optional<size_t> MatchTypedCode(std::string_view typed, const std::vector<std::string>& codes);

}  // namespace jembatan
