// Fuzzes what an SMS or chat text goes through before any use case: the command parser, the
// word splitter and place lookup, folding, and SMS measuring and splitting. Checks the
// invariants, not just the absence of crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cases/tracking_code.h"
#include "core/channels/channel_command.h"
#include "core/channels/sms_text.h"
#include "core/common/text_fold.h"
#include "core/common/validation.h"
#include "core/reference/place_index.h"

namespace {

const jembatan::UnitDirectory& Units() {
  static const jembatan::UnitDirectory dir = [] {
    std::vector<jembatan::Unit> units(3);
    units[0] = {1, "P", "Province", jembatan::UnitLevel::kProvince};
    units[1] = {2, "C001", "Biên Sơn", jembatan::UnitLevel::kCommune, 1};
    units[2] = {3, "C001-V01", "Bản Mới", jembatan::UnitLevel::kVillage, 2};
    return std::move(jembatan::UnitDirectory::Build(std::move(units)).value());
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!jembatan::IsValidUtf8(text)) return 0;  // adapters reject invalid UTF-8 before this
  const auto cmd = jembatan::ParseCommand(text);
  (void)jembatan::NormalizeTrackingCode(cmd.code);
  static const jembatan::PlaceIndex index = jembatan::PlaceIndex::Build(Units());
  const auto words = jembatan::SplitWords(cmd.rest);
  const auto match = index.Find(words);
  if (match.words > words.size()) __builtin_trap();
  if (!jembatan::IsValidUtf8(jembatan::FoldForMatch(text))) __builtin_trap();
  for (const auto& part : jembatan::SplitIntoSms(jembatan::StripDiacritics(text), 4)) {
    const auto m = jembatan::MeasureSms(part);
    if (m.units > (m.encoding == jembatan::SmsEncoding::kGsm7 ? 160U : 70U)) __builtin_trap();
  }
  return 0;
}
