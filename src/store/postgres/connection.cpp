#include "store/postgres/connection.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace jembatan::store::postgres {
namespace {
constexpr Oid kTextOid = 25;
}  // namespace

Error PgError(const PGresult* result, PGconn* conn, std::string_view what) {
  // Only the primary message and the constraint's name: PostgreSQL's DETAIL repeats the values
  // of the row ("Failing row contains (…)", "Key (channel, address)=(sms, +62…)"), a phone or
  // a report's words, and these messages are logged.
  std::string msg = std::string(what) + ": ";
  const char* text = result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)
                                       : PQerrorMessage(conn);
  msg += text != nullptr ? text : "unknown error";
  const char* constraint =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  if (constraint != nullptr) msg.append(" (").append(constraint).append(")");
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state != nullptr ? state : "";
  if (code.substr(0, 2) == "23") return Error{ErrorKind::kConflict, std::move(msg), {}};
  if (code == "40001" || code == "40P01" || code.substr(0, 2) == "08" || code == "57P01" ||
      PQstatus(conn) != CONNECTION_OK) {
    return Error{ErrorKind::kUnavailable, std::move(msg), {}};
  }
  return Error{ErrorKind::kInternal, std::move(msg), {}};
}

Statement::Statement(Connection& conn, std::string name, int params)
    : conn_(conn), name_(std::move(name)), values_(params), formats_(params, 0) {}

Statement::~Statement() { PQclear(result_); }

Statement& Statement::Bind(int i, int64_t v) {
  return Bind(i, std::string_view(std::to_string(v)));
}

Statement& Statement::Bind(int i, double v) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.17g", v);
  return Bind(i, std::string_view(buf, static_cast<size_t>(n)));
}

Statement& Statement::Bind(int i, std::string_view v) {
  if (i >= 1 && static_cast<size_t>(i) <= values_.size()) {
    values_[i - 1] = std::string(v);
    formats_[i - 1] = 0;
  }
  return *this;
}

Statement& Statement::BindNull(int i) {
  if (i >= 1 && static_cast<size_t>(i) <= values_.size()) values_[i - 1].reset();
  return *this;
}

Statement& Statement::BindBlob(int i, std::string_view bytes) {
  if (i >= 1 && static_cast<size_t>(i) <= values_.size()) {
    values_[i - 1] = std::string(bytes);
    formats_[i - 1] = 1;
  }
  return *this;
}

bool Statement::Execute() {
  executed_ = true;
  std::vector<const char*> values(values_.size());
  std::vector<int> lengths(values_.size());
  for (size_t i = 0; i < values_.size(); ++i) {
    values[i] = values_[i] ? values_[i]->data() : nullptr;
    lengths[i] = values_[i] ? static_cast<int>(values_[i]->size()) : 0;
  }
  PQclear(result_);
  result_ = PQexecPrepared(conn_.raw(), name_.c_str(), static_cast<int>(values.size()),
                           values.data(), lengths.data(), formats_.data(), 0);
  const ExecStatusType st = PQresultStatus(result_);
  const bool ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
  const std::string_view command = result_ != nullptr ? PQcmdStatus(result_) : "";
  if (!ok || command.substr(0, 6) != "SELECT") conn_.CountWrite();
  if (!ok) {
    status_ = PgError(result_, conn_.raw(), "postgresql");
    return false;
  }
  const char* tuples = PQcmdTuples(result_);
  changes_ = tuples != nullptr && *tuples != '\0' ? std::strtoll(tuples, nullptr, 10) : 0;
  return true;
}

bool Statement::Step() {
  if (!executed_ && !Execute()) return false;
  if (!status_) return false;
  if (row_ + 1 >= PQntuples(result_)) return false;
  ++row_;
  return true;
}

Status Statement::Run() {
  if (!executed_) Execute();
  return status_;
}

void Statement::Reset() {
  PQclear(result_);
  result_ = nullptr;
  executed_ = false;
  row_ = -1;
  changes_ = 0;
  status_ = Status::Ok();
  for (auto& v : values_) v.reset();
  for (int& f : formats_) f = 0;
}

Status Statement::status() const { return status_; }

bool Statement::IsNull(int col) const { return PQgetisnull(result_, row_, col) != 0; }

int64_t Statement::Int(int col) const {
  if (IsNull(col)) return 0;
  const char* v = PQgetvalue(result_, row_, col);
  int64_t out = 0;
  std::from_chars(v, v + PQgetlength(result_, row_, col), out);
  return out;
}

double Statement::Real(int col) const {
  if (IsNull(col)) return 0;
  return std::strtod(PQgetvalue(result_, row_, col), nullptr);
}

std::string Statement::Text(int col) const {
  if (IsNull(col)) return {};
  return std::string(PQgetvalue(result_, row_, col),
                     static_cast<size_t>(PQgetlength(result_, row_, col)));
}

std::string Statement::Blob(int col) const {
  if (IsNull(col)) return {};
  size_t n = 0;
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, col)), &n);
  if (bytes == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(bytes), n);
  PQfreemem(bytes);
  return out;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    Error e{ErrorKind::kUnavailable,
            std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn),
            {}};
    PQfinish(conn);
    return e;
  }
  auto out = std::unique_ptr<Connection>(new Connection(conn));
  // Times are integers; text compares byte-wise as on SQLite; a 2xx means the commit is on
  // disk (synchronous_commit=on is the server's default; asked for in case it was changed).
  // Every statement is a short indexed read or write of a request: parallel workers (a process
  // start each, 5-10 ms, measured on the case lists) and JIT compilation (180 ms once a cost
  // estimate passed its threshold) only add latency, so both are off for our sessions.
  // A province's data is read from memory (or an SSD), not a spinning disk: with the default
  // random_page_cost of 4 a commune's mobilization figure was planned as a scan of a million
  // participation rows (171-227 ms) instead of its units' index (7-12 ms, docs/operations.md).
  // Statements are prepared once per connection and then planned for each execution's values:
  // after five executions PostgreSQL otherwise may keep a generic plan, blind to which unit is
  // asked for, and a commune's mobilization figure went from 20-50 ms to 230-310 ms from the
  // sixth commune on (bench/mobilization.sh; docs/PERFORMANCE.md). Planning again costs tens
  // of microseconds on our short statements.
  if (auto s = out->Exec("SET synchronous_commit = on; SET client_min_messages = warning; "
                         "SET max_parallel_workers_per_gather = 0; SET jit = off; "
                         "SET random_page_cost = 1.1; SET plan_cache_mode = force_custom_plan;");
      !s) {
    return s.error();
  }
  return out;
}

Connection::~Connection() {
  cache_.clear();
  PQfinish(conn_);
}

Result<sql::Statement*> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return static_cast<sql::Statement*>(it->second.get());
  }
  const std::string name = "s" + std::to_string(cache_.size() + 1);
  // Parameters may be numbered with gaps ($3 and $9, as the scope binds them); PostgreSQL infers
  // the type of each one used and needs one for the others: text, never bound.
  std::vector<Oid> types;
  for (size_t i = sql.find('$'); i != std::string::npos; i = sql.find('$', i + 1)) {
    size_t n = 0;
    const auto [end, ec] = std::from_chars(sql.data() + i + 1, sql.data() + sql.size(), n);
    if (ec != std::errc() || n == 0) continue;
    if (types.size() < n) types.resize(n, kTextOid);
    types[n - 1] = 0;  // used: inferred
  }
  PGresult* r = PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(types.size()),
                          types.empty() ? nullptr : types.data());
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    Error e = PgError(r, conn_, "prepare");
    PQclear(r);
    return e;
  }
  PQclear(r);
  PGresult* d = PQdescribePrepared(conn_, name.c_str());
  const int params = d != nullptr ? PQnparams(d) : 0;
  PQclear(d);
  auto [pos, _] = cache_.emplace(sql, std::make_unique<Statement>(*this, name, params));
  return static_cast<sql::Statement*>(pos->second.get());
}

Status Connection::Exec(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Error e = PgError(r, conn_, "postgresql");
    PQclear(r);
    return e;
  }
  PQclear(r);
  return Status::Ok();
}

}  // namespace jembatan::store::postgres
