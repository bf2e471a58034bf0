#include "channels/webhooks.h"

#include "channels/provider.h"

namespace jembatan::channels {

void AddWebhookRoutes(http::Router& router, const WebhookDeps& deps) {
  for (const Provider& p : Providers()) {
    if (p.add_routes != nullptr) p.add_routes(router, deps);
  }
}

}  // namespace jembatan::channels
