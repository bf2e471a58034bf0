// store::ParseStoreUrl: what `--db` names.
#include <gtest/gtest.h>

#include "store/open.h"

namespace jembatan::store {
namespace {

TEST(StoreUrl, ABarePathOrAnSqliteUrlIsTheSqliteFile) {
  for (const char* given : {"demo.db", "sqlite:demo.db", "sqlite://demo.db"}) {
    auto u = ParseStoreUrl(given);
    ASSERT_TRUE(u) << given;
    EXPECT_EQ(u->engine, Engine::kSqlite) << given;
    EXPECT_EQ(u->target, "demo.db") << given;
  }
  auto absolute = ParseStoreUrl("sqlite:///var/lib/jembatan/p01.db");
  ASSERT_TRUE(absolute);
  EXPECT_EQ(absolute->target, "/var/lib/jembatan/p01.db");
}

TEST(StoreUrl, PostgresUrlsAreKeptWhole) {
  for (const char* given : {"postgresql://jb@db.local:5433/p01", "postgres://jb@/p01?host=/run"}) {
    auto u = ParseStoreUrl(given);
    ASSERT_TRUE(u) << given;
    EXPECT_EQ(u->engine, Engine::kPostgres);
    EXPECT_EQ(u->target, given);
  }
}

TEST(StoreUrl, EmptyOrUnknownIsRefusedNamingTheOption) {
  for (const char* given : {"", "sqlite:", "sqlite://", "mysql://x/y"}) {
    auto u = ParseStoreUrl(given);
    ASSERT_FALSE(u) << given;
    EXPECT_EQ(u.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(u.error().field, "db");
  }
}

TEST(StoreUrl, TheDisplayNameNeverShowsAPassword) {
  EXPECT_EQ(DisplayName({Engine::kPostgres, "postgresql://jb:s3cret@db:5432/p01"}),
            "postgresql://jb@db:5432/p01");
  EXPECT_EQ(DisplayName({Engine::kPostgres, "postgresql://jb@db/p01"}), "postgresql://jb@db/p01");
  EXPECT_EQ(DisplayName({Engine::kPostgres, "postgresql://db:5432/p01"}),
            "postgresql://db:5432/p01");
  EXPECT_EQ(DisplayName({Engine::kSqlite, "a.db"}), "a.db");
}

// No server listens on port 1: the open fails as "unavailable", naming the database without
// its password.
TEST(StoreUrl, AnUnreachablePostgresServerIsUnavailableAndItsPasswordStaysHidden) {
  auto s = Open("postgresql://jb:s3cret@127.0.0.1:1/p01?connect_timeout=3");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(s.error().message.find("postgresql://jb@127.0.0.1:1/p01"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(s.error().message.find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace jembatan::store
