// How an outbox message leaves: the send function of its channel's provider (channels/sms,
// channels/telegram, channels/zalo).
#pragma once

#include <string>
#include <string_view>

#include "channels/config.h"
#include "channels/http_client.h"
#include "core/channels/outbox_message.h"

namespace jembatan::channels {

struct Delivery {
  bool ok = false;
  bool permanent = false;  // retrying cannot help (the provider refused the request itself)
  std::string error;       // safe to store and show to admins: no secrets, no addresses
};

// By the provider of the message's channel (channels/provider.h).
Delivery Deliver(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m);

// For the providers' send functions: a provider's HTTP answer as a delivery (2xx delivered;
// 408, 429, 5xx and no answer are worth retrying; other 4xx are not).
Delivery Classify(const HttpResult& r, std::string_view provider);
// A setting the provider needs is missing: retried, since an admin may set it.
Delivery NotConfiguredDelivery(std::string_view what);

}  // namespace jembatan::channels
