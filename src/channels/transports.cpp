#include "channels/transports.h"

#include "channels/provider.h"

namespace jembatan::channels {

// 2xx delivered; 408, 429, 5xx and no answer are worth retrying; other 4xx are not.
Delivery Classify(const HttpResult& r, std::string_view provider) {
  Delivery d;
  if (r.status >= 200 && r.status < 300) {
    d.ok = true;
    return d;
  }
  if (r.status == 0) {
    d.error = std::string(provider) + ": " + r.error;
    return d;
  }
  d.error = std::string(provider) + " answered HTTP " + std::to_string(r.status);
  d.permanent = RefusedForGood(r.status);
  return d;
}

Delivery NotConfiguredDelivery(std::string_view what) {
  return Delivery{false, false, std::string(what) + " is not configured"};
}

Delivery Deliver(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m) {
  const Provider* p = FindProvider(m.channel);
  if (p == nullptr || p->send == nullptr) {
    return Delivery{false, true, "no provider sends on channel " + m.channel};
  }
  return p->send(client, config, m);
}

}  // namespace jembatan::channels
