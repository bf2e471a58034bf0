// A channel provider: what Jembatan needs of one way people reach it. Each provider lives in its
// own folder (channels/sms, channels/telegram, channels/zalo, channels/open311) and is listed
// once in channels/providers.cpp; adding one adds a folder and that line, and edits nothing
// else: the webhook routes, the outbox sender, the media fetcher and `jembatan channel set` all
// go through this table.
#pragma once

#include <string_view>
#include <vector>

#include "channels/config.h"
#include "channels/http_client.h"
#include "channels/media_fetcher.h"
#include "channels/transports.h"
#include "channels/webhook_support.h"
#include "core/cases/case_media.h"
#include "core/channels/outbox_message.h"
#include "http/router.h"

namespace jembatan::channels {

struct Provider {
  std::string_view channel;  // "sms", "telegram", "zalo", "open311": outbox and settings name
  // What an admin may set for it (`jembatan channel set CHANNEL KEY VALUE`).
  std::vector<SettingSpec> settings;
  // Its webhooks: each verifies the provider's signature or secret, decodes the delivery and
  // hands the message to app::HandleInbound (webhook_support.h). Null: no webhook.
  void (*add_routes)(http::Router& router, const WebhookDeps& deps) = nullptr;
  // One outbox message out through the provider's API. Null: the channel sends nothing.
  Delivery (*send)(HttpClient& client, const ChannelConfig& config,
                   const OutboxMessage& m) = nullptr;
  // One photo that came with a report, downloaded. Null: the channel brings no photos.
  Fetched (*fetch)(HttpClient& client, const ChannelConfig& config, const CaseMedia& m) = nullptr;
};

// Every provider, in a fixed order.
const std::vector<Provider>& Providers();
// The provider of `channel`, or null.
const Provider* FindProvider(std::string_view channel);

}  // namespace jembatan::channels
