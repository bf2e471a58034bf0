// Webhook decoders and signatures, with payloads as the providers document them, and the
// outbox retry rule.
#include <gtest/gtest.h>

#include "app/accounts/secrets.h"
#include "channels/sms/sms.h"
#include "channels/telegram/telegram.h"
#include "channels/zalo/zalo.h"
#include "core/channels/retry_policy.h"

namespace jembatan::channels {
namespace {

// The sms:received example of the SMS Gateway for Android documentation.
constexpr std::string_view kAndroidGatewayEvent = R"({
  "deviceId": "ffffffffceb0b1db0000018e937c815b",
  "event": "sms:received",
  "id": "Ey6ECgOkVVFjz3CL48B8C",
  "payload": {
    "messageId": "abc123",
    "message": "Android is always a sweet treat!",
    "phoneNumber": "6505551212",
    "simNumber": 1,
    "receivedAt": "2024-06-22T15:46:11.000+07:00"
  },
  "webhookId": "LreFUt-Z3sSq0JufY9uWB"
})";

TEST(AndroidGateway, DecodesTheDocumentedEvent) {
  auto d = DecodeAndroidGateway(kAndroidGatewayEvent);
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_TRUE(d->message);
  EXPECT_EQ(d->message->channel, "sms");
  EXPECT_TRUE(d->message->provider_id.starts_with("android-sms:")) << d->message->provider_id;
  EXPECT_EQ(d->message->address, "6505551212");
  EXPECT_EQ(d->message->text, "Android is always a sweet treat!");
}

// What the app does (its issues 291, 301, 310, 372): the same SMS again under a new event id.
// It is known by the sender, the text and when the phone received it; the same words received
// again later are another SMS.
TEST(AndroidGateway, ARedeliveryUnderANewEventIdIsTheSameSms) {
  auto event = [](std::string_view id, std::string_view text, std::string_view received) {
    std::string body = R"({"event":"sms:received","id":")" + std::string(id) +
                       R"(","payload":{"messageId":"m1","message":")" + std::string(text) +
                       R"(","phoneNumber":"+6281234567890")";
    if (!received.empty()) body += R"(,"receivedAt":")" + std::string(received) + "\"";
    body += "}}";
    auto d = DecodeAndroidGateway(body);
    EXPECT_TRUE(d && d->message) << body;
    return d && d->message ? d->message->provider_id : std::string();
  };
  const std::string first = event("e1", "YA", "2026-11-23T10:00:00.000+07:00");
  EXPECT_EQ(event("e2", "YA", "2026-11-23T10:00:00.000+07:00"), first);  // redelivered
  EXPECT_NE(event("e3", "YA", "2026-11-23T10:05:00.000+07:00"), first);  // "YA" again, later
  EXPECT_NE(event("e4", "TIDAK", "2026-11-23T10:00:00.000+07:00"), first);
  // Without the time the phone received it, only the event id tells deliveries apart.
  EXPECT_EQ(event("e5", "YA", ""), "android:e5");
  EXPECT_NE(event("e6", "YA", ""), "android:e5");
}

TEST(AndroidGateway, OtherEventsCarryNoMessageAndBadShapesAreErrors) {
  auto d = DecodeAndroidGateway(R"({"event":"sms:sent","id":"x","payload":{}})");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->message);
  EXPECT_FALSE(DecodeAndroidGateway("{"));
  EXPECT_FALSE(DecodeAndroidGateway(R"({"event":"sms:received","payload":{}})"));
  EXPECT_FALSE(DecodeAndroidGateway(
      R"({"event":"sms:received","id":"1","payload":{"message":["x"],"phoneNumber":"6505551212"}})"));
  EXPECT_FALSE(DecodeAndroidGateway(
      R"({"event":"sms:received","id":"1","payload":{"message":"x","phoneNumber":"not a phone"}})"));
  EXPECT_FALSE(
      DecodeAndroidGateway("{\"event\":\"sms:received\",\"id\":\"1\",\"payload\":"
                           "{\"message\":\"\xff\",\"phoneNumber\":\"6505551212\"}}"));
}

TEST(AndroidGateway, SignatureIsHmacOfBodyAndTimestamp) {
  const std::string key = "signing-key";
  const std::string ts = "1700000000";
  const std::string sig = app::HmacSha256Hex(key, std::string(kAndroidGatewayEvent) + ts);
  const Timestamp now{1700000100};
  EXPECT_TRUE(VerifyAndroidGateway(key, kAndroidGatewayEvent, ts, sig, now, 600));
  std::string upper = sig;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(VerifyAndroidGateway(key, kAndroidGatewayEvent, ts, upper, now, 600));
  EXPECT_FALSE(VerifyAndroidGateway("other", kAndroidGatewayEvent, ts, sig, now, 600));
  EXPECT_FALSE(
      VerifyAndroidGateway(key, std::string(kAndroidGatewayEvent) + " ", ts, sig, now, 600));
  EXPECT_FALSE(VerifyAndroidGateway(key, kAndroidGatewayEvent, "", sig, now, 600));
  EXPECT_FALSE(VerifyAndroidGateway(key, kAndroidGatewayEvent, ts, "", now, 600));
  EXPECT_FALSE(
      VerifyAndroidGateway(key, kAndroidGatewayEvent, ts, sig, Timestamp{1700009999}, 600));
  EXPECT_TRUE(VerifyAndroidGateway(key, kAndroidGatewayEvent, ts, sig, Timestamp{1700009999}, 0));
}

TEST(SmsSync, DecodesTheFormAndChecksTheSecret) {
  const std::string form =
      "from=%2B6281234567890&message=LAPOR+Ban+Moi+jalan+%2B+jembatan&message_id=42"
      "&secret=s3cret&sent_timestamp=1700000000000&device_id=1";
  auto d = DecodeSmsSync(form, "s3cret");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->message->address, "+6281234567890");
  EXPECT_EQ(d->message->text, "LAPOR Ban Moi jalan + jembatan");
  EXPECT_EQ(d->message->provider_id, "smssync:42");
  auto wrong = DecodeSmsSync(form, "other");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::kUnauthorized);
  EXPECT_FALSE(
      DecodeSmsSync("from=%2B6281234567890&message=%FF&message_id=1&secret=s3cret", "s3cret"));
}

TEST(Telegram, DecodesTextLocationAndLanguage) {
  auto d = DecodeTelegram(R"({"update_id":10000,"message":{"date":1441645532,
    "chat":{"last_name":"Test","id":-1001234567890,"first_name":"Test","type":"group"},
    "message_id":1365,"from":{"id":1111111,"first_name":"Test","language_code":"vi"},
    "text":"CEK ABCD1234"}})");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->message->address, "-1001234567890");
  // By chat and message: update ids may start again (after a week without updates).
  EXPECT_EQ(d->message->provider_id, "chat:-1001234567890:message:1365");
  EXPECT_EQ(d->message->language, "vi");
  auto loc = DecodeTelegram(R"({"update_id":1,"message":{"message_id":2,"date":1,
    "chat":{"id":5,"type":"private"},"location":{"latitude":21.5,"longitude":106.7}}})");
  ASSERT_TRUE(loc);
  EXPECT_DOUBLE_EQ(*loc->message->lat, 21.5);
  auto edited = DecodeTelegram(R"({"update_id":2,"edited_message":{"message_id":1}})");
  ASSERT_TRUE(edited);
  EXPECT_FALSE(edited->message);
  EXPECT_FALSE(DecodeTelegram(R"({"update_id":"x","message":{}})"));
  EXPECT_FALSE(DecodeTelegram(
      R"({"update_id":3,"message":{"chat":{"id":1},"location":{"latitude":99,"longitude":0}}})"));
}

TEST(Zalo, DecodesTextAndVerifiesTheMac) {
  const std::string body = R"({"app_id":"360846524940903967","user_id_by_app":"552177279717587730",
    "event_name":"user_send_text","timestamp":"1625562455523",
    "sender":{"id":"4143208745213098016"},"recipient":{"id":"579745863508352884"},
    "message":{"text":"XEM ABCD1234","msg_id":"96d3cdf3af150460909"}})";
  auto d = DecodeZalo(body);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->message->address, "4143208745213098016");
  EXPECT_EQ(d->message->provider_id, "msg:96d3cdf3af150460909");
  const std::string mac =
      app::Sha256Hex("360846524940903967" + body + "1625562455523" + "oa-secret");
  EXPECT_TRUE(VerifyZalo("360846524940903967", "oa-secret", body, "mac=" + mac));
  EXPECT_FALSE(VerifyZalo("360846524940903967", "other", body, "mac=" + mac));
  EXPECT_FALSE(VerifyZalo("999", "oa-secret", body, "mac=" + mac));
  EXPECT_FALSE(VerifyZalo("360846524940903967", "oa-secret", body, ""));
  auto follow = DecodeZalo(R"({"event_name":"follow","sender":{"id":"1"}})");
  ASSERT_TRUE(follow);
  EXPECT_FALSE(follow->message);
}

TEST(Telegram, APhotoTakesItsLargestSizeWithinTheLimitAndItsCaption) {
  // A photo message as the Bot API sends it: sizes smallest first, the caption beside them.
  auto d = DecodeTelegram(R"({"update_id":7,"message":{"message_id":3,"date":1,
    "chat":{"id":42,"type":"private"},"caption":"LAPOR C001-V01 jalan rusak",
    "photo":[{"file_id":"AgAD-small_1","file_unique_id":"a","width":90,"height":67,"file_size":1500},
             {"file_id":"AgAD-large_2","file_unique_id":"b","width":1280,"height":960,"file_size":120000},
             {"file_id":"AgAD-huge_3","file_unique_id":"c","width":9000,"height":9000,"file_size":9000000}]}})");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->message->photo, "AgAD-large_2");
  EXPECT_EQ(d->message->text, "LAPOR C001-V01 jalan rusak");
  auto alone = DecodeTelegram(R"({"update_id":8,"message":{"message_id":4,"date":1,
    "chat":{"id":42},"photo":[{"file_id":"AgAD1","width":1,"height":1}]}})");
  ASSERT_TRUE(alone);
  ASSERT_TRUE(alone->message);  // a photo without a caption is a message too
  EXPECT_EQ(alone->message->photo, "AgAD1");
  EXPECT_TRUE(alone->message->text.empty());
  EXPECT_FALSE(DecodeTelegram(
      R"({"update_id":9,"message":{"chat":{"id":1},"photo":[{"file_id":"../etc/passwd"}]}})"));
  EXPECT_FALSE(DecodeTelegram(R"({"update_id":9,"message":{"chat":{"id":1},"photo":"x"}})"));
  EXPECT_FALSE(DecodeTelegram(R"({"update_id":9,"message":{"chat":{"id":1},"photo":[1]}})"));
}

TEST(Zalo, AnImageEventCarriesItsUrlAndRefusesOtherSchemes) {
  const std::string head = R"({"app_id":"1","event_name":"user_send_image","timestamp":"1",
    "sender":{"id":"u1"},"recipient":{"id":"oa"},"message":{"msg_id":"m1","text":"BAO C001-V01 sat lo",
    "attachments":[{"type":"image","payload":{"thumbnail":"https://photo.zdn.vn/t.jpg","url":")";
  auto d = DecodeZalo(head + R"(https://photo-stal-2.zdn.vn/a.jpg"}}]}})");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->message->photo, "https://photo-stal-2.zdn.vn/a.jpg");
  EXPECT_EQ(d->message->text, "BAO C001-V01 sat lo");
  for (const char* bad : {"javascript:alert(1)", "file:///etc/passwd", "https://a b", ""}) {
    EXPECT_FALSE(DecodeZalo(head + bad + R"("}}]}})")) << bad;
  }
}

TEST(RetryPolicy, DoublesFromTheBaseUpToTheCapThenDies) {
  const RetryPolicy p{30, 3600, 10};
  const Timestamp now{1000};
  EXPECT_EQ(AfterFailure(p, 1, now).next_attempt.seconds, 1030);
  EXPECT_EQ(AfterFailure(p, 2, now).next_attempt.seconds, 1060);
  EXPECT_EQ(AfterFailure(p, 3, now).next_attempt.seconds, 1120);
  EXPECT_EQ(AfterFailure(p, 8, now).next_attempt.seconds, 1000 + 3600);  // 30·2^7 capped
  EXPECT_FALSE(AfterFailure(p, 9, now).dead);
  EXPECT_TRUE(AfterFailure(p, 10, now).dead);
  EXPECT_TRUE(AfterFailure(p, 1, now, true).dead);  // refused for good: no retry
  EXPECT_EQ(AfterFailure(p, 1, now, true).next_attempt.seconds, 1030);
  EXPECT_EQ(AfterFailure(RetryPolicy{0, 3600, 5}, 3, now).next_attempt.seconds, 1000);
}

}  // namespace
}  // namespace jembatan::channels
