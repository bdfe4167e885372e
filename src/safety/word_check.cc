#include "safety/word_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "safety/leaders.h"
#include "safety/normalize.h"
#include "safety/personal_data.h"
#include "safety/word_lists.h"

namespace procura::safety {
namespace {

std::vector<std::u32string> Patterns(const std::vector<WordEntryRecord>& entries) {
  std::vector<std::u32string> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(NormalizeWord(e.word));
  return out;
}

bool IsLatinWordChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

using Span = std::pair<std::size_t, std::size_t>;

// A hit's byte range in `text`, or nullopt for a "whole word" entry found
// inside a longer Latin word (the list's "art" is not in "party").
std::optional<Span> HitRange(const WordEntryRecord& e, std::string_view text,
                             const NormalizedText& norm, const Matcher::Hit& hit) {
  const std::size_t begin = norm.begin[hit.begin], end = norm.end[hit.end - 1];
  if (e.whole_word && ((begin > 0 && IsLatinWordChar(text[begin - 1])) ||
                       (end < text.size() && IsLatinWordChar(text[end]))))
    return std::nullopt;
  return Span{begin, end};
}

// The known-good phrases' ranges among `hits`: a finding inside one is none.
std::vector<Span> AllowedSpans(const std::vector<WordEntryRecord>& entries, std::string_view text,
                               const NormalizedText& norm, const std::vector<Matcher::Hit>& hits) {
  std::vector<Span> allowed;
  for (const Matcher::Hit& hit : hits)
    if (entries[hit.pattern].category == kAllowedCategory)
      if (auto r = HitRange(entries[hit.pattern], text, norm, hit)) allowed.push_back(*r);
  return allowed;
}

bool Inside(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& s) { return s.first <= begin && end <= s.second; });
}

}  // namespace

WordScanner::WordScanner(std::vector<WordEntryRecord> entries, std::vector<LeaderRecord> leaders)
    : entries_(std::move(entries)),
      matcher_(Patterns(entries_)),
      leaders_(std::make_unique<const LeaderCheck>(std::move(leaders))) {}

WordScanner::~WordScanner() = default;

std::vector<WordFinding> WordScanner::Scan(std::string_view field, std::string_view text) const {
  std::vector<WordFinding> out = leaders_->Scan(field, text);
  if (entries_.empty() || text.empty()) return out;
  const NormalizedText norm = Normalize(text);
  const std::vector<Matcher::Hit> hits = matcher_.Scan(norm.chars);
  // Known-good phrases first: a hit inside one is not a finding.
  const std::vector<Span> allowed = AllowedSpans(entries_, text, norm, hits);
  for (const Matcher::Hit& hit : hits) {
    const WordEntryRecord& e = entries_[hit.pattern];
    if (e.category == kAllowedCategory) continue;
    const auto r = HitRange(e, text, norm, hit);
    if (!r || Inside(allowed, r->first, r->second)) continue;
    const auto [begin, end] = *r;
    out.push_back({std::string(field), begin, end, std::string(text.substr(begin, end - begin)), e});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const WordFinding& a, const WordFinding& b) { return a.begin < b.begin; });
  return out;
}

void WordScanner::DropAllowed(std::string_view text, std::vector<WordFinding>& findings) const {
  if (findings.empty() || entries_.empty()) return;
  const NormalizedText norm = Normalize(text);
  const std::vector<Span> allowed = AllowedSpans(entries_, text, norm, matcher_.Scan(norm.chars));
  std::erase_if(findings, [&](const WordFinding& f) { return Inside(allowed, f.begin, f.end); });
}

std::vector<WordFinding> WordScanner::Scan(const std::vector<PublicText>& texts) const {
  std::vector<WordFinding> out;
  for (const auto& t : texts) {
    auto found = Scan(t.field, t.text);
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
  }
  return out;
}

Result<std::shared_ptr<const WordScanner>> WordCheck::Current() {
  auto revision = repo_.WordListsRevision();
  if (!revision.ok()) return revision.status();
  std::lock_guard lock(mu_);
  if (scanner_ && *revision == revision_) return scanner_;
  auto entries = repo_.ListWordEntries();
  if (!entries.ok()) return entries.status();
  auto leaders = repo_.ListLeaders();
  if (!leaders.ok()) return leaders.status();
  scanner_ = std::make_shared<const WordScanner>(std::move(*entries), std::move(*leaders));
  revision_ = *revision;
  return scanner_;
}

FindingCounts Count(const std::vector<WordFinding>& findings) {
  FindingCounts c;
  for (const auto& f : findings) (f.blocks() ? c.block : c.warn)++;
  return c;
}

FindingText Describe(const WordFinding& f) {
  const char* field = f.field == "title"     ? N_("Title")
                      : f.field == "caption" ? N_("Caption")
                      : f.field == "alt"     ? N_("Alt text")
                      : f.field == "attachment" ? N_("An attachment's name")
                                             : N_("Text");
  const char* list = f.entry.category == "sensitive"      ? N_("sensitive words")
                     : f.entry.category == "confidential" ? N_("confidentiality markers")
                     : f.entry.category == "typo"         ? N_("common typos")
                     : f.entry.category == "minor"        ? N_("a minor in a case")
                     : f.entry.category == "case-name"    ? N_("a name in a case report")
                     : f.entry.category == "id-number"    ? N_("a citizen's ID number")
                     : f.entry.category == "mobile-number" ? N_("a mobile phone number")
                     : f.entry.category == "bank-card"    ? N_("a bank card number")
                     : f.entry.category == "leader-title" ? N_("a leader's title")
                     : f.entry.category == "leader-name"  ? N_("a leader's name")
                     : f.entry.category == "leader-order" ? N_("leaders' precedence")
                                                          : N_("standard formulations");
  MessageArgs args{{"field_label", field}, {"word", f.matched}, {"list_label", list}};
  const bool fix = !f.entry.replacement.empty();
  if (fix) args.emplace_back("replacement", f.entry.replacement);
  if (f.blocks())
    return {fix ? N_("{field_label} contains “{word}” ({list_label}), which cannot be "
                     "published: write “{replacement}”.")
                : N_("{field_label} contains “{word}” ({list_label}), which cannot be published."),
            std::move(args)};
  return {fix ? N_("{field_label} contains “{word}” ({list_label}): should it be “{replacement}”?")
              : N_("{field_label} contains “{word}” ({list_label}): check it before publishing."),
          std::move(args)};
}

Status PublicationVerdict(const std::vector<WordFinding>& findings, const std::string& reason) {
  std::vector<Status> blocking;
  std::size_t warnings = 0;
  for (const auto& f : findings) {
    if (!f.blocks()) {
      ++warnings;
      continue;
    }
    if (blocking.size() < 20) {
      FindingText t = Describe(f);
      blocking.push_back(Status::Invalid(t.msgid, std::move(t.args)));
    }
  }
  if (!blocking.empty()) return Status::AllOf(std::move(blocking));
  if (warnings > 0 && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Invalid(N_("The word lists raised {count} warnings. Read them, then give a "
                              "reason to publish anyway; the reason is kept in the audit log."),
                           {{"count", std::to_string(warnings)}})
        .WithField("override_reason");
  return Status::Ok();
}

std::string QuoteBlocking(const std::vector<WordFinding>& findings, bool suggest) {
  std::string out;
  for (const auto& f : findings) {
    if (!f.blocks()) continue;
    out += (out.empty() ? "“" : ", “") + f.matched + "”";
    if (suggest && !f.entry.replacement.empty()) out += " → “" + f.entry.replacement + "”";
  }
  return out;
}

std::string AuditSummary(const std::vector<WordFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (out.size() > 400) return out + "; ...";
    out += fmt::format("{}{} {} ({})", out.empty() ? "" : "; ", f.entry.level,
                       MaskedForReport(f).matched, f.field);
  }
  return out;
}

}  // namespace procura::safety
