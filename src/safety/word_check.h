// Word-list checks over the text that would go public. A WordScanner is
// the lists compiled into one matcher; WordCheck keeps the current one for
// a process, rebuilding it when any process changes the lists.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "safety/matcher.h"
#include "storage/safety_repository.h"

namespace procura::safety {

struct WordFinding {
  std::string field;      // title, summary, body, caption, alt, attachment
  std::size_t begin = 0;  // byte range of the match in that field's text
  std::size_t end = 0;
  std::string matched;  // the text as written there (spaces and all)
  WordEntryRecord entry;
  // A built-in check's explanation is a msgid (entry.note) with these
  // args, translated at the edge; a list entry's note is the list's text.
  bool note_is_msgid = false;
  MessageArgs note_args;
  bool blocks() const { return entry.level == "block"; }
};

// The finding's explanation for a person (empty when it has none):
// `translate` turns a msgid and its args into the reader's language.
template <typename Translate>
std::string NoteFor(const WordFinding& f, Translate&& translate) {
  if (!f.note_is_msgid || f.entry.note.empty()) return f.entry.note;
  return translate(std::string_view(f.entry.note), f.note_args);
}

// One piece of text that would go public, named by its field.
struct PublicText {
  std::string field;
  std::string_view text;
};

class LeaderCheck;

class WordScanner {
 public:
  explicit WordScanner(std::vector<WordEntryRecord> entries,
                       std::vector<LeaderRecord> leaders = {});
  ~WordScanner();
  // Findings in `text`, in the order they occur.
  std::vector<WordFinding> Scan(std::string_view field, std::string_view text) const;
  std::vector<WordFinding> Scan(const std::vector<PublicText>& texts) const;
  std::size_t size() const { return entries_.size(); }
  // Removes from `findings` (all in `text`) those inside a known-good
  // phrase of the allowed list: an official hotline listed there is not a
  // personal number.
  void DropAllowed(std::string_view text, std::vector<WordFinding>& findings) const;

 private:
  std::vector<WordEntryRecord> entries_;
  Matcher matcher_;
  std::unique_ptr<const LeaderCheck> leaders_;
};

class WordCheck {
 public:
  explicit WordCheck(SafetyRepository& repo) : repo_(repo) {}
  // The scanner for the lists as they are now (rebuilt after any change,
  // made by this process or another).
  Result<std::shared_ptr<const WordScanner>> Current();

 private:
  SafetyRepository& repo_;
  std::mutex mu_;
  std::string revision_;
  std::shared_ptr<const WordScanner> scanner_;
};

// The findings that stop publication, and those that need a reason.
struct FindingCounts {
  std::size_t block = 0, warn = 0;
};
FindingCounts Count(const std::vector<WordFinding>& findings);

// A finding for a person: a msgid and its args (the *_label args are
// msgids too, translated at the edge).
struct FindingText {
  const char* msgid;
  MessageArgs args;
};
FindingText Describe(const WordFinding& f);

// Ok if the findings allow publication: none blocks, and warnings come
// with `reason`. Otherwise Invalid: every blocking finding (Status::AllOf),
// or a request for a reason (field "override_reason").
Status PublicationVerdict(const std::vector<WordFinding>& findings, const std::string& reason);

// The blocking findings quoted for a message: “a”, “b”; with `suggest`,
// each with its correct form where it has one (“a” → “b”). Empty if none.
std::string QuoteBlocking(const std::vector<WordFinding>& findings, bool suggest);

// The findings in a line for the audit log: "block 机密 (body); warn ...".
std::string AuditSummary(const std::vector<WordFinding>& findings);

}  // namespace procura::safety
