#include "store/postgres/pg_tools.h"

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <memory>

extern char** environ;

namespace jembatan::store::postgres {
namespace {

// The URI as key=value pairs without its password (returned apart).
Result<std::string> ConninfoWithoutPassword(const std::string& url, std::string& password) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (opts == nullptr) {
    std::string why = err ? err : "unreadable";
    PQfreemem(err);
    return Error::Invalid("not a PostgreSQL connection URI: " + why);
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || o->val[0] == '\0') continue;
    if (std::strcmp(o->keyword, "password") == 0) {
      password = o->val;
      continue;
    }
    out.append(o->keyword).append("='");
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\'' || *c == '\\') out += '\\';
      out += *c;
    }
    out.append("' ");
  }
  PQconninfoFree(opts);
  return out;
}

}  // namespace

Status RunPgTool(const std::string& tool, std::vector<std::string> args, const std::string& url) {
  std::string password;
  auto conninfo = ConninfoWithoutPassword(url, password);
  if (!conninfo) return conninfo.error();
  args.insert(args.begin(), {tool, "--dbname=" + *conninfo});
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "PGPASSWORD=", 11) != 0) env.emplace_back(*e);
  }
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  if (const int rc = posix_spawnp(&pid, tool.c_str(), nullptr, nullptr, argv.data(), envp.data());
      rc != 0) {
    return Error::Internal("cannot run " + tool + ": " + std::strerror(rc));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Error::Internal("lost " + tool + ": " + std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error::Internal(tool + " failed (exit " +
                           std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                           "); its messages are above");
  }
  return Status::Ok();
}

Result<bool> DatabaseIsEmpty(const std::string& url) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Error::Internal(std::string("cannot connect: ") + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> r(
      PQexec(conn.get(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
    return Error::Internal(std::string("cannot list tables: ") + PQerrorMessage(conn.get()));
  }
  return std::strcmp(PQgetvalue(r.get(), 0, 0), "0") == 0;
}

}  // namespace jembatan::store::postgres
