// GeoReport v2's two formats. Every response is built once as JSON (the spec's JSON is a
// "Spark convention" mapping of its XML) and written as XML on request: arrays become a
// wrapper element whose children are named by the table in ElementName (services → service,
// attributes → attribute, …), null becomes an empty element.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace jembatan::channels::open311 {

enum class Format { kXml, kJson };

// "requests.json" → {"requests", kJson}; nullopt when the suffix is neither .xml nor .json.
struct Resource {
  std::string name;
  Format format = Format::kXml;
};
std::optional<Resource> ParseResource(std::string_view file);

// `root` names the document element in XML ("service_requests", "services", "discovery", …);
// a top-level array's items are named by ElementName(root).
http::Response Render(int status, Format format, std::string_view root,
                      const boost::json::value& doc);
// The spec's error document: [{code, description}] / <errors><error>…
http::Response RenderError(Format format, int status, std::string_view description);

// XML 1.0 cannot carry most control characters: they become U+FFFD. Exposed for tests.
std::string XmlSafe(std::string_view text);

}  // namespace jembatan::channels::open311
