// The table of providers: one line each (channels/provider.h).
#include "channels/open311/open311.h"
#include "channels/provider.h"
#include "channels/sms/sms.h"
#include "channels/telegram/telegram.h"
#include "channels/zalo/zalo.h"

namespace jembatan::channels {

const std::vector<Provider>& Providers() {
  static const std::vector<Provider> providers = {
      SmsProvider(),
      TelegramProvider(),
      ZaloProvider(),
      Open311Provider(),
  };
  return providers;
}

const Provider* FindProvider(std::string_view channel) {
  for (const Provider& p : Providers()) {
    if (p.channel == channel) return &p;
  }
  return nullptr;
}

}  // namespace jembatan::channels
