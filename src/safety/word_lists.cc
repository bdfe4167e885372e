#include "safety/word_lists.h"

#include <fmt/format.h>

#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "safety/normalize.h"

namespace procura::safety {
namespace {

bool OneOf(std::string_view v, const auto& options) {
  for (const char* o : options)
    if (v == o) return true;
  return false;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  const auto first = s.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : s.substr(first);
}

std::string Describe(const WordEntryRecord& e) {
  return fmt::format("{}: {} ({}){}", e.category, e.word, e.level,
                     e.replacement.empty() ? "" : " -> " + e.replacement);
}

WordEntryRecord RecordOf(const WordEntryInput& in) {
  WordEntryRecord e;
  e.category = in.category;
  e.word = Trimmed(in.word);
  e.level = in.category == kAllowedCategory ? kAllowLevel : in.level;
  e.replacement = Trimmed(in.replacement);
  e.note = Trimmed(in.note);
  e.whole_word = in.whole_word;
  e.updated_at = NowUnix();
  return e;
}

bool Truthy(std::string_view v) {
  return v == "1" || v == "yes" || v == "true" || v == "是" || v == "y";
}

}  // namespace

const char* CategoryLabel(std::string_view c) {
  if (c == "sensitive") return N_("sensitive words");
  if (c == "confidential") return N_("confidentiality markers");
  if (c == "typo") return N_("common typos");
  if (c == "formulation") return N_("standard formulations");
  if (c == "allowed") return N_("known-good phrases");
  return N_("other");
}

const char* LevelLabel(std::string_view level) {
  if (level == kAllowLevel) return N_("allow: listed words inside it are not findings");
  return level == "block" ? N_("block: cannot be published")
                          : N_("warn: publish only with a reason");
}

Status WordListService::Validate(const WordEntryInput& in) {
  std::vector<Status> problems;
  if (!OneOf(in.category, kCategories))
    problems.push_back(Status::Invalid(N_("Choose the list: sensitive words, confidentiality "
                                          "markers, typos, formulations or known-good phrases."))
                           .WithField("category"));
  const std::string word = Trimmed(in.word);
  if (!IsValidUtf8(word) || word.empty() || Utf8Length(word) > kMaxWord)
    problems.push_back(
        Status::Invalid(N_("Enter the word: 1 to 50 characters.")).WithField("word"));
  else if (NormalizeWord(word).empty())
    problems.push_back(Status::Invalid(N_("The word needs at least one letter, digit or Chinese "
                                          "character: punctuation alone is ignored when matching."))
                           .WithField("word"));
  if (in.category != kAllowedCategory && !OneOf(in.level, kLevels))
    problems.push_back(Status::Invalid(N_("Choose block or warn.")).WithField("level"));
  if (!IsValidUtf8(in.replacement) || Utf8Length(in.replacement) > kMaxReplacement)
    problems.push_back(
        Status::Invalid(N_("The correct form is too long: at most 100 characters."))
            .WithField("replacement"));
  if ((in.category == "typo" || in.category == "formulation") && Trimmed(in.replacement).empty())
    problems.push_back(Status::Invalid(N_("Typos and formulations need the correct form."))
                           .WithField("replacement"));
  if (!IsValidUtf8(in.note) || Utf8Length(in.note) > kMaxNote)
    problems.push_back(
        Status::Invalid(N_("The explanation is too long: at most 300 characters.")).WithField("note"));
  return problems.empty() ? Status::Ok() : Status::AllOf(std::move(problems));
}

Status WordListService::CheckAdmin(const auth::Principal& who) const {
  if (!auth::Can(who, auth::Action::kManageSite))
    return Status::Denied(N_("Only administrators manage the word lists."));
  return Status::Ok();
}

Result<std::vector<WordEntryRecord>> WordListService::List() {
  return storage_.safety().ListWordEntries();
}

Result<WordEntryRecord> WordListService::Entry(std::int64_t id) {
  auto e = storage_.safety().GetWordEntry(id);
  if (!e.ok()) return e.status();
  if (!e->has_value()) return Status::NotFound(N_("There is no such entry."));
  return **e;
}

Result<std::int64_t> WordListService::Add(const WordEntryInput& in, const auth::Principal& who,
                                          const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  PROCURA_RETURN_IF_ERROR(Validate(in));
  const WordEntryRecord e = RecordOf(in);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.safety().InsertWordEntry(e);
    if (!inserted.ok()) {
      if (inserted.status().code() == Status::Code::kAlreadyExists)
        return Status::Exists(N_("\"{word}\" is already on that list."), {{"word", e.word}})
            .WithField("word");
      return inserted.status();
    }
    id = *inserted;
    return audit_.Write(tx, actor, "wordlist.add", "word", id, Describe(e));
  }));
  return id;
}

Status WordListService::Update(std::int64_t id, const WordEntryInput& in,
                               const auth::Principal& who, const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  PROCURA_RETURN_IF_ERROR(Validate(in));
  WordEntryRecord e = RecordOf(in);
  e.id = id;
  return storage_.InTransaction([&](Storage& tx) -> Status {
    Status s = tx.safety().UpdateWordEntry(e);
    if (s.code() == Status::Code::kNotFound) return Status::NotFound(N_("There is no such entry."));
    if (s.code() == Status::Code::kAlreadyExists)
      return Status::Exists(N_("\"{word}\" is already on that list."), {{"word", e.word}})
          .WithField("word");
    PROCURA_RETURN_IF_ERROR(s);
    return audit_.Write(tx, actor, "wordlist.edit", "word", id, Describe(e));
  });
}

Status WordListService::Remove(std::int64_t id, const auth::Principal& who,
                               const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto e = tx.safety().GetWordEntry(id);
    if (!e.ok()) return e.status();
    if (!e->has_value()) return Status::NotFound(N_("There is no such entry."));
    PROCURA_RETURN_IF_ERROR(tx.safety().DeleteWordEntry(id));
    return audit_.Write(tx, actor, "wordlist.remove", "word", id, Describe(**e));
  });
}

Result<tabular::Sheet> WordListService::Export() {
  auto all = List();
  if (!all.ok()) return all.status();
  tabular::Sheet sheet;
  sheet.name = "word lists";
  sheet.header = {"category", "word", "level", "replacement", "note", "whole_word"};
  for (const auto& e : *all)
    sheet.rows.push_back({e.category, e.word, e.level, e.replacement, e.note,
                          std::string(e.whole_word ? "yes" : "no")});
  return sheet;
}

Result<ImportOutcome> WordListService::Import(const tabular::Rows& rows,
                                              const auth::Principal& who,
                                              const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  if (rows.empty()) return Status::Invalid(N_("The file is empty."));
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[Trimmed(rows[0][i])] = i;
  for (const char* need : {"category", "word", "level"})
    if (!col.count(need))
      return Status::Invalid(N_("The first row must name the columns category, word, level "
                                "(and optionally replacement, note, whole_word)."));
  auto cell = [&](const std::vector<std::string>& row, const char* key) -> std::string {
    const auto it = col.find(key);
    return it != col.end() && it->second < row.size() ? Trimmed(row[it->second]) : "";
  };
  std::vector<WordEntryInput> inputs;
  ImportOutcome outcome;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    WordEntryInput in{cell(rows[r], "category"), cell(rows[r], "word"), cell(rows[r], "level"),
                      cell(rows[r], "replacement"), cell(rows[r], "note"),
                      Truthy(cell(rows[r], "whole_word"))};
    if (in.category.empty() && in.word.empty()) continue;  // a blank line
    if (Status s = Validate(in); !s.ok()) {
      for (Status& one : s.problems()) outcome.row_problems.emplace_back(r + 1, std::move(one));
      continue;
    }
    inputs.push_back(std::move(in));
  }
  if (!outcome.row_problems.empty()) return outcome;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto existing = tx.safety().ListWordEntries();
    if (!existing.ok()) return existing.status();
    std::map<std::pair<std::string, std::string>, WordEntryRecord> by_key;
    for (const auto& e : *existing) by_key[{e.category, e.word}] = e;
    for (const auto& in : inputs) {
      WordEntryRecord e = RecordOf(in);
      const auto found = by_key.find({e.category, e.word});
      if (found == by_key.end()) {
        auto id = tx.safety().InsertWordEntry(e);
        if (!id.ok()) return id.status();
        e.id = *id;
        by_key[{e.category, e.word}] = e;
        ++outcome.added;
      } else if (found->second.level == e.level && found->second.replacement == e.replacement &&
                 found->second.note == e.note && found->second.whole_word == e.whole_word) {
        ++outcome.unchanged;
      } else {
        e.id = found->second.id;
        PROCURA_RETURN_IF_ERROR(tx.safety().UpdateWordEntry(e));
        found->second = e;
        ++outcome.updated;
      }
    }
    return audit_.Write(tx, actor, "wordlist.import", "word", {},
                        fmt::format("{} added, {} updated, {} unchanged", outcome.added,
                                    outcome.updated, outcome.unchanged));
  }));
  return outcome;
}

Result<std::vector<LeaderRecord>> WordListService::Leaders() {
  return storage_.safety().ListLeaders();
}

Result<std::int64_t> WordListService::AddLeader(const LeaderInput& in, const auth::Principal& who,
                                                const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  LeaderRecord l;
  l.name = Trimmed(in.name);
  std::string titles = in.titles;
  for (const char* sep : {"、", "，", ","})
    for (std::size_t at; (at = titles.find(sep)) != std::string::npos;)
      titles.replace(at, std::string_view(sep).size(), "\n");
  for (std::size_t at = 0; at <= titles.size();) {
    const std::size_t nl = std::min(titles.find('\n', at), titles.size());
    if (std::string t = Trimmed(titles.substr(at, nl - at)); !t.empty()) l.titles.push_back(t);
    at = nl + 1;
  }
  std::vector<Status> problems;
  const auto name_chars = NormalizeWord(l.name);
  if (!IsValidUtf8(l.name) || Utf8Length(l.name) < 2 || Utf8Length(l.name) > 10 ||
      name_chars.size() != Utf8Length(l.name))
    problems.push_back(Status::Invalid(N_("Enter the name: 2 to 10 characters, no spaces or "
                                          "punctuation."))
                           .WithField("name"));
  if (l.titles.empty() || l.titles.size() > 10)
    problems.push_back(
        Status::Invalid(N_("Enter the titles the person holds now, separated by 、 (1 to 10)."))
            .WithField("titles"));
  const auto precedence = ParsePositiveId(Trimmed(in.precedence));
  if (!precedence || *precedence > 999)
    problems.push_back(Status::Invalid(N_("Enter the precedence: 1 comes first, up to 999."))
                           .WithField("precedence"));
  else
    l.precedence = static_cast<int>(*precedence);
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  l.updated_at = NowUnix();
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.safety().InsertLeader(l);
    if (!inserted.ok()) {
      if (inserted.status().code() == Status::Code::kAlreadyExists)
        return Status::Exists(N_("{name} is listed already."), {{"name", l.name}}).WithField("name");
      return inserted.status();
    }
    id = *inserted;
    std::string titles_line;
    for (const auto& t : l.titles) titles_line += (titles_line.empty() ? "" : "、") + t;
    return audit_.Write(tx, actor, "leader.add", "leader", id,
                        fmt::format("{}: {} (precedence {})", l.name, titles_line, l.precedence));
  }));
  return id;
}

Status WordListService::RemoveLeader(std::int64_t id, const auth::Principal& who,
                                     const auth::Actor& actor) {
  PROCURA_RETURN_IF_ERROR(CheckAdmin(who));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    auto all = tx.safety().ListLeaders();
    if (!all.ok()) return all.status();
    for (const auto& l : *all)
      if (l.id == id) {
        PROCURA_RETURN_IF_ERROR(tx.safety().DeleteLeader(id));
        return audit_.Write(tx, actor, "leader.remove", "leader", id, l.name);
      }
    return Status::NotFound(N_("There is no such entry."));
  });
}

}  // namespace procura::safety
