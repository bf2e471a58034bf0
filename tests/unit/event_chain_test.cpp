// The record's rules (core/cases/event_chain.h, app/cases/event_chain.h): what is hashed, how a
// change shows, and the signed digest.
#include "app/cases/event_chain.h"

#include <gtest/gtest.h>

#include "core/cases/event_chain.h"

namespace jembatan {
namespace {

Event Accepted() {
  Event e;
  e.case_id = 7;
  e.at = Timestamp{1'800'000'000};
  e.actor = Actor{42, "officer.bienson"};
  e.kind = EventKind::kAccepted;
  e.from = CaseStatus::kReceived;
  e.to = CaseStatus::kAccepted;
  return e;
}

TEST(EventChain, TheTextTellsNullFromEmptyAndCoversEveryValue) {
  const auto values = EventChainValues(Accepted());
  ASSERT_EQ(values.size(), kEventChainColumns.size());
  EXPECT_EQ(EventChainText(values),
            "1:7;10:1800000000;2:42;15:officer.bienson;8:accepted;8:received;8:accepted;0:;0:;0:;"
            "0:;-;0:;-;-;");
  // No value can pass for another: "ab"+"c" differs from "a"+"bc", NULL from "".
  EXPECT_NE(EventChainText({std::string("ab"), std::string("c")}),
            EventChainText({std::string("a"), std::string("bc")}));
  EXPECT_NE(EventChainText({std::nullopt}), EventChainText({std::string()}));
}

TEST(EventChain, OneChangedByteOrAnotherPredecessorChangesTheHash) {
  const std::string text = EventChainText(EventChainValues(Accepted()));
  const std::string h = app::ChainHash("", text);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(app::ChainHash("", text), h);
  Event changed = Accepted();
  changed.actor.label = "officer.bienxon";
  EXPECT_NE(app::ChainHash("", EventChainText(EventChainValues(changed))), h);
  EXPECT_NE(app::ChainHash(h, text), h);
}

TEST(EventChain, ADigestIsSignedAndAnyChangeOrOtherKeyIsRefused) {
  const auto [secret, pub] = app::NewSigningKey();
  const app::Digest d{"/srv/p01.db", Timestamp{1'800'000'000}, 1234, std::string(64, 'a'), 1300};
  auto line = app::SignDigest(d, secret);
  ASSERT_TRUE(line.ok());
  auto back = app::CheckDigest(*line, pub);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->last_event_id, 1234);
  EXPECT_EQ(back->chain_hash, std::string(64, 'a'));
  std::string edited = *line;
  edited.replace(edited.find("1234"), 4, "1235");
  EXPECT_FALSE(app::CheckDigest(edited, pub).ok());
  EXPECT_FALSE(app::CheckDigest(*line, app::NewSigningKey().second).ok());
  EXPECT_FALSE(app::CheckDigest("not json", pub).ok());
  EXPECT_FALSE(app::SignDigest(d, "00").ok());
}

}  // namespace
}  // namespace jembatan
