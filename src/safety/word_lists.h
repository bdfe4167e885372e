// WordListService: the admin's word lists (sensitive words, confidentiality
// markers, typo pairs, standard formulations), with validation, CSV/XLSX
// import and export, and an audit row for every change.
#pragma once

#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/status.h"
#include "storage/storage.h"
#include "tabular/table.h"

namespace procura::safety {

// The categories and levels, as stored; msgids label them for people.
// "allowed" lists known-good phrases (白名单): a finding of another list
// that lies inside one is not a finding ("打击台独" holds the listed "台独"
// but is what the site must be able to say). Its entries take the level
// "allow", set whatever was asked; the other lists take block or warn.
inline constexpr const char* kCategories[] = {"sensitive", "confidential", "typo", "formulation",
                                              "allowed"};
inline constexpr const char* kLevels[] = {"block", "warn"};
inline constexpr const char* kAllowedCategory = "allowed";
inline constexpr const char* kAllowLevel = "allow";
const char* CategoryLabel(std::string_view category);  // a msgid
const char* LevelLabel(std::string_view level);        // a msgid

// Limits (characters).
inline constexpr std::size_t kMaxWord = 50, kMaxReplacement = 100, kMaxNote = 300;

struct WordEntryInput {
  std::string category, word, level, replacement, note;
  bool whole_word = false;
};

struct LeaderInput {
  std::string name;
  std::string titles;  // separated by 、 , ， or new lines
  std::string precedence;
};

struct ImportOutcome {
  std::size_t added = 0, updated = 0, unchanged = 0;
  // When any row is wrong nothing is written, and each problem is here
  // with its row number (1 = the header).
  std::vector<std::pair<std::size_t, Status>> row_problems;
};

class WordListService {
 public:
  WordListService(Storage& storage, auth::Audit& audit) : storage_(storage), audit_(audit) {}

  // Every problem with `in` (Status::AllOf), each naming its field.
  static Status Validate(const WordEntryInput& in);

  Result<std::vector<WordEntryRecord>> List();
  // One entry: NotFound when there is no such entry.
  Result<WordEntryRecord> Entry(std::int64_t id);
  Result<std::int64_t> Add(const WordEntryInput& in, const auth::Principal& who,
                           const auth::Actor& actor);
  Status Update(std::int64_t id, const WordEntryInput& in, const auth::Principal& who,
                const auth::Actor& actor);
  Status Remove(std::int64_t id, const auth::Principal& who, const auth::Actor& actor);

  // Leaders' names and titles (safety/leaders.h): admin only, audited.
  Result<std::vector<LeaderRecord>> Leaders();
  Result<std::int64_t> AddLeader(const LeaderInput& in, const auth::Principal& who,
                                 const auth::Actor& actor);
  Status RemoveLeader(std::int64_t id, const auth::Principal& who, const auth::Actor& actor);

  // The lists as a sheet: category, word, level, replacement, note,
  // whole_word — the columns Import reads back.
  Result<tabular::Sheet> Export();
  // Rows with that header (first row); an entry already listed (same
  // category and word) is updated. All rows or none: if any row is wrong,
  // the outcome lists the problems and nothing is written.
  Result<ImportOutcome> Import(const tabular::Rows& rows, const auth::Principal& who,
                               const auth::Actor& actor);

 private:
  Status CheckAdmin(const auth::Principal& who) const;
  Storage& storage_;
  auth::Audit& audit_;
};

}  // namespace procura::safety
