#include "core/cases/event_chain.h"

namespace jembatan {
namespace {

ChainValue Num(std::optional<int64_t> v) {
  return v ? ChainValue(std::to_string(*v)) : std::nullopt;
}

}  // namespace

std::vector<ChainValue> EventChainValues(const Event& e) {
  return {std::to_string(e.case_id),
          std::to_string(e.at.seconds),
          Num(e.actor.user_id),
          e.actor.label,
          std::string(ToString(e.kind)),
          std::string(ToString(e.from)),
          std::string(ToString(e.to)),
          e.note,
          e.update,
          e.answer,
          e.reason,
          Num(e.unit_id),
          e.into,
          Num(e.assignee_user_id),
          Num(e.ack_due ? std::optional<int64_t>(e.ack_due->seconds) : std::nullopt)};
}

std::string EventChainText(const std::vector<ChainValue>& values) {
  std::string out;
  for (const ChainValue& v : values) {
    if (!v) {
      out += "-;";
      continue;
    }
    out += std::to_string(v->size());
    out += ':';
    out += *v;
    out += ';';
  }
  return out;
}

}  // namespace jembatan
