#include "app/channels/inbound.h"

#include "app/cases/answer_feedback.h"
#include "app/cases/case_commands.h"
#include "app/channels/outbox.h"
#include "app/registry/campaigns.h"
#include "core/cases/tracking_code.h"
#include "core/channels/language_guess.h"
#include "core/channels/notice_text.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr size_t kMaxChoices = 3;

// One inbound message being handled: the sender, the language to answer in, and the reply.
class Exchange {
 public:
  Exchange(WriteTx& tx, const InboundContext& ctx, const InboundMessage& msg, Timestamp now)
      : tx_(tx), ctx_(ctx), msg_(msg), now_(now), language_(msg.language) {}

  Result<InboundOutcome> Run();

 private:
  Status Reply(NoticeId id, NoticeArgs args = {}, std::optional<int64_t> case_id = {}) {
    return app::QueueReply(tx_, Route(), Notice(id, language_, args), case_id, now_);
  }
  ReplyRoute Route() const { return {msg_.channel, msg_.address, language_}; }
  const Registry& reg() const { return ctx_.registry; }

  Status Report(std::string_view rest, const std::optional<Principal>& member,
                const std::string& household_phone);
  Status Check(const ChannelCommand& cmd);
  Status Feedback(const ChannelCommand& cmd, bool solved);
  // Whether this message comes from one of the case's reply routes: the reporter's own phone or
  // chat.
  Result<bool> FromReporter(int64_t case_id);
  Status Forward(const ChannelCommand& cmd);
  Status Join(const ChannelCommand& cmd);
  // The member account linked to the sender's address, if any.
  Result<std::optional<Principal>> Member();
  Status Converse(const ChannelCommand& cmd, std::optional<Conversation> conv);
  // Files the case and sends the receipts. `place` is the live village or commune.
  Status File(const Unit& place, std::string_view text, const std::optional<Principal>& member,
              const std::string& household_phone);
  // Answers "which village?" problems; false when the place was found.
  Result<bool> ExplainPlace(const PlaceMatch& m, std::string_view typed);
  std::string PlaceName(const Unit& u) const;
  std::string Due(Timestamp t) const { return FormatDate(reg().calendar.LocalDate(t)); }

  WriteTx& tx_;
  const InboundContext& ctx_;
  const InboundMessage& msg_;
  Timestamp now_;
  std::string language_;
  InboundOutcome outcome_;
};

std::string Excerpt(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string AfterWords(std::string_view text, const std::vector<FoldedWord>& words, size_t n) {
  if (n == 0) return std::string(text);
  std::string_view rest = text.substr(words[n - 1].end);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '#' || rest.front() == ',' ||
                           rest.front() == ':' || rest.front() == '-' || rest.front() == '.')) {
    rest.remove_prefix(1);
  }
  return std::string(rest);
}

Result<InboundOutcome> Exchange::Run() {
  auto fresh = tx_.channels().RecordInbound(msg_.channel, msg_.provider_id, now_);
  if (!fresh) return fresh.error();
  if (!*fresh) {
    outcome_.duplicate = true;
    return outcome_;
  }
  const ChannelCommand cmd = ParseCommand(msg_.text);
  outcome_.command = cmd.kind;
  if (!cmd.language.empty()) language_ = cmd.language;

  auto conv = tx_.channels().FindConversation(msg_.channel, msg_.address);
  if (!conv) return conv.error();
  std::optional<Conversation> draft = *conv;
  // The reply's language: the keyword's, else the words' (free text), else the sender's last
  // conversation's, even one that has expired.
  if (cmd.language.empty()) {
    const std::string guessed = GuessLanguage(msg_.text);
    if (!guessed.empty()) {
      language_ = guessed;
    } else if (draft) {
      language_ = draft->language;
    }
  }
  if (draft && draft->updated_at.seconds + kConversationTtlSeconds < now_.seconds) draft.reset();

  // A bare YES/NO (no code) answers the conversation's "send it?" question.
  const bool answers_draft =
      draft && draft->state == "ask_confirm" &&
      (cmd.kind == CommandKind::kConfirm || cmd.kind == CommandKind::kDispute) && cmd.code.empty();
  Status s = Status::Ok();
  if (cmd.kind == CommandKind::kFreeText || answers_draft) {
    s = Converse(cmd, draft);
  } else {
    if (draft) {
      if (auto d = tx_.channels().DropConversation(msg_.channel, msg_.address); !d)
        return d.error();
    }
    switch (cmd.kind) {
      case CommandKind::kReport:
        s = Report(cmd.rest, std::nullopt, "");
        break;
      case CommandKind::kForward:
        s = Forward(cmd);
        break;
      case CommandKind::kStatus:
        s = Check(cmd);
        break;
      case CommandKind::kConfirm:
        s = Feedback(cmd, true);
        break;
      case CommandKind::kDispute:
        s = Feedback(cmd, false);
        break;
      case CommandKind::kJoin:
        s = Join(cmd);
        break;
      case CommandKind::kHelp:
        s = Reply(NoticeId::kHelp);
        break;
      case CommandKind::kFreeText:
        break;
    }
  }
  if (!s) return s.error();
  return outcome_;
}

std::string Exchange::PlaceName(const Unit& u) const {
  const Unit* commune = reg().units.CommuneOf(u);
  if (commune == nullptr || commune == &u) return u.name;
  return u.name + " (" + commune->name + ")";
}

Result<bool> Exchange::ExplainPlace(const PlaceMatch& m, std::string_view typed) {
  if (m.unit != nullptr) return false;
  if (!m.candidates.empty()) {
    std::string choices;
    for (size_t i = 0; i < m.candidates.size() && i < kMaxChoices; ++i) {
      if (!choices.empty()) choices += ", ";
      choices += m.candidates[i]->code + " " + PlaceName(*m.candidates[i]);
    }
    if (auto s = Reply(NoticeId::kAmbiguousVillage, {{"choices", choices}}); !s) return s.error();
    return true;
  }
  auto words = SplitWords(typed);
  std::string place = words.empty() ? std::string() : words.front().folded;
  if (words.size() > 1) place += " " + words[1].folded;
  if (auto s = Reply(NoticeId::kUnknownVillage, {{"place", Excerpt(place, 40)}}); !s) {
    return s.error();
  }
  return true;
}

Status Exchange::Report(std::string_view rest, const std::optional<Principal>& member,
                        const std::string& household_phone) {
  if (rest.empty()) return Reply(NoticeId::kHelp);
  const auto words = SplitWords(rest);
  const PlaceMatch m = reg().places.Find(words);
  auto explained = ExplainPlace(m, rest);
  if (!explained) return explained.error();
  if (*explained) return Status::Ok();
  const std::string text = AfterWords(rest, words, m.words);
  if (text.empty()) return Reply(NoticeId::kNoText);
  return File(*m.unit, text, member, household_phone);
}

Status Exchange::File(const Unit& place, std::string_view text,
                      const std::optional<Principal>& member, const std::string& household_phone) {
  SubmitRequest req;
  req.body = std::string(text);
  req.unit = place.code;
  req.channel = msg_.channel;
  req.language = language_;
  req.lat = msg_.lat;
  req.lon = msg_.lon;
  if (msg_.channel == "sms" && !member) req.reporter = Contact{"", msg_.address};
  // TITIP is the member's declaration that the household agreed (docs/channels.md).
  if (member && !household_phone.empty()) req.on_behalf_of = Contact{"", household_phone, true};
  auto prepared = app::PrepareFiling(reg(), req, now_);
  if (!prepared) return Reply(NoticeId::kRejectedInput, {{"reason", prepared.error().message}});
  // Who hears back: the household (by SMS) when a member forwarded with its phone, else the
  // sender on the channel it used (the member, for a household without a phone).
  ReplyRoute reporter = Route();
  const bool household_hears = member && !household_phone.empty();
  if (household_hears) reporter = ReplyRoute{"sms", household_phone, language_};
  auto receipt = app::FileCase(tx_, reg(), std::move(prepared.value()), member ? &*member : nullptr,
                               ctx_.random, app::ReceiptTo::Route(reporter));
  if (!receipt) return receipt.error();
  const Case& c = receipt->c;
  outcome_.case_code = c.code;
  if (!msg_.photo.empty()) {
    if (auto m = tx_.channels().AddCaseMedia(c.id, msg_.channel, msg_.photo, now_); !m) {
      return m.error();
    }
  }
  const Unit* handler = reg().units.FindById(c.assigned_unit_id);
  const std::string unit = handler ? handler->name : std::string();
  if (household_hears) {
    return Reply(NoticeId::kForwardReceipt, {{"code", c.code}, {"unit", unit}}, c.id);
  }
  return Status::Ok();
}

Result<std::optional<Principal>> Exchange::Member() {
  auto user_id = tx_.channels().MemberAt(msg_.channel, msg_.address);
  if (!user_id) return user_id.error();
  if (!*user_id) return std::optional<Principal>();
  auto user = tx_.accounts().FindUserById(**user_id);
  if (!user) return user.error();
  const Unit* unit = user.value() ? reg().units.FindById(user.value()->unit_id) : nullptr;
  auto role = user.value() ? ParseRole(user.value()->role) : std::nullopt;
  if (unit == nullptr || !role) return std::optional<Principal>();
  return std::optional<Principal>(Principal{user.value()->id, user.value()->name, *role, unit});
}

Status Exchange::Forward(const ChannelCommand& cmd) {
  auto member = Member();
  if (!member) return member.error();
  if (!*member) return Reply(NoticeId::kNotAMember);
  const bool has_phone = cmd.phone != kNoPhone;
  if (has_phone && !ValidatePhone("phone", cmd.phone)) {
    return Reply(NoticeId::kBadHouseholdPhone, {{"phone", Excerpt(cmd.phone, 20)}});
  }
  return Report(cmd.rest, **member, has_phone ? NormalizePhone(cmd.phone) : std::string());
}

Status Exchange::Join(const ChannelCommand& cmd) {
  if (cmd.code.empty()) return Reply(NoticeId::kHowToJoin);
  auto member = Member();
  if (!member) return member.error();
  if (!*member) return Reply(NoticeId::kNotAMember);
  if (auto s = tx_.Savepoint(); !s) return s;
  auto joined =
      app::JoinCampaign(tx_, reg(), (*member)->user_id, cmd.code, cmd.days,
                        msg_.channel == "sms" ? "sms" : "chat", reg().calendar.LocalDate(now_));
  if (!joined) {
    if (auto s = tx_.RollbackToSavepoint(); !s) return s;
    const Error& e = joined.error();
    if (e.kind == ErrorKind::kUnknownReference && e.field == "person") {
      return Reply(NoticeId::kNotInRegistry);
    }
    if (e.kind == ErrorKind::kUnknownReference && e.field == "campaign") {
      return Reply(NoticeId::kUnknownCampaign, {{"code", Excerpt(cmd.code, 16)}});
    }
    if (e.kind == ErrorKind::kInvalidInput) {
      return Reply(NoticeId::kRejectedInput, {{"reason", e.message}});
    }
    return e;
  }
  if (auto s = tx_.ReleaseSavepoint(); !s) return s;
  const std::string days = std::to_string(cmd.days);
  return Reply(NoticeId::kJoinRecorded, {{"days", days},
                                         {"campaign", joined->campaign_code},
                                         {"title", Excerpt(joined->campaign_title, 60)}});
}

Status Exchange::Check(const ChannelCommand& cmd) {
  if (cmd.code.empty()) return Reply(NoticeId::kHowToCheck);
  auto code = NormalizeTrackingCode(cmd.code);
  if (!code) return Reply(NoticeId::kBadCode, {{"code", Excerpt(cmd.code, 12)}});
  auto found = tx_.cases().FindCase(*code, false);
  if (!found) return found.error();
  if (!found.value()) return Reply(NoticeId::kNoSuchCase, {{"code", *code}});
  Case& c = **found;
  // Whoever knows a code may ask its status; the reporter's own phone or chat (the case's reply
  // route) counts as the reporter and hears a private case's answer too.
  auto reporter = FromReporter(c.id);
  if (!reporter) return reporter.error();
  Disclose(c, *reporter ? CaseAccess::kReporter : CaseAccess::kPublic);
  outcome_.case_code = c.code;
  const std::string status(StatusWord(c.status, language_));
  if (!c.answer.empty()) {
    return Reply(NoticeId::kStatusAnswered,
                 {{"code", c.code}, {"status", status}, {"answer", c.answer}}, c.id);
  }
  const Unit* handler = reg().units.FindById(c.assigned_unit_id);
  return Reply(NoticeId::kStatus,
               {{"code", c.code},
                {"status", status},
                {"unit", handler ? handler->name : std::string()},
                {"due", Due(c.deadlines.resolve_due)}},
               c.id);
}

Result<bool> Exchange::FromReporter(int64_t case_id) {
  auto routes = tx_.channels().ReplyRoutes(case_id);
  if (!routes) return routes.error();
  return std::any_of(routes->begin(), routes->end(), [&](const ReplyRoute& r) {
    return r.channel == msg_.channel && r.address == msg_.address;
  });
}

Status Exchange::Feedback(const ChannelCommand& cmd, bool solved) {
  if (cmd.code.empty()) return Reply(NoticeId::kHowToAnswer);
  auto code = NormalizeTrackingCode(cmd.code);
  if (!code) return Reply(NoticeId::kBadCode, {{"code", Excerpt(cmd.code, 12)}});
  if (cmd.pin.empty()) return Reply(NoticeId::kWrongPin, {{"code", *code}});
  // The PIN is guessed by this sender; from the case's own reply route it is the reporter, whom
  // guesses made elsewhere must not slow (app/accounts/guess_guard.h).
  Guesser who{msg_.channel + ":" + msg_.address, false};
  if (auto found = tx_.cases().FindCase(*code, false); !found) {
    return found.error();
  } else if (found.value()) {
    auto reporter = FromReporter(found.value()->id);
    if (!reporter) return reporter.error();
    who.owner = *reporter;
  }
  if (auto s = tx_.Savepoint(); !s) return s;
  auto c = app::RespondToAnswer(tx_, reg(), *code, cmd.pin, solved, ctx_.pin_guard, who, now_);
  if (!c) {
    if (auto s = tx_.RollbackToSavepoint(); !s) return s;
    switch (c.error().kind) {
      case ErrorKind::kNotFound:
        return Reply(NoticeId::kNoSuchCase, {{"code", *code}});
      case ErrorKind::kUnauthorized:
        return Reply(NoticeId::kWrongPin, {{"code", *code}});
      case ErrorKind::kTooManyAttempts:
        return Reply(NoticeId::kTooManyAttempts);
      case ErrorKind::kConflict:
      case ErrorKind::kIllegalTransition: {  // not answered (yet, or any more): say so, 2xx
        auto found = tx_.cases().FindCase(*code, false);
        if (!found) return found.error();
        const CaseStatus st = found.value() ? found.value()->status : CaseStatus::kReceived;
        return Reply(NoticeId::kNotResolvedYet,
                     {{"code", *code}, {"status", StatusWord(st, language_)}});
      }
      default:
        return c.error();
    }
  }
  if (auto s = tx_.ReleaseSavepoint(); !s) return s;
  outcome_.case_code = c->code;
  // The reporter's own routes already got the closed/reopened notice; a different sender
  // (a neighbour with the code and PIN) gets a thank-you of its own.
  auto routes = tx_.channels().ReplyRoutes(c->id);
  if (!routes) return routes.error();
  for (const auto& r : *routes) {
    if (r.channel == msg_.channel && r.address == msg_.address) return Status::Ok();
  }
  return Reply(solved ? NoticeId::kConfirmThanks : NoticeId::kDisputeNoted, {{"code", c->code}},
               c->id);
}

Status Exchange::Converse(const ChannelCommand& cmd, std::optional<Conversation> draft) {
  auto& repo = tx_.channels();
  const std::string text = cmd.kind == CommandKind::kFreeText ? cmd.rest : std::string();
  // A photo sent alone starts a draft without text: the next free text is the problem.
  if (!draft) {
    if (text.empty() && msg_.photo.empty()) return Reply(NoticeId::kHelp);
    Conversation c{msg_.channel, msg_.address, "ask_village", language_, text,
                   std::nullopt, msg_.lat,     msg_.lon,      now_,      msg_.photo};
    if (auto s = repo.SaveConversation(c); !s) return s;
    return Reply(text.empty() ? NoticeId::kAskProblem : NoticeId::kAskVillage);
  }
  if (msg_.lat) {
    draft->lat = msg_.lat;
    draft->lon = msg_.lon;
  }
  if (!msg_.photo.empty()) draft->photo = msg_.photo;
  draft->updated_at = now_;
  if (draft->state == "ask_village" && draft->text.empty()) {
    draft->text = text;
    if (auto s = repo.SaveConversation(*draft); !s) return s;
    return Reply(text.empty() ? NoticeId::kAskProblem : NoticeId::kAskVillage);
  }
  if (draft->state == "ask_village") {
    const auto words = SplitWords(text);
    const PlaceMatch m = reg().places.Find(words);
    if (m.unit == nullptr) {
      if (auto s = repo.SaveConversation(*draft); !s) return s;
      if (text.empty()) return Reply(NoticeId::kAskVillage);
      auto explained = ExplainPlace(m, text);
      return explained ? Status::Ok() : Status(explained.error());
    }
    draft->state = "ask_confirm";
    draft->unit_id = m.unit->id;
    if (auto s = repo.SaveConversation(*draft); !s) return s;
    return Reply(NoticeId::kAskConfirm, {{"village", PlaceName(*m.unit)}});
  }
  // ask_confirm
  const Unit* place = draft->unit_id ? reg().units.FindById(*draft->unit_id) : nullptr;
  if (cmd.kind == CommandKind::kDispute || place == nullptr) {
    if (auto s = repo.DropConversation(msg_.channel, msg_.address); !s) return s;
    return Reply(NoticeId::kCancelled);
  }
  if (cmd.kind == CommandKind::kConfirm) {
    if (auto s = repo.DropConversation(msg_.channel, msg_.address); !s) return s;
    InboundMessage located = msg_;
    located.lat = draft->lat;
    located.lon = draft->lon;
    located.photo = draft->photo;
    Exchange filing(tx_, ctx_, located, now_);
    filing.language_ = draft->language;
    auto s = filing.File(*place, draft->text, std::nullopt, "");
    outcome_.case_code = filing.outcome_.case_code;
    return s;
  }
  if (auto s = repo.SaveConversation(*draft); !s) return s;
  return Reply(NoticeId::kAskConfirm, {{"village", PlaceName(*place)}});
}

}  // namespace

Result<InboundOutcome> HandleInbound(WriteTx& tx, const InboundContext& ctx,
                                     const InboundMessage& msg, Timestamp now) {
  return Exchange(tx, ctx, msg, now).Run();
}

}  // namespace jembatan::app
