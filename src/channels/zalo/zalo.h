// Zalo Official Account: signed events in (user_send_text, _location, _image), OA API v3
// customer-service messages out with the access token; images downloaded from their URL.
#pragma once

#include <string_view>

#include "channels/decode_support.h"
#include "channels/provider.h"

namespace jembatan::channels {

Provider ZaloProvider();

// Zalo Official Account event (user_send_text, user_send_location, user_send_image: the
// image's URL).
Result<Decoded> DecodeZalo(std::string_view body);
// X-ZEvent-Signature = "mac=" + hex SHA-256(app_id + raw body + timestamp + OA secret key),
// `timestamp` being the event's own field; the event's app_id must be ours.
Status VerifyZalo(std::string_view app_id, std::string_view secret_key, std::string_view body,
                  std::string_view signature_header);

}  // namespace jembatan::channels
