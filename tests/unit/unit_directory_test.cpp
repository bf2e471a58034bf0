#include <gtest/gtest.h>

#include <algorithm>

#include "core/reference/place_index.h"
#include "core/reference/unit.h"
#include "fixtures.h"

namespace jembatan {
namespace {

using testing::MakeUnit;

TEST(UnitDirectory, OldCodesResolveToTheLiveUnit) {
  const auto units = testing::SmallProvince();
  EXPECT_EQ(units.ResolveLive("OLD")->code, "C1");
  EXPECT_EQ(units.ResolveLive("OLDV")->code, "V11");
  EXPECT_EQ(units.ResolveLive("C1")->code, "C1");
  EXPECT_EQ(units.ResolveLive("NOPE"), nullptr);
  EXPECT_FALSE(units.FindByCode("OLD")->live());
}

TEST(UnitDirectory, MergeChainsAreFollowed) {
  auto dir = UnitDirectory::Build({MakeUnit(1, "P", UnitLevel::kProvince, std::nullopt),
                                   MakeUnit(2, "A", UnitLevel::kCommune, 1, false, 3),
                                   MakeUnit(3, "B", UnitLevel::kCommune, 1, false, 4),
                                   MakeUnit(4, "C", UnitLevel::kCommune, 1)});
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir->ResolveLive("A")->code, "C");
}

TEST(UnitDirectory, CyclesAndDanglingLinksAreRefused) {
  EXPECT_FALSE(UnitDirectory::Build({MakeUnit(1, "A", UnitLevel::kCommune, std::nullopt, false, 2),
                                     MakeUnit(2, "B", UnitLevel::kCommune, std::nullopt, false, 1)})
                   .ok());
  EXPECT_FALSE(UnitDirectory::Build({MakeUnit(1, "A", UnitLevel::kCommune, 2),
                                     MakeUnit(2, "B", UnitLevel::kCommune, 1)})
                   .ok());
  EXPECT_FALSE(UnitDirectory::Build({MakeUnit(1, "A", UnitLevel::kCommune, 9)}).ok());
  EXPECT_FALSE(UnitDirectory::Build({MakeUnit(1, "A", UnitLevel::kCommune, std::nullopt),
                                     MakeUnit(2, "A", UnitLevel::kCommune, std::nullopt)})
                   .ok());
}

TEST(UnitDirectory, CommuneOfAndCovers) {
  const auto units = testing::SmallProvince();
  EXPECT_EQ(units.CommuneOf(*units.FindByCode("V12"))->code, "C1");
  EXPECT_EQ(units.CommuneOf(*units.FindByCode("C2"))->code, "C2");
  EXPECT_EQ(units.CommuneOf(*units.FindByCode("P")), nullptr);
  EXPECT_TRUE(units.Covers(*units.FindByCode("P"), *units.FindByCode("V21")));
  EXPECT_TRUE(units.Covers(*units.FindByCode("C1"), *units.FindByCode("V11")));
  EXPECT_FALSE(units.Covers(*units.FindByCode("C1"), *units.FindByCode("V21")));
  EXPECT_FALSE(units.Covers(*units.FindByCode("V11"), *units.FindByCode("C1")));
}

TEST(UnitDirectory, ChildrenAreTheDirectDescendants) {
  const auto units = testing::SmallProvince();
  std::vector<std::string> codes;
  for (const Unit* u : units.Children(*units.FindByCode("C1"))) codes.push_back(u->code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"V11", "V12"}));
  EXPECT_EQ(units.Children(*units.FindByCode("P")).size(), 4u);  // D-NRE, C1, C2, OLD
  EXPECT_TRUE(units.Children(*units.FindByCode("V11")).empty());
}

TEST(UnitLevel, NamesAndAliases) {
  EXPECT_EQ(ParseUnitLevel("ward"), UnitLevel::kCommune);
  EXPECT_EQ(ParseUnitLevel("special_zone"), UnitLevel::kCommune);
  EXPECT_EQ(ParseUnitLevel("residential_group"), UnitLevel::kVillage);
  EXPECT_EQ(ToString(UnitLevel::kDepartment), "department");
  EXPECT_FALSE(ParseUnitLevel("district").has_value());  // abolished in 2025
}

TEST(PlaceSearch, FindsLiveVillagesAndCommunesByFoldedWords) {
  std::vector<Unit> units = {
      testing::MakeUnit(1, "P", UnitLevel::kProvince, std::nullopt),
      testing::MakeUnit(2, "C1", UnitLevel::kCommune, 1),
      testing::MakeUnit(3, "C1-V1", UnitLevel::kVillage, 2),
      testing::MakeUnit(4, "C1-V2", UnitLevel::kVillage, 2),
      testing::MakeUnit(5, "C2", UnitLevel::kCommune, 1),
      testing::MakeUnit(6, "C2-V1", UnitLevel::kVillage, 5),
      testing::MakeUnit(7, "OLD-V", UnitLevel::kVillage, 2, false, 3),
  };
  units[1].name = "Biên Sơn";
  units[2].name = "Bản Mới";
  units[3].name = "Thôn Đông";
  units[4].name = "Sơn Hải";
  units[5].name = "Bản Mới";
  units[6].name = "Bản Mới cũ";
  auto dir = std::move(UnitDirectory::Build(std::move(units)).value());
  const PlaceIndex index = PlaceIndex::Build(dir);
  auto codes = [&](std::string_view q, size_t limit = 10) {
    std::vector<std::string> out;
    for (const Unit* u : index.Search(q, limit)) out.push_back(u->code);
    return out;
  };
  // Both "Bản Mới" villages (not the merged one), villages before communes.
  EXPECT_EQ(codes("ban moi"), (std::vector<std::string>{"C1-V1", "C2-V1"}));
  EXPECT_EQ(codes("BẢN  mới"), codes("ban moi"));
  // The commune's name narrows a village name found in two communes.
  EXPECT_EQ(codes("ban moi son hai"), (std::vector<std::string>{"C2-V1"}));
  // "dong" finds Thôn Đông (đ folds to d); a commune name finds its villages, then itself.
  EXPECT_EQ(codes("dong"), (std::vector<std::string>{"C1-V2"}));
  EXPECT_EQ(codes("bien son"), (std::vector<std::string>{"C1-V1", "C1-V2", "C1"}));
  EXPECT_EQ(codes("bien son", 2).size(), 2u);
  EXPECT_TRUE(codes("").empty());
  EXPECT_TRUE(codes("  ").empty());
  EXPECT_TRUE(codes("xyz").empty());
}

}  // namespace
}  // namespace jembatan
