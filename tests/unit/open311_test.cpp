// Open311: finding the unit from a point or an address, the status mapping, and the XML/JSON
// documents (element names and order as in the GeoReport v2 examples).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "channels/open311/open311_format.h"
#include "channels/open311/open311_mapping.h"
#include "core/reference/locate.h"
#include "fixtures.h"

namespace jembatan {
namespace {
namespace json = boost::json;
using channels::open311::Format;

class LocateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    using testing::MakeUnit;
    std::vector<Unit> units = {
        MakeUnit(1, "P", UnitLevel::kProvince, std::nullopt),
        MakeUnit(3, "C001", UnitLevel::kCommune, 1),
        MakeUnit(4, "C001-V01", UnitLevel::kVillage, 3),
        MakeUnit(5, "C001-V02", UnitLevel::kVillage, 3),
        MakeUnit(6, "C002", UnitLevel::kCommune, 1),
        MakeUnit(7, "C002-V01", UnitLevel::kVillage, 6),
        MakeUnit(8, "C002-V02", UnitLevel::kVillage, 6),
    };
    units[1].name = "Biên Sơn";
    units[2].name = "Bản Mới";
    units[3].name = "Khuôn Thần";
    units[4].name = "Sơn Hải";
    units[5].name = "Bản Mới";
    units[6].name = "Đồng Tâm";
    // Centres: C001 around (21.50, 106.50), C002 around (21.60, 106.60); V02 of C002 has none.
    units[1].lat = 21.50, units[1].lon = 106.50;
    units[2].lat = 21.51, units[2].lon = 106.51;
    units[3].lat = 21.49, units[3].lon = 106.49;
    units[4].lat = 21.60, units[4].lon = 106.60;
    units[5].lat = 21.61, units[5].lon = 106.61;
    dir = std::move(UnitDirectory::Build(std::move(units)).value());
    index = PlaceIndex::Build(dir);
  }
  std::string Code(std::string_view address) {
    const PlaceMatch m = FindAddress(index, address);
    return m.unit ? m.unit->code : "";
  }
  UnitDirectory dir;
  PlaceIndex index;
};

TEST_F(LocateTest, DistanceIsHaversineInKilometres) {
  EXPECT_NEAR(DistanceKm(0, 0, 0, 1), 111.19, 0.01);  // one degree on the equator
  EXPECT_NEAR(DistanceKm(21.5, 106.5, 21.5, 106.5), 0.0, 1e-9);
  EXPECT_NEAR(DistanceKm(21.0, 105.8, 10.8, 106.7), 1137, 5);  // Hà Nội – TP HCM
}

TEST_F(LocateTest, NearestVillageWinsOverItsCommune) {
  const Unit* u = NearestUnit(dir, 21.509, 106.509);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->code, "C001-V01");
  EXPECT_EQ(NearestUnit(dir, 21.612, 106.612)->code, "C002-V01");
}

TEST_F(LocateTest, FarAwayOrInvalidPointsFindNothing) {
  EXPECT_EQ(NearestUnit(dir, 10.8, 106.7), nullptr);  // 1,000 km south
  EXPECT_EQ(NearestUnit(dir, 91, 106.5), nullptr);
  EXPECT_EQ(NearestUnit(dir, std::nan(""), 106.5), nullptr);
  EXPECT_FALSE(IsValidCoordinate(0, 181));
  EXPECT_TRUE(IsValidCoordinate(-90, -180));
}

TEST_F(LocateTest, AddressFromMostSpecificPart) {
  EXPECT_EQ(Code("Khuôn Thần, Biên Sơn, Lục Ngạn"), "C001-V02");
  EXPECT_EQ(Code("khuon than"), "C001-V02");
  EXPECT_EQ(Code("Dong Tam"), "C002-V02");
  EXPECT_EQ(Code("xã Biên Sơn"), "C001");  // a designator is dropped
}

TEST_F(LocateTest, BanIsBothADesignatorAndPartOfNames) {
  // "Bản Mới" exists in two communes: the next part names the commune.
  EXPECT_EQ(Code("Bản Mới, Biên Sơn"), "C001-V01");
  EXPECT_EQ(Code("ban moi, xa Son Hai, tinh X"), "C002-V01");
  EXPECT_EQ(Code("Son Hai Ban Moi"), "C002-V01");
}

TEST_F(LocateTest, AmbiguousOrUnknownAddressesNameNoUnit) {
  const PlaceMatch m = FindAddress(index, "Bản Mới");
  EXPECT_EQ(m.unit, nullptr);
  EXPECT_EQ(m.candidates.size(), 2u);
  EXPECT_EQ(Code("Khuôn Thần bridge"), "");  // the whole part must be the name
  EXPECT_EQ(Code("12 Nguyen Trai street"), "");
  EXPECT_EQ(Code(""), "");
  EXPECT_EQ(Code(", , ,"), "");
}

TEST(Open311Mapping, StatusesAreOpenOrClosed) {
  EXPECT_EQ(channels::open311::OpenOrClosed(CaseStatus::kReceived), "open");
  EXPECT_EQ(channels::open311::OpenOrClosed(CaseStatus::kInProgress), "open");
  EXPECT_EQ(channels::open311::OpenOrClosed(CaseStatus::kResolved), "closed");
  EXPECT_EQ(channels::open311::OpenOrClosed(CaseStatus::kRejected), "closed");
  EXPECT_EQ(channels::open311::OpenOrClosed(CaseStatus::kMerged), "closed");
  auto open = channels::open311::StatusesFor("open");
  ASSERT_TRUE(open);
  EXPECT_EQ(*open, (std::vector<CaseStatus>{CaseStatus::kReceived, CaseStatus::kAccepted,
                                            CaseStatus::kInProgress}));
  EXPECT_EQ(channels::open311::StatusesFor("open,closed")->size(), 7u);
  EXPECT_EQ(channels::open311::StatusesFor("closed")->size(), 4u);
  EXPECT_FALSE(channels::open311::StatusesFor("open,pending"));
}

TEST(Open311Format, ResourceNeedsXmlOrJsonSuffix) {
  auto r = channels::open311::ParseResource("requests.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "requests");
  EXPECT_EQ(r->format, Format::kJson);
  EXPECT_EQ(channels::open311::ParseResource("services.xml")->format, Format::kXml);
  EXPECT_EQ(channels::open311::ParseResource("C001.V01.xml")->name, "C001.V01");
  EXPECT_FALSE(channels::open311::ParseResource("requests"));
  EXPECT_FALSE(channels::open311::ParseResource("requests.csv"));
  EXPECT_FALSE(channels::open311::ParseResource(".json"));
}

TEST(Open311Format, XmlFollowsTheSparkConvention) {
  json::array doc{json::object{{"service_request_id", "ABC"},
                               {"service_notice", "a <b> & \"c\""},
                               {"account_id", nullptr},
                               {"lat", 21.5},
                               {"metadata", true}}};
  auto r = channels::open311::Render(200, Format::kXml, "service_requests", doc);
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_EQ(r.body,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<service_requests><request><service_request_id>ABC</service_request_id>"
            "<service_notice>a &lt;b&gt; &amp; &quot;c&quot;</service_notice><account_id/>"
            "<lat>21.5</lat><metadata>true</metadata></request></service_requests>");
}

TEST(Open311Format, NestedListsAreNamedAsInTheSpec) {
  json::object def{
      {"service_code", "x"},
      {"attributes", json::array{json::object{
                         {"code", "v"}, {"values", json::array{json::object{{"key", "k"}}}}}}}};
  auto r = channels::open311::Render(200, Format::kXml, "service_definition", def);
  EXPECT_NE(r.body.find("<service_definition><service_code>x</service_code><attributes>"
                        "<attribute><code>v</code><values><value><key>k</key></value></values>"
                        "</attribute></attributes></service_definition>"),
            std::string::npos)
      << r.body;
}

TEST(Open311Format, ErrorsAreAnArrayOfCodeAndDescription) {
  auto j = channels::open311::RenderError(Format::kJson, 403, "api_key is not valid");
  EXPECT_EQ(j.status, 403);
  EXPECT_EQ(j.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(j.body, R"([{"code":403,"description":"api_key is not valid"}])");
  auto x = channels::open311::RenderError(Format::kXml, 404, "no");
  EXPECT_NE(x.body.find("<errors><error><code>404</code><description>no</description></error>"
                        "</errors>"),
            std::string::npos);
}

TEST(Open311Format, ControlCharactersCannotBreakTheXml) {
  EXPECT_EQ(channels::open311::XmlSafe("a\x01"
                                       "b\tc\n"),
            "a\xEF\xBF\xBD"
            "b\tc\n");
  auto r = channels::open311::Render(200, Format::kXml, "services",
                                     json::array{json::object{{"service_name", "x\x0By"}}});
  EXPECT_EQ(r.body.find('\x0B'), std::string::npos);
}

}  // namespace
}  // namespace jembatan
