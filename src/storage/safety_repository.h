// SafetyRepository: the word lists the content checks match against
// (safety/). Same contract as storage.h: thread-safe, errors as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

struct WordEntryRecord {
  std::int64_t id = 0;
  std::string category;     // sensitive, confidential, typo, formulation
  std::string word;         // as the admin wrote it (matched normalized)
  std::string level;        // block, warn
  std::string replacement;  // the right form, for typos and formulations
  std::string note;         // why it is listed, shown with the finding
  bool whole_word = false;  // Latin words: not inside a longer word
  bool is_sample = false;   // shipped with the demo, labelled as a sample
  UnixSeconds updated_at = 0;
};

struct LeaderRecord {
  std::int64_t id = 0;
  std::string name;                 // 张三
  std::vector<std::string> titles;  // the titles the person holds now
  int precedence = 100;             // smaller comes first in a sentence
  UnixSeconds updated_at = 0;
};

class SafetyRepository {
 public:
  virtual ~SafetyRepository() = default;
  // Ordered by category, then word.
  virtual Result<std::vector<WordEntryRecord>> ListWordEntries() = 0;
  // The entry with that id, or nullopt.
  virtual Result<std::optional<WordEntryRecord>> GetWordEntry(std::int64_t id) = 0;
  // Exists if the category already lists the word.
  virtual Result<std::int64_t> InsertWordEntry(const WordEntryRecord& e) = 0;
  // NotFound if there is no such entry; Exists as InsertWordEntry.
  virtual Status UpdateWordEntry(const WordEntryRecord& e) = 0;
  virtual Status DeleteWordEntry(std::int64_t id) = 0;
  // Ordered by precedence, then name.
  virtual Result<std::vector<LeaderRecord>> ListLeaders() = 0;
  // Exists if the name is listed already.
  virtual Result<std::int64_t> InsertLeader(const LeaderRecord& l) = 0;
  virtual Status DeleteLeader(std::int64_t id) = 0;
  // A value that changes with every write to the lists or the leaders (any process), so a
  // compiled matcher knows when to rebuild; "" before the first write.
  virtual Result<std::string> WordListsRevision() = 0;
};

}  // namespace procura
