// Finding the village a message is about from the words people type: a unit code ("C001-V03",
// or an old code from before a merger), a village or commune name without diacritics
// ("ban moi"), "commune village" when a village name exists in several communes, and one
// mistyped letter in a name of five letters or more.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/channels/channel_command.h"
#include "core/reference/unit.h"

namespace jembatan {

struct PlaceMatch {
  const Unit* unit = nullptr;           // the live village or commune, when exactly one fits
  size_t words = 0;                     // how many leading words named it
  std::vector<const Unit*> candidates;  // several fit: the reply lists them
};

class PlaceIndex {
 public:
  PlaceIndex() = default;
  static PlaceIndex Build(const UnitDirectory& units);

  // Looks at the first words of `words` (a place name is at most kMaxWords long), longest
  // match first.
  PlaceMatch Find(const std::vector<FoldedWord>& words) const;

  // The web form's place picker: live villages and communes whose name (with the commune's
  // name, for a village) or code contains every word of `query`, folded as FoldForMatch does,
  // so "ban moi" finds "Bản Mới" and "son hai" finds the villages of Sơn Hải. Villages first,
  // then by name; at most `limit`. An empty query finds nothing. The names are folded once, in
  // Build, not per query.
  std::vector<const Unit*> Search(std::string_view query, size_t limit) const;

  static constexpr size_t kMaxWords = 5;

 private:
  struct Searchable {
    const Unit* unit;
    std::string text;  // folded name, commune name (villages) and code
  };

  void Add(const std::string& key, const Unit* unit);
  PlaceMatch Lookup(const std::string& key, size_t words) const;

  std::unordered_map<std::string, std::vector<const Unit*>> by_key_;
  std::vector<Searchable> searchable_;  // live villages and communes, in directory order
};

}  // namespace jembatan
