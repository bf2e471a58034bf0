// An enum's names as a table of (value, name) pairs, read both ways: the names core stores and
// the API and CSV use (organization kinds, titles, campaign kinds, …).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace jembatan {

template <typename E, size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The value's name; the table's last name for a value it lacks.
template <typename E, size_t N>
std::string_view NameOf(const EnumNames<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table.back().second;
}

// The value of an exact name; nothing for any other text.
template <typename E, size_t N>
std::optional<E> ValueOf(const EnumNames<E, N>& table, std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace jembatan
