// Test setup for the PostgreSQL engine: a database of its own for each test (tests run in
// parallel), made and dropped through the server URL the test script gives
// (JEMBATAN_TEST_POSTGRES_URL, scripts/with-postgres). Setup only: tests speak to the store.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace jembatan::testing_support {

// The engine the tests run on: JEMBATAN_TEST_ENGINE, "sqlite" unless it says "postgres".
inline bool OnPostgres() {
  const char* e = std::getenv("JEMBATAN_TEST_ENGINE");
  return e != nullptr && std::string(e) == "postgres";
}

class ScratchDatabase {
 public:
  // `label`: the test's name; the database is named after it and this process.
  explicit ScratchDatabase(const std::string& label) {
    name_ = "jb_" + std::to_string(::getpid()) + "_";
    for (char ch : label) {
      name_ += std::isalnum(static_cast<unsigned char>(ch)) != 0
                   ? static_cast<char>(std::tolower(static_cast<unsigned char>(ch)))
                   : '_';
    }
    name_ = name_.substr(0, 60);
    Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    Admin("CREATE DATABASE " + name_ + " TEMPLATE template0");
  }
  ~ScratchDatabase() { Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  std::string url() const {
    const std::string base = std::getenv("JEMBATAN_TEST_POSTGRES_URL");
    return base.substr(0, base.rfind('/') + 1) + name_;
  }

 private:
  static void Admin(const std::string& sql) {
    const char* url = std::getenv("JEMBATAN_TEST_POSTGRES_URL");
    ASSERT_NE(url, nullptr) << "JEMBATAN_TEST_POSTGRES_URL is not set (scripts/with-postgres)";
    PGconn* c = PQconnectdb(url);
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PQclear(PQexec(c, "SET client_min_messages = warning"));  // alone: DROP DATABASE must be
    PGresult* r = PQexec(c, sql.c_str());                     // outside a transaction block
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
  }
  std::string name_;
};

}  // namespace jembatan::testing_support
