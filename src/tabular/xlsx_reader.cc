// Reads the first worksheet of an XLSX file: unzip with minizip, parse
// sharedStrings.xml and the sheet with expat. Every part is size-capped
// while it is inflated, so a zip bomb is refused, not expanded.
#include <expat.h>
#include <fmt/format.h>
#include <minizip/unzip.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/clock.h"
#include "core/text.h"
#include "tabular/table.h"

namespace procura::tabular {
namespace {

// Inflates one part; nullopt if absent; Invalid over kMaxXlsxPartBytes.
Result<std::optional<std::string>> ReadPart(unzFile zip, const char* name) {
  if (unzLocateFile(zip, name, 0) != UNZ_OK) return std::optional<std::string>{};
  if (unzOpenCurrentFile(zip) != UNZ_OK) return Status::Invalid(N_("The workbook is damaged."));
  std::string out;
  char buf[65536];
  int n;
  while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0) {
    out.append(buf, n);
    if (out.size() > kMaxXlsxPartBytes) {
      unzCloseCurrentFile(zip);
      return Status::Invalid(N_("The workbook is too large to import."));
    }
  }
  unzCloseCurrentFile(zip);
  if (n < 0) return Status::Invalid(N_("The workbook is damaged."));
  return std::optional<std::string>{std::move(out)};
}

// Collects the text of each <si> in sharedStrings.xml.
struct SharedStrings {
  std::vector<std::string> items;
  std::size_t total = 0;  // text bytes kept, bounded by kMaxXlsxPartBytes
  int depth_in_t = 0;
  bool in_si = false;
  static void Start(void* u, const char* el, const char**) {
    auto* s = static_cast<SharedStrings*>(u);
    if (!std::strcmp(el, "si")) s->in_si = true, s->items.emplace_back();
    if (!std::strcmp(el, "t")) s->depth_in_t++;
  }
  static void End(void* u, const char* el) {
    auto* s = static_cast<SharedStrings*>(u);
    if (!std::strcmp(el, "si")) s->in_si = false;
    if (!std::strcmp(el, "t")) s->depth_in_t--;
  }
  static void Text(void* u, const char* t, int len) {
    auto* s = static_cast<SharedStrings*>(u);
    if (!s->in_si || s->depth_in_t == 0) return;
    s->total += static_cast<std::size_t>(len);
    if (s->total <= kMaxXlsxPartBytes && s->items.back().size() <= kMaxCellBytes)
      s->items.back().append(t, len);  // longer text is cut; the cell check refuses it
  }
};

// Builds rows from <row>/<c r="B2" t="s"><v>…</v></c> and inline strings.
struct SheetReader {
  const std::vector<std::string>* shared = nullptr;
  Rows rows;
  std::string type, text, error;
  std::size_t row = 0, col = 0;
  bool capture = false;
  static std::size_t ColumnOf(const char* ref) {
    std::size_t c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ++ref) c = c * 26 + (*ref - 'A' + 1);
    return c ? c - 1 : 0;
  }
  static void Start(void* u, const char* el, const char** attrs) {
    auto* r = static_cast<SheetReader*>(u);
    if (!std::strcmp(el, "row")) {
      for (int i = 0; attrs[i]; i += 2)
        if (!std::strcmp(attrs[i], "r")) r->row = std::strtoul(attrs[i + 1], nullptr, 10);
      r->col = 0;
    } else if (!std::strcmp(el, "c")) {
      r->type.clear(), r->text.clear();
      for (int i = 0; attrs[i]; i += 2) {
        if (!std::strcmp(attrs[i], "r")) r->col = ColumnOf(attrs[i + 1]);
        if (!std::strcmp(attrs[i], "t")) r->type = attrs[i + 1];
      }
    } else if (!std::strcmp(el, "v") || !std::strcmp(el, "t")) {
      r->capture = true;
    }
  }
  static void End(void* u, const char* el) {
    auto* r = static_cast<SheetReader*>(u);
    if (!std::strcmp(el, "v") || !std::strcmp(el, "t")) r->capture = false;
    if (std::strcmp(el, "c") != 0) return;
    std::string value = r->text;
    if (r->type == "s") {
      const std::size_t i = std::strtoul(value.c_str(), nullptr, 10);
      value = i < r->shared->size() ? (*r->shared)[i] : "";
    }
    const std::size_t row = r->row ? r->row - 1 : r->rows.size();
    if (row >= kMaxImportRows + 1)
      r->error = fmt::format("more than {} rows", kMaxImportRows);
    else if (r->col >= kMaxImportColumns)
      r->error = fmt::format("more than {} columns", kMaxImportColumns);
    else if (value.size() > kMaxCellBytes)
      r->error = fmt::format("row {}: a cell is longer than {} bytes", row + 1, kMaxCellBytes);
    if (!r->error.empty()) return;
    if (r->rows.size() <= row) r->rows.resize(row + 1);
    auto& cells = r->rows[row];
    if (cells.size() <= r->col) cells.resize(r->col + 1);
    cells[r->col] = value;
    r->col++;
  }
  static void Text(void* u, const char* t, int len) {
    auto* r = static_cast<SheetReader*>(u);
    if (r->capture) r->text.append(t, len);
  }
};

// An XLSX part never needs a DOCTYPE or entity declarations; refusing them
// stops entity-expansion ("billion laughs") amplification before it starts.
template <class Handler>
Status ParseXml(const std::string& xml, Handler& h) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  struct Context {
    XML_Parser parser;
    Handler* handler;
    bool doctype = false;
  } ctx{p, &h};
  XML_SetUserData(p, &ctx);
  XML_SetElementHandler(
      p, [](void* u, const char* el, const char** a) { Handler::Start(static_cast<Context*>(u)->handler, el, a); },
      [](void* u, const char* el) { Handler::End(static_cast<Context*>(u)->handler, el); });
  XML_SetCharacterDataHandler(p, [](void* u, const char* t, int len) {
    Handler::Text(static_cast<Context*>(u)->handler, t, len);
  });
  XML_SetStartDoctypeDeclHandler(p, [](void* u, const char*, const char*, const char*, int) {
    auto* c = static_cast<Context*>(u);
    c->doctype = true;
    XML_StopParser(c->parser, XML_FALSE);
  });
  XML_SetEntityDeclHandler(p, [](void* u, const char*, int, const char*, int, const char*,
                                 const char*, const char*, const char*) {
    auto* c = static_cast<Context*>(u);
    c->doctype = true;
    XML_StopParser(c->parser, XML_FALSE);
  });
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  if (ctx.doctype) return Status::Invalid(N_("The workbook declares a DOCTYPE or entities; save it again from Excel or WPS."));
  return ok ? Status::Ok() : Status::Invalid(N_("The workbook's XML is damaged."));
}

}  // namespace

std::string ExcelSerialToDate(std::string_view serial) {
  char* end = nullptr;
  const std::string s(serial);
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || *end || d < 1 || d > 200000) return "";
  // Day 25569 is 1970-01-01 (the 1900 system, leap-year bug included).
  const auto t = static_cast<UnixSeconds>(std::floor(d) - 25569) * 86400;
  return FormatDate(t, 0);
}

namespace {
constexpr double kFirstSerialRead = 3000;  // 1908-03-18
}  // namespace

std::string CellToDate(std::string_view raw) {
  const std::string trimmed = Trim(NarrowForms(raw));  // "１９８５－３－２" as typed in 全角
  const std::string_view cell = trimmed;
  // A serial from 1908 on: a smaller number ("1985.3") is a year and month.
  if (std::strtod(std::string(cell).c_str(), nullptr) >= kFirstSerialRead)
    if (const std::string day = ExcelSerialToDate(cell); !day.empty()) return day;
  if (cell.size() == 8 && cell.find_first_not_of("0123456789") == std::string_view::npos) {
    const std::string day = fmt::format("{}-{}-{}", cell.substr(0, 4), cell.substr(4, 2), cell.substr(6));
    return IsIsoDate(day) ? day : std::string(cell);  // 19850302
  }
  // Year, month and day as runs of digits between the separators.
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  std::size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    while (i < cell.size() && cell[i] >= '0' && cell[i] <= '9' && digits[k] < 4) {
      parts[k] = parts[k] * 10 + (cell[i] - '0');
      ++digits[k];
      ++i;
    }
    const std::string_view rest = cell.substr(i);
    const std::string_view sep = k == 0 ? (rest.starts_with("年") ? "年" : rest.substr(0, 1))
                                 : k == 1 ? (rest.starts_with("月") ? "月" : rest.substr(0, 1))
                                          : (rest.starts_with("日") ? "日" : "");
    if (k < 2 && (sep.empty() || (sep != "年" && sep != "月" && sep != "-" && sep != "/" && sep != ".")))
      return std::string(cell);
    i += sep.size();
  }
  const bool shaped = digits[0] == 4 && digits[1] >= 1 && digits[1] <= 2 && digits[2] >= 1 &&
                      digits[2] <= 2;
  const std::string_view tail = cell.substr(i);
  if (!shaped || !(tail.empty() || tail.front() == ' ')) return std::string(cell);
  const std::string day = fmt::format("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]);
  return IsIsoDate(day) ? day : std::string(cell);
}

Result<Rows> ReadXlsx(std::string_view bytes) {
  if (bytes.substr(0, 2) != "PK") return Status::Invalid(N_("The file is not an XLSX workbook."));
  std::string path = (std::filesystem::temp_directory_path() / "procura-import-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::Io("import: cannot create a temporary file");
  const bool wrote = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(fd);
  unzFile zip = wrote ? unzOpen64(path.c_str()) : nullptr;
  std::filesystem::remove(path);  // the open handle keeps the data
  if (!zip) return Status::Invalid(N_("The file is not an XLSX workbook."));
  SharedStrings shared;
  SheetReader sheet;
  Status s = [&]() -> Status {
    auto strings = ReadPart(zip, "xl/sharedStrings.xml");
    if (!strings.ok()) return strings.status();
    if (strings->has_value()) PROCURA_RETURN_IF_ERROR(ParseXml(**strings, shared));
    auto xml = ReadPart(zip, "xl/worksheets/sheet1.xml");
    if (!xml.ok()) return xml.status();
    if (!xml->has_value()) return Status::Invalid(N_("The workbook has no first worksheet."));
    sheet.shared = &shared.items;
    PROCURA_RETURN_IF_ERROR(ParseXml(**xml, sheet));
    return sheet.error.empty() ? Status::Ok() : Status::Invalid(sheet.error);
  }();
  unzClose(zip);
  if (!s.ok()) return s;
  for (const auto& row : sheet.rows)
    for (const auto& cell : row)
      if (!IsValidUtf8(cell)) return Status::Invalid(N_("The workbook holds text that is not UTF-8."));
  Rows rows;
  for (auto& r : sheet.rows) {
    bool blank = true;
    for (const auto& c : r) blank &= c.empty();
    if (!blank) rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace procura::tabular
