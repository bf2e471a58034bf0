#include "core/reference/unit.h"

#include <array>

namespace jembatan {
namespace {
constexpr std::array<std::string_view, 4> kLevelNames = {"province", "department", "commune",
                                                         "village"};
constexpr int kMaxDepth = 16;  // guards against cycles in parent or merge links
}  // namespace

std::string_view ToString(UnitLevel level) { return kLevelNames[static_cast<size_t>(level)]; }

std::optional<UnitLevel> ParseUnitLevel(std::string_view text) {
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == text) return static_cast<UnitLevel>(i);
  }
  if (text == "ward" || text == "special_zone") return UnitLevel::kCommune;
  if (text == "residential_group") return UnitLevel::kVillage;
  return std::nullopt;
}

Result<UnitDirectory> UnitDirectory::Build(std::vector<Unit> units) {
  UnitDirectory dir;
  dir.units_ = std::move(units);
  for (size_t i = 0; i < dir.units_.size(); ++i) {
    const Unit& u = dir.units_[i];
    if (!dir.by_id_.emplace(u.id, i).second) return Error::Invalid("duplicate unit id");
    if (!dir.by_code_.emplace(u.code, i).second) {
      return Error::Invalid("duplicate unit code " + u.code);
    }
  }
  for (size_t i = 0; i < dir.units_.size(); ++i) {
    const Unit& u = dir.units_[i];
    if (u.parent_id) {
      if (!dir.by_id_.contains(*u.parent_id)) {
        return Error::Invalid("unit " + u.code + " has an unknown parent");
      }
      dir.children_[*u.parent_id].push_back(i);
    }
    if (u.merged_into_id && !dir.by_id_.contains(*u.merged_into_id)) {
      return Error::Invalid("unit " + u.code + " is merged into an unknown unit");
    }
  }
  for (const Unit& u : dir.units_) {
    const Unit* p = &u;
    for (int depth = 0; p != nullptr; ++depth) {
      if (depth > kMaxDepth) return Error::Invalid("unit hierarchy of " + u.code + " has a cycle");
      p = dir.Parent(*p);
    }
    if (dir.ResolveLive(u.code) == nullptr) {
      return Error::Invalid("merge chain of " + u.code + " has a cycle");
    }
  }
  return dir;
}

const Unit* UnitDirectory::FindById(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

const Unit* UnitDirectory::FindByCode(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &units_[it->second];
}

const Unit* UnitDirectory::ResolveLive(std::string_view code) const {
  const Unit* u = FindByCode(code);
  for (int depth = 0; u != nullptr && u->merged_into_id; ++depth) {
    if (depth > kMaxDepth) return nullptr;
    u = FindById(*u->merged_into_id);
  }
  return u;
}

const Unit* UnitDirectory::Parent(const Unit& unit) const {
  return unit.parent_id ? FindById(*unit.parent_id) : nullptr;
}

const Unit* UnitDirectory::CommuneOf(const Unit& unit) const {
  if (unit.level == UnitLevel::kCommune) return &unit;
  if (unit.level == UnitLevel::kVillage) {
    const Unit* p = Parent(unit);
    return (p != nullptr && p->level == UnitLevel::kCommune) ? p : nullptr;
  }
  return nullptr;
}

const Unit* UnitDirectory::Province() const {
  for (const Unit& u : units_) {
    if (u.level == UnitLevel::kProvince && u.live()) return &u;
  }
  return nullptr;
}

bool UnitDirectory::Covers(const Unit& ancestor, const Unit& unit) const {
  const Unit* u = &unit;
  for (int depth = 0; u != nullptr && depth <= kMaxDepth; ++depth) {
    if (u->id == ancestor.id) return true;
    u = Parent(*u);
  }
  return false;
}

std::vector<const Unit*> UnitDirectory::Children(const Unit& parent) const {
  std::vector<const Unit*> out;
  auto it = children_.find(parent.id);
  if (it == children_.end()) return out;
  for (size_t child : it->second) out.push_back(&units_[child]);
  return out;
}

}  // namespace jembatan
