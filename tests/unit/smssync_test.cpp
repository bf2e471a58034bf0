// SMSSync's outbound handshake: uuids that carry the outbox id and a MAC, the task=send
// document and the task=sent body.
#include "channels/sms/smssync.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jembatan::channels {
namespace {

TEST(SmsSyncUuid, RoundTripsTheOutboxIdUnderTheSameSecret) {
  const std::string uuid = SmsSyncUuid("s3cret", 4242);
  EXPECT_EQ(uuid.size(), 36U);
  EXPECT_EQ(uuid.substr(0, 19), "00000000-0000-1092-");  // 4242 = 0x1092
  EXPECT_EQ(ParseSmsSyncUuid("s3cret", uuid), 4242);
  EXPECT_NE(SmsSyncUuid("s3cret", 4243).substr(19), uuid.substr(19));
}

TEST(SmsSyncUuid, RefusesAnotherSecretATamperedMacOrId) {
  const std::string uuid = SmsSyncUuid("s3cret", 7);
  EXPECT_EQ(ParseSmsSyncUuid("other", uuid), std::nullopt);
  std::string mac = uuid;
  mac.back() = mac.back() == '0' ? '1' : '0';
  EXPECT_EQ(ParseSmsSyncUuid("s3cret", mac), std::nullopt);
  std::string id = uuid;
  id[17] = '8';  // the id becomes 8 while the MAC still says 7
  EXPECT_EQ(ParseSmsSyncUuid("s3cret", id), std::nullopt);
}

TEST(SmsSyncUuid, RefusesMalformedText) {
  for (const char* bad :
       {"", "not-a-uuid", "00000000-0000-0000-0000-00000000000",
        "00000000_0000-0007-0000-000000000000", "0000000G-0000-0007-0000-000000000000",
        "00000000-0000-0000-0000-000000000000"}) {
    EXPECT_EQ(ParseSmsSyncUuid("s3cret", bad), std::nullopt) << bad;
  }
  EXPECT_EQ(ParseSmsSyncUuid("s3cret", "FFFFFFFF-FFFF-FFFF-0000-000000000000"), std::nullopt);
}

TEST(SmsSyncSendTask, ListsEachMessageWithItsUuidAndTheSecret) {
  OutboxMessage m;
  m.id = 9;
  m.address = "+6281234";
  m.body = "Kode ABC \"ok\"";
  const auto v = boost::json::parse(SmsSyncSendTask("s", {m}));
  const auto& payload = v.at("payload");
  EXPECT_EQ(payload.at("task"), "send");
  EXPECT_EQ(payload.at("secret"), "s");
  ASSERT_EQ(payload.at("messages").as_array().size(), 1U);
  const auto& msg = payload.at("messages").at(0);
  EXPECT_EQ(msg.at("to"), "+6281234");
  EXPECT_EQ(msg.at("message"), "Kode ABC \"ok\"");
  EXPECT_EQ(msg.at("uuid").as_string(), SmsSyncUuid("s", 9));
  EXPECT_EQ(boost::json::parse(SmsSyncSendTask("s", {})).at("payload").at("messages"),
            boost::json::array());
}

TEST(SmsSyncQueuedMessages, ParsesStringsAndRefusesEverythingElse) {
  auto ok = ParseQueuedMessages(R"({"queued_messages":["a","b"]})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, (std::vector<std::string>{"a", "b"}));
  for (const char* bad : {"", "{", "[]", R"({"queued_messages":"a"})", R"({"queued_messages":[1]})",
                          R"({"other":[]})", "{\"queued_messages\":[\"\xff\"]}"}) {
    EXPECT_FALSE(ParseQueuedMessages(bad)) << bad;
  }
  std::string many = R"({"queued_messages":[)";
  for (size_t i = 0; i <= kMaxQueuedUuids; ++i) many += i ? ",\"a\"" : "\"a\"";
  EXPECT_FALSE(ParseQueuedMessages(many + "]}"));
  EXPECT_EQ(SmsSyncUuidList({"x"}), R"({"message_uuids":["x"]})");
}

}  // namespace
}  // namespace jembatan::channels
