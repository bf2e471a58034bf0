#include "core/channels/channel_command.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/common/text_fold.h"

namespace jembatan {
namespace {

struct Keyword {
  std::string_view word;  // folded
  CommandKind kind;
  std::string_view language;
};

constexpr std::array kKeywords{
    Keyword{"lapor", CommandKind::kReport, "id"},  Keyword{"bao", CommandKind::kReport, "vi"},
    Keyword{"report", CommandKind::kReport, "en"}, Keyword{"titip", CommandKind::kForward, "id"},
    Keyword{"nho", CommandKind::kForward, "vi"},   Keyword{"for", CommandKind::kForward, "en"},
    Keyword{"cek", CommandKind::kStatus, "id"},    Keyword{"xem", CommandKind::kStatus, "vi"},
    Keyword{"check", CommandKind::kStatus, "en"},  Keyword{"status", CommandKind::kStatus, "en"},
    Keyword{"ya", CommandKind::kConfirm, "id"},    Keyword{"co", CommandKind::kConfirm, "vi"},
    Keyword{"yes", CommandKind::kConfirm, "en"},   Keyword{"tidak", CommandKind::kDispute, "id"},
    Keyword{"khong", CommandKind::kDispute, "vi"}, Keyword{"no", CommandKind::kDispute, "en"},
    Keyword{"ikut", CommandKind::kJoin, "id"},     Keyword{"thamgia", CommandKind::kJoin, "vi"},
    Keyword{"join", CommandKind::kJoin, "en"},     Keyword{"bantu", CommandKind::kHelp, "id"},
    Keyword{"hd", CommandKind::kHelp, "vi"},       Keyword{"help", CommandKind::kHelp, "en"},
    Keyword{"info", CommandKind::kHelp, "id"},
};

// Typos are forgiven only in keywords long enough that one wrong letter cannot turn another
// word into a command ("co" stays exact; "lapr" is LAPOR).
constexpr size_t kFuzzyKeywordMin = 5;
constexpr size_t kPinDigits = 6;
constexpr size_t kMaxCodeTyped = 12;  // 8 characters plus the dashes people add

const Keyword* MatchKeyword(std::string_view word) {
  for (const Keyword& k : kKeywords) {
    if (k.word == word) return &k;
  }
  const Keyword* best = nullptr;
  for (const Keyword& k : kKeywords) {
    if (k.word.size() < kFuzzyKeywordMin || word.size() + 1 < k.word.size()) continue;
    if (EditDistance(word, k.word, 1) <= 1) {
      if (best != nullptr) return nullptr;  // ambiguous typo: treat as text
      best = &k;
    }
  }
  return best;
}

bool IsSpaceOrPunct(unsigned char c) { return c < 0x80 && !std::isalnum(c) && c != '+'; }

std::string_view TrimSeparators(std::string_view s) {
  while (!s.empty() && IsSpaceOrPunct(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Tokens separated by white space or punctuation other than '+' and '-'.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == '#' ||
                            s[i] == ',' || s[i] == ';' || s[i] == '*' || s[i] == ':')) {
      ++i;
    }
    const size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '#' &&
           s[i] != ',' && s[i] != ';' && s[i] != '*' && s[i] != ':') {
      ++i;
    }
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "<code> <pin>" where the code may have been typed with a space in it ("ABCD 1234 567890").
// Returns false when the words do not look like a code at all ("Có một cây đổ…" is Vietnamese
// free text that happens to start with the confirm keyword).
bool ReadCodeAndPin(std::string_view rest, ChannelCommand& cmd) {
  auto tokens = Tokens(rest);
  if (cmd.kind != CommandKind::kStatus && tokens.size() >= 2 && AllDigits(tokens.back()) &&
      tokens.back().size() == kPinDigits) {
    cmd.pin = std::string(tokens.back());
    tokens.pop_back();
  }
  if (tokens.size() > 2) return false;
  for (auto t : tokens) cmd.code += t;
  return cmd.code.size() <= kMaxCodeTyped;
}

// A household phone as typed: digits with optional '+', spaces stripped by the tokenizer,
// dashes and dots allowed; at least 8 digits.
bool LooksLikePhone(std::string_view s) {
  size_t digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return digits >= 8;
}

// "<campaign> <days>", optionally followed by the word for days ("IKUT PCTT 3 hari"). Returns
// false for anything else: "ikut" is also an everyday Indonesian word, and "Ikut melapor jalan
// rusak" is free text.
bool ReadCampaignAndDays(std::string_view rest, ChannelCommand& cmd) {
  constexpr size_t kMaxCampaignCode = 16;
  constexpr size_t kMaxDayDigits = 3;
  auto tokens = Tokens(rest);
  if (tokens.size() == 3) {
    const std::string unit = FoldForMatch(tokens.back());
    if (unit != "hari" && unit != "ngay" && unit != "day" && unit != "days") return false;
    tokens.pop_back();
  }
  if (tokens.size() != 2 || tokens[0].size() > kMaxCampaignCode || !AllDigits(tokens[1]) ||
      tokens[1].size() > kMaxDayDigits) {
    return false;
  }
  for (char c : tokens[0]) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  cmd.code = std::string(tokens[0]);
  cmd.days = std::stoll(std::string(tokens[1]));
  return cmd.days > 0;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<size_t> MatchTypedCode(std::string_view typed,
                                     const std::vector<std::string>& codes) {
  constexpr size_t kFuzzyCodeMin = 4;
  const std::string want = Upper(typed);
  for (size_t i = 0; i < codes.size(); ++i) {
    if (Upper(codes[i]) == want) return i;
  }
  std::optional<size_t> best;
  for (size_t i = 0; i < codes.size(); ++i) {
    const std::string code = Upper(codes[i]);
    if (code.size() < kFuzzyCodeMin || EditDistance(want, code, 1) > 1) continue;
    if (best) return std::nullopt;  // two codes are one letter away: ask again
    best = i;
  }
  return best;
}

std::string_view ToString(CommandKind kind) {
  switch (kind) {
    case CommandKind::kReport:
      return "report";
    case CommandKind::kForward:
      return "forward";
    case CommandKind::kStatus:
      return "status";
    case CommandKind::kConfirm:
      return "confirm";
    case CommandKind::kDispute:
      return "dispute";
    case CommandKind::kJoin:
      return "join";
    case CommandKind::kHelp:
      return "help";
    case CommandKind::kFreeText:
      return "text";
  }
  return "text";
}

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size();
  const size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return std::min(prev[m], limit + 1);
}

std::vector<FoldedWord> SplitWords(std::string_view text) {
  std::vector<FoldedWord> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpaceOrPunct(static_cast<unsigned char>(text[i]))) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpaceOrPunct(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) {
      std::string folded = FoldForMatch(text.substr(start, i - start));
      if (!folded.empty()) out.push_back(FoldedWord{std::move(folded), i});
    }
  }
  return out;
}

ChannelCommand ParseCommand(std::string_view text) {
  ChannelCommand cmd;
  const std::string_view trimmed = TrimSeparators(text);
  cmd.rest = std::string(trimmed);
  // The keyword is the leading run of letters: "LAPOR:", "cek#", "Báo " all work.
  size_t end = 0;
  while (end < trimmed.size() && (std::isalpha(static_cast<unsigned char>(trimmed[end])) ||
                                  static_cast<unsigned char>(trimmed[end]) >= 0x80)) {
    ++end;
  }
  const bool separated = end == trimmed.size() ||
                         IsSpaceOrPunct(static_cast<unsigned char>(trimmed[end])) ||
                         std::isdigit(static_cast<unsigned char>(trimmed[end]));
  if (end == 0 || !separated) return cmd;
  const Keyword* k = MatchKeyword(FoldForMatch(trimmed.substr(0, end)));
  if (k == nullptr) return cmd;
  const std::string_view rest = TrimSeparators(trimmed.substr(end));
  ChannelCommand out;
  out.kind = k->kind;
  out.language = std::string(k->language);
  switch (k->kind) {
    case CommandKind::kReport:
      out.rest = std::string(rest);
      break;
    case CommandKind::kForward: {
      // Untrimmed: TrimSeparators would eat the "-" of a household without a phone.
      const std::string_view raw = trimmed.substr(end);
      auto tokens = Tokens(raw);
      // "-" stands for a household without a phone: the member hears back instead.
      if (tokens.empty() || (tokens.front() != kNoPhone && !LooksLikePhone(tokens.front()))) {
        return cmd;
      }
      out.phone = std::string(tokens.front());
      const size_t after =
          static_cast<size_t>(tokens.front().data() - raw.data()) + tokens.front().size();
      out.rest = std::string(TrimSeparators(raw.substr(after)));
      break;
    }
    case CommandKind::kStatus:
    case CommandKind::kConfirm:
    case CommandKind::kDispute:
      if (!ReadCodeAndPin(rest, out)) return cmd;
      break;
    case CommandKind::kJoin:
      // A bare keyword asks how; anything that is not "<campaign> <days>" is free text.
      if (!rest.empty() && !ReadCampaignAndDays(rest, out)) return cmd;
      break;
    case CommandKind::kHelp:
    case CommandKind::kFreeText:
      break;
  }
  return out;
}

}  // namespace jembatan
