// Fuzzes the webhook decoders and signature checks with arbitrary bodies: the first byte picks
// the decoder (4: SMSSync's task=sent body). A decoded message must be fit for the inbound
// use case (valid UTF-8, bounded); a uuid we accept must be one we could have issued.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/sms/sms.h"
#include "channels/sms/smssync.h"
#include "channels/telegram/telegram.h"
#include "channels/zalo/zalo.h"
#include "core/common/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0] % 5;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  using namespace jembatan::channels;
  jembatan::Result<Decoded> d = Decoded{};
  switch (which) {
    case 0:
      d = DecodeAndroidGateway(body);
      (void)VerifyAndroidGateway("key", body, "1700000000", "00", jembatan::Timestamp{0}, 0);
      break;
    case 1:
      d = DecodeSmsSync(body, "secret");
      break;
    case 2:
      d = DecodeTelegram(body);
      break;
    case 4: {  // SMSSync's task=sent body, and each uuid in it
      auto uuids = ParseQueuedMessages(body);
      if (uuids) {
        for (const auto& u : *uuids) {
          if (!jembatan::IsValidUtf8(u) || u.size() > 64) __builtin_trap();
          auto id = ParseSmsSyncUuid("secret", u);
          if (id && SmsSyncUuid("secret", *id) != u) __builtin_trap();
        }
      }
      break;
    }
    default:
      d = DecodeZalo(body);
      (void)VerifyZalo("1", "secret", body, "mac=00");
      break;
  }
  if (d && d->message) {
    const auto& m = *d->message;
    if (!jembatan::IsValidUtf8(m.text) || m.text.size() > kMaxInboundTextBytes ||
        m.provider_id.empty() || m.address.empty() || m.photo.size() > kMaxPhotoRefBytes) {
      __builtin_trap();
    }
  }
  return 0;
}
