// Self-inspection: the indicators read from the articles themselves (dates,
// links, attachments, the checks before publishing over their text), from
// the public messages and from the availability monitor's probes.
#include <fmt/format.h>

#include <filesystem>

#include "content/site_links.h"
#include "interact/inspection.h"
#include "interact/work_calendar.h"
#include "safety/case_privacy.h"
#include "safety/links.h"
#include "safety/personal_data.h"
#include "safety/site_scan.h"

namespace procura::interact::detail {
namespace {

std::string ArticleUrl(std::int64_t id) { return "/articles/" + std::to_string(id) + "/"; }

Indicator Judged(Indicator i, bool any_fails) {
  i.measured = N_("{n} found.");
  i.measured_args = {{"n", std::to_string(i.items.size())}};
  i.state = any_fails && !i.items.empty() ? "fail" : "pass";
  return i;
}

// Published text that the checks before publishing would now refuse (a
// list changed since, or it went public before a check existed).
void CheckText(const safety::WordScanner& scanner, const ArticleRecord& a, Indicator& text) {
  std::string shown;
  int blocking = 0;
  for (const auto& f : safety::CheckPublicText(scanner, {{"title", a.title},
                                                         {"body", a.body_md},
                                                         {"caption", a.lead_caption},
                                                         {"alt", a.lead_alt}})) {
    if (!f.blocks()) continue;
    if (++blocking <= 3) shown += (shown.empty() ? "" : ", ") + safety::MaskedForReport(f).matched;
  }
  if (blocking > 3) shown += ", …";
  if (blocking > 0) text.items.push_back({a.title, ArticleUrl(a.id), shown});
}

// The indicators read from each published article's full text, one read
// of each: links that do not open, and text the checks would refuse.
Status ReadArticleTexts(Storage& storage, const std::vector<ArticleRecord>& published,
                    const InspectOptions& opt, std::vector<Indicator>& out) {
  Indicator internal{"internal-dead-links", N_("Internal links work"),
                     N_("Points lost: links to pages of this site that do not open"), false};
  Indicator external{"external-dead-links", N_("External links work"),
                     N_("Points lost: links to other sites that do not open"), false};
  Indicator text{"published-text", N_("Published text passes the checks before publishing"),
                 N_("Veto: published text with a personal number, a confidentiality marker, a "
                    "blocked word or a leader's wrong title"),
                 true};
  auto check = SiteLinkCheck(storage);
  if (!check.ok()) return check.status();
  safety::WordCheck lists(storage.safety());
  auto scanner = lists.Current();
  if (!scanner.ok()) return scanner.status();
  for (const auto& summary : published) {
    auto a = storage.content().GetArticle(summary.id);
    if (!a.ok()) return a.status();
    if (!a->has_value()) continue;
    CheckText(**scanner, **a, text);
    if (!(*a)->body_html) continue;
    const std::string& html = *(*a)->body_html;
    safety::LinkCheck internal_only = *check;
    internal_only.probe = nullptr;
    for (const auto& link : safety::DeadLinks(html, internal_only))
      internal.items.push_back({summary.title, ArticleUrl(summary.id), link});
    if (!opt.probe) continue;
    safety::LinkCheck with_probe = *check;
    with_probe.probe = opt.probe;
    with_probe.resolves = [](std::string_view) { return true; };  // counted above
    for (const auto& link : safety::DeadLinks(html, with_probe))
      external.items.push_back({summary.title, ArticleUrl(summary.id), link});
  }
  out.push_back(Judged(std::move(internal), true));
  Indicator ext = Judged(std::move(external), true);
  if (!opt.probe) {
    ext.state = "unmeasured";
    ext.measured = N_("Not checked: run procura inspect --external to fetch them.");
    ext.measured_args.clear();
  }
  out.push_back(std::move(ext));
  out.push_back(Judged(std::move(text), true));
  return Status::Ok();
}

// ReadArticleTexts, or what it found last while the site's text has not
// changed since (without external probes).
Status ArticleTexts(Storage& storage, const std::vector<ArticleRecord>& published,
                    const InspectOptions& opt, std::vector<Indicator>& out) {
  if (opt.probe || !opt.text_cache) return ReadArticleTexts(storage, published, opt, out);
  // The key first, then the articles read again after it: a change
  // committed meanwhile makes the next view read again, and a result is
  // never kept under a key newer than what it read.
  auto key = safety::PublishedTextRevision(storage);
  if (!key.ok()) return key.status();
  if (auto kept = opt.text_cache->Find(*key)) {
    out.insert(out.end(), kept->begin(), kept->end());
    return Status::Ok();
  }
  auto now_published = storage.content().ListPublishedSummaries();
  if (!now_published.ok()) return now_published.status();
  std::vector<Indicator> found;
  PROCURA_RETURN_IF_ERROR(ReadArticleTexts(storage, *now_published, opt, found));
  const auto kept = opt.text_cache->Keep(*key, std::move(found));
  out.insert(out.end(), kept->begin(), kept->end());
  return Status::Ok();
}

Status Attachments(Storage& storage, const std::vector<ArticleRecord>& published,
                   const InspectOptions& opt, std::vector<Indicator>& out) {
  Indicator i{"attachments", N_("Attachments download"),
              N_("Points lost: attachments that fail to download"), false};
  auto attached = storage.content().ListAttachments();
  if (!attached.ok()) return attached.status();
  auto media = storage.content().ListMedia();
  if (!media.ok()) return media.status();
  std::map<std::int64_t, const ArticleRecord*> live;
  for (const auto& a : published) live[a.id] = &a;
  for (const auto& at : *attached) {
    auto article = live.find(at.article_id);
    if (article == live.end() || at.pending == "add") continue;
    const MediaRecord* file = nullptr;
    for (const auto& m : *media)
      if (m.id == at.media_id) file = &m;
    const bool missing = !file || (!opt.media_dir.empty() &&
                                   !std::filesystem::exists(opt.media_dir / file->stored_name));
    if (missing)
      i.items.push_back({article->second->title, ArticleUrl(at.article_id),
                         file ? file->original_name : "#" + std::to_string(at.media_id)});
  }
  out.push_back(Judged(std::move(i), true));
  return Status::Ok();
}

Indicator Dates(const std::vector<ArticleRecord>& published) {
  Indicator i{"dates", N_("Published items carry dates"),
              N_("Points lost: published items without a date"), false};
  for (const auto& a : published)
    if (!a.published_at) i.items.push_back({a.title, ArticleUrl(a.id), ""});
  return Judged(std::move(i), true);
}

Status Messages(Storage& storage, UnixSeconds now, int offset, std::vector<Indicator>& out) {
  Indicator i{"unanswered-messages", N_("Public messages answered"),
              N_("Veto: a valid public message unanswered for over 3 months"), true};
  int late = 0, soon = 0;
  for (const char* state : {kMsgReceived, kMsgAccepted, kMsgReplySubmitted}) {
    auto list = storage.mailbox().ListMessages({.state = state, .limit = 100000});
    if (!list.ok()) return list.status();
    for (const auto& m : *list) {
      const int days = static_cast<int>((now - m.received_at) / 86400);
      if (days < kUnansweredDays - 14) continue;
      (days >= kUnansweredDays ? late : soon)++;
      i.items.push_back({m.title, "/admin/messages/" + std::to_string(m.id),
                         LocalDay(m.received_at, offset)});
    }
  }
  i.measured = N_("{late} over 3 months, {soon} within 2 weeks of it.");
  i.measured_args = {{"late", std::to_string(late)}, {"soon", std::to_string(soon)}};
  i.state = late > 0 ? "fail" : soon > 0 ? "warn" : "pass";
  out.push_back(std::move(i));
  return Status::Ok();
}

Status Availability(Storage& storage, UnixSeconds now, int slow_millis,
                    std::vector<Indicator>& out) {
  Indicator i{"availability", N_("Home page opens within 15 s"),
              N_("Veto: 1 in 20 or more of a week's probes slow (15 s) or failed"), true};
  auto probes = storage.inspection().ProbesSince(now - 7 * 86400);
  if (!probes.ok()) return probes.status();
  if (probes->empty()) {
    i.state = "unmeasured";
    i.measured = N_("No probes this week: start the server with --probe-url to measure.");
    out.push_back(std::move(i));
    return Status::Ok();
  }
  int bad = 0;
  for (const auto& p : *probes)
    if (p.status != 200 || p.millis >= slow_millis) ++bad;
  const double share = double(bad) / probes->size();
  i.measured = N_("{bad} of {n} probes slow or failed ({share}).");
  i.measured_args = {{"bad", std::to_string(bad)},
                     {"n", std::to_string(probes->size())},
                     {"share", fmt::format("{:.1f}%", share * 100)}};
  i.state = share >= kUnavailableShareVeto ? "fail" : share >= kUnavailableShareVeto * 0.6 ? "warn" : "pass";
  out.push_back(std::move(i));
  return Status::Ok();
}

}  // namespace

Status ContentIndicators(Storage& storage, const std::vector<ArticleRecord>& published,
                         UnixSeconds now, const InspectOptions& opt, std::vector<Indicator>& out) {
  PROCURA_RETURN_IF_ERROR(Messages(storage, now, opt.utc_offset_minutes, out));
  PROCURA_RETURN_IF_ERROR(Availability(storage, now, opt.slow_probe_millis, out));
  PROCURA_RETURN_IF_ERROR(ArticleTexts(storage, published, opt, out));
  PROCURA_RETURN_IF_ERROR(Attachments(storage, published, opt, out));
  out.push_back(Dates(published));
  return Status::Ok();
}

}  // namespace procura::interact::detail

