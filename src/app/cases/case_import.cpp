#include "app/cases/case_import.h"

#include <algorithm>
#include <array>
#include <map>

#include "app/cases/case_commands.h"
#include "core/cases/intake.h"
#include "core/common/csv.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

constexpr std::array<std::string_view, 14> kColumns = {"form_id",
                                                       "unit",
                                                       "body",
                                                       "title",
                                                       "category",
                                                       "reporter_name",
                                                       "reporter_phone",
                                                       "on_behalf_name",
                                                       "on_behalf_phone",
                                                       "on_behalf_consent",
                                                       "lat",
                                                       "lon",
                                                       "language",
                                                       "visibility"};
constexpr size_t kMaxFormId = 100;

std::optional<double> ParseNumber(const std::string& s, bool& bad) {
  if (s.empty()) return std::nullopt;
  auto d = ParseDecimal(s);
  if (!d) bad = true;
  return d;
}

std::optional<Contact> ContactOf(const std::string& name, const std::string& phone) {
  if (name.empty() && phone.empty()) return std::nullopt;
  return Contact{name, phone};
}

}  // namespace

Result<CaseImportReport> ImportCases(store::WriteTx& tx, const Registry& reg,
                                     std::string_view csv_text, Timestamp now, Random& random,
                                     const Principal* submitter) {
  if (!IsValidUtf8(csv_text)) return Error::Invalid("the file is not valid UTF-8");
  auto records = ParseCsv(csv_text);
  if (!records) return records.error();
  if (records->size() < 2) return Error::Invalid("the file has no rows below its header");

  std::map<std::string, size_t, std::less<>> col;
  const auto& header = records->front().fields;
  for (size_t i = 0; i < header.size(); ++i) {
    if (std::find(kColumns.begin(), kColumns.end(), std::string_view(header[i])) ==
        kColumns.end()) {
      return Error::Invalid("line 1: unknown column \"" + header[i] + "\"");
    }
    if (!col.emplace(header[i], i).second) {
      return Error::Invalid("line 1: column " + header[i] + " appears twice");
    }
  }
  if (!col.contains("unit") || !col.contains("body")) {
    return Error::Invalid("line 1: the columns unit and body are required");
  }

  struct Row {
    int line = 0;
    std::string key;
    std::string form_id;
    Case prepared;
  };
  std::vector<Row> rows;
  std::string errors;
  std::map<std::string, int> occurrences;
  std::map<std::string, int> form_ids;
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    auto field = [&](std::string_view name) -> std::string {
      auto it = col.find(name);
      return it != col.end() && it->second < rec.fields.size() ? rec.fields[it->second]
                                                               : std::string();
    };
    auto fail = [&](const std::string& msg) {
      errors += "line " + std::to_string(rec.line) + ": " + msg + "\n";
    };
    if (rec.fields.size() != header.size()) {
      fail("expected " + std::to_string(header.size()) + " fields, found " +
           std::to_string(rec.fields.size()));
      continue;
    }
    SubmitRequest req;
    req.unit = field("unit");
    req.body = field("body");
    req.title = field("title");
    req.category = field("category");
    req.reporter = ContactOf(field("reporter_name"), field("reporter_phone"));
    req.on_behalf_of = ContactOf(field("on_behalf_name"), field("on_behalf_phone"));
    const std::string consent = field("on_behalf_consent");
    if (!consent.empty()) {
      if (consent != "yes" && consent != "no") {
        fail("on_behalf_consent: yes or no");
        continue;
      }
      if (req.on_behalf_of) req.on_behalf_of->consent = consent == "yes";
    }
    req.language = field("language");
    req.visibility = field("visibility");
    req.channel = "csv";
    bool bad_number = false;
    req.lat = ParseNumber(field("lat"), bad_number);
    req.lon = ParseNumber(field("lon"), bad_number);
    if (bad_number) {
      fail("lat/lon: not a number");
      continue;
    }
    auto prepared = PrepareFiling(reg, req, now);
    if (!prepared) {
      const Error& e = prepared.error();
      fail((e.field.empty() ? std::string() : e.field + ": ") + e.message);
      continue;
    }
    if (submitter != nullptr) {
      const Unit* place = reg.units.FindById(prepared->location_unit_id);
      if (place == nullptr || !reg.units.Covers(*submitter->unit, *place)) {
        fail("unit: " + req.unit + " is outside " + submitter->unit->name + ", your unit");
        continue;
      }
    }
    std::string key;
    const std::string form_id = field("form_id");
    if (!form_id.empty()) {
      if (form_id.size() > kMaxFormId) {
        fail("form_id: longer than 100 characters");
        continue;
      }
      // Paper forms are numbered by each commune: F-7 of one commune and F-7 of another are
      // two forms (one namespace for the province lost the second as "already imported").
      const Unit* commune = reg.units.FindById(prepared->commune_unit_id);
      const std::string scope = commune != nullptr ? commune->code : std::string("-");
      std::string scoped = scope;
      scoped += ':';
      scoped += form_id;
      if (auto [it, fresh] = form_ids.emplace(scoped, rec.line); !fresh) {
        std::string message = "form_id: ";
        message.append(form_id).append(" of ").append(scope).append(" is also on line ");
        message += std::to_string(it->second);
        fail(message);
        continue;
      }
      key = "form:";
      key += scoped;
    } else {
      // Same fields twice in one file are two forms; the occurrence number keeps them apart.
      std::string joined;
      for (const auto& f : rec.fields) joined += f + '\x1f';
      const std::string digest = Sha256Hex(joined);
      key = "row:" + digest + "#" + std::to_string(++occurrences[digest]);
    }
    rows.push_back(Row{rec.line, std::move(key), form_id, std::move(prepared.value())});
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Error::Invalid("nothing was imported; fix these rows:\n" + errors);
  }

  CaseImportReport report;
  for (Row& row : rows) {
    auto fresh = tx.channels().RecordInbound("csv", row.key, now);
    if (!fresh) return fresh.error();
    if (!*fresh) {
      ++report.already_imported;
      report.already.push_back({row.line, row.form_id});
      continue;
    }
    // A household that agreed on the paper form (on_behalf_consent) hears by SMS, as on the web.
    auto receipt =
        FileCase(tx, reg, std::move(row.prepared), submitter, random, ReceiptTo::AgreedSms());
    if (!receipt) return receipt.error();
    report.imported.push_back(ImportedCase{row.line, receipt->c.code, receipt->pin});
  }
  return report;
}

}  // namespace jembatan::app
