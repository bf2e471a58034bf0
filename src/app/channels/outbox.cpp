#include "app/channels/outbox.h"

#include "core/channels/notice_text.h"
#include "core/channels/sms_text.h"
#include "core/common/text_fold.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

// Cuts `text` to at most `max_chars` code points without splitting a character.
std::string CutChars(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      if (chars == max_chars) return std::string(text.substr(0, i));
      ++chars;
    }
  }
  return std::string(text);
}

std::string UnitName(const Registry& reg, int64_t id) {
  const Unit* u = reg.units.FindById(id);
  return u == nullptr ? std::string() : u->name;
}

}  // namespace

Status QueueReply(store::WriteTx& tx, const ReplyRoute& to, std::string_view text,
                  std::optional<int64_t> case_id, Timestamp now) {
  std::vector<std::string> parts;
  if (to.channel == "sms") {
    parts = SplitIntoSms(StripDiacritics(text), kMaxSmsParts);
  } else {
    parts.push_back(CutChars(text, kMaxChatChars));
  }
  for (const std::string& body : parts) {
    OutboxMessage m;
    m.channel = to.channel;
    m.address = to.address;
    m.body = body;
    m.case_id = case_id;
    m.next_attempt_at = now;
    m.created_at = now;
    if (auto id = tx.channels().Enqueue(m); !id) return id.error();
  }
  return Status::Ok();
}

std::string ReceiptText(const Registry& reg, const Receipt& r, std::string_view language) {
  const Case& c = r.c;
  return Notice(NoticeId::kReceipt, language,
                {{"code", c.code},
                 {"pin", r.pin},
                 {"unit", UnitName(reg, c.assigned_unit_id)},
                 {"due", FormatDate(reg.calendar.LocalDate(c.deadlines.resolve_due))}});
}

Status QueueReceipt(store::WriteTx& tx, const Registry& reg, const Receipt& r, const ReplyRoute& to,
                    Timestamp now) {
  if (auto s = tx.channels().AddReplyRoute(r.c.id, to); !s) return s;
  return QueueReply(tx, to, ReceiptText(reg, r, to.language), r.c.id, now);
}

Status QueueSmsUpdates(store::WriteTx& tx, const Registry& reg, const Receipt& r, Timestamp now) {
  const Case& c = r.c;
  const Contact* who = nullptr;
  if (c.reporter && !c.reporter->phone.empty() && c.reporter->consent) {
    who = &*c.reporter;
  } else if (c.on_behalf_of && !c.on_behalf_of->phone.empty() && c.on_behalf_of->consent) {
    who = &*c.on_behalf_of;
  }
  if (who == nullptr) return Status::Ok();
  return QueueReceipt(tx, reg, r, ReplyRoute{"sms", who->phone, c.language}, now);
}

Status QueueReporterNotices(store::WriteTx& tx, const Registry& reg, const Case& c, const Event& e,
                            Timestamp now) {
  std::optional<NoticeId> id;
  switch (e.kind) {
    case EventKind::kAccepted:
      id = NoticeId::kAccepted;
      break;
    case EventKind::kResolved:
      id = NoticeId::kResolved;
      break;
    case EventKind::kRejected:
      id = NoticeId::kRejected;
      break;
    case EventKind::kTransferred:
      id = NoticeId::kTransferred;
      break;
    case EventKind::kMerged:
      id = NoticeId::kMerged;
      break;
    case EventKind::kClosed:
      id = NoticeId::kClosed;
      break;
    case EventKind::kReopened:
      id = NoticeId::kReopened;
      break;
    case EventKind::kOverdue:
      id = NoticeId::kOverdueApology;
      break;
    default:
      if (e.update.empty()) return Status::Ok();
      id = NoticeId::kUpdate;  // the public update is the whole message
      break;
  }
  auto routes = tx.channels().ReplyRoutes(c.id);
  if (!routes) return routes.error();
  if (routes->empty()) return Status::Ok();
  const std::string unit = UnitName(reg, c.assigned_unit_id);
  for (const ReplyRoute& r : *routes) {
    std::string text = Notice(*id, r.language,
                              {{"code", c.code},
                               {"unit", unit},
                               {"answer", e.answer},
                               {"reason", e.reason},
                               {"into", e.into},
                               {"update", e.update}});
    // The public update goes with the event's own notice (not back to the reporter who wrote
    // it, disputing an answer); the internal note never leaves.
    if (*id != NoticeId::kUpdate && !e.update.empty() && e.actor.label != kReporterActor) {
      text += " " + e.update;
    }
    if (auto s = QueueReply(tx, r, text, c.id, now); !s) return s;
  }
  return Status::Ok();
}

Status MaySeeOutbox(const Principal* viewer) {
  if (viewer == nullptr) return Error::Unauthorized("a bearer token is required");
  if (viewer->role != Role::kAdmin) return Error::Forbidden("only admins see the outbox");
  return Status::Ok();
}

Result<OutboxPage> ListOutbox(store::ReadTx& tx, const Principal* viewer,
                              std::optional<OutboxStatus> status, int64_t before, int limit) {
  if (auto s = MaySeeOutbox(viewer); !s) return s.error();
  auto rows = tx.channels().ListOutbox(status, before, limit);
  if (!rows) return rows.error();
  auto counts = tx.channels().OutboxCounts();
  if (!counts) return counts.error();
  return OutboxPage{std::move(*rows), std::move(*counts)};
}

Status RetryDeadMessage(store::WriteTx& tx, int64_t id, Timestamp now) {
  auto requeued = tx.channels().Requeue(id, now);
  if (!requeued) return requeued.error();
  if (!*requeued)
    return Error::Conflict("message " + std::to_string(id) + " is not a dead message");
  return Status::Ok();
}

}  // namespace jembatan::app
