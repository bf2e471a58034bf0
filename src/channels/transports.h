// How an outbox message leaves: the provider API call for its channel.
//   sms       SMS Gateway for Android message API (POST send_url, Basic auth); the outbox id
//             is sent as the message id, so a retried call is not a second SMS.
//   telegram  Bot API sendMessage
//   zalo      OA API v3 message/cs (customer-service message) with the access token
#pragma once

#include <string>

#include "channels/config.h"
#include "channels/http_client.h"
#include "core/channels/outbox_message.h"

namespace jembatan::channels {

struct Delivery {
  bool ok = false;
  bool permanent = false;  // retrying cannot help (the provider refused the request itself)
  std::string error;       // safe to store and show to admins: no secrets, no addresses
};

Delivery Deliver(HttpClient& client, const ChannelConfig& config, const OutboxMessage& m);

}  // namespace jembatan::channels
