// The only translation unit that includes Boost.PropertyTree (its XML writer).
#include "channels/open311/open311_format.h"

#include <array>
#include <boost/json.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cstdio>
#include <sstream>
#include <utility>

namespace jembatan::channels::open311 {
namespace json = boost::json;
namespace pt = boost::property_tree;
namespace {

// Wrapper element → item element, as in the spec's examples.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kItems = {{
    {"service_requests", "request"},
    {"services", "service"},
    {"attributes", "attribute"},
    {"values", "value"},
    {"endpoints", "endpoint"},
    {"formats", "format"},
    {"errors", "error"},
}};

std::string ElementName(std::string_view wrapper) {
  for (auto [w, item] : kItems) {
    if (w == wrapper) return std::string(item);
  }
  return "item";
}

std::string ScalarText(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return XmlSafe(v.get_string());
    case json::kind::bool_:
      return v.get_bool() ? "true" : "false";
    case json::kind::null:
      return "";
    case json::kind::double_: {
      char buf[32];  // "22.1234567", not Boost.JSON's "2.21234567E1"
      std::snprintf(buf, sizeof buf, "%.10g", v.get_double());
      return buf;
    }
    default:
      return json::serialize(v);  // integers
  }
}

pt::ptree ToTree(const json::value& v, std::string_view name) {
  pt::ptree node;
  if (v.is_object()) {
    for (const auto& [key, child] : v.get_object()) {
      node.add_child(pt::ptree::path_type(std::string(key), '\0'), ToTree(child, key));
    }
  } else if (v.is_array()) {
    const std::string item = ElementName(name);
    for (const json::value& child : v.get_array()) {
      node.add_child(pt::ptree::path_type(item, '\0'), ToTree(child, item));
    }
  } else {
    node.put_value(ScalarText(v));
  }
  return node;
}

http::Response Respond(int status, Format format, std::string body) {
  http::Response r;
  r.status = status;
  r.content_type =
      format == Format::kXml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace

std::optional<Resource> ParseResource(std::string_view file) {
  const size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view ext = file.substr(dot + 1);
  Resource r{std::string(file.substr(0, dot)), Format::kXml};
  if (ext == "xml") return r;
  if (ext == "json") {
    r.format = Format::kJson;
    return r;
  }
  return std::nullopt;
}

std::string XmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      out += ch;
    }
  }
  return out;
}

http::Response Render(int status, Format format, std::string_view root, const json::value& doc) {
  if (format == Format::kJson) return Respond(status, format, json::serialize(doc));
  pt::ptree document;
  document.add_child(pt::ptree::path_type(std::string(root), '\0'), ToTree(doc, root));
  std::ostringstream out;
  pt::write_xml(out, document, pt::xml_writer_make_settings<std::string>(' ', 0, "utf-8"));
  return Respond(status, format, out.str());
}

http::Response RenderError(Format format, int status, std::string_view description) {
  json::array errors;
  errors.push_back(json::object{{"code", status}, {"description", description}});
  return Render(status, format, "errors", errors);
}

}  // namespace jembatan::channels::open311
