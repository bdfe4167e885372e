#include "app/demo.h"
#include "app/demo_applicants.h"
#include "app/demo_branch_life.h"
#include "app/demo_dues.h"
#include "app/demo_training_year.h"

#include "content/file_store.h"
#include "content/revision.h"
#include "storage/photo_list.h"

#include "i18n/catalogs.h"
#include "org/applicant_steps.h"
#include "org/probation.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/password.h"
#include "core/clock.h"

namespace procura::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::Io("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Status LoadColumns(ContentRepository& repo, const json& cols,
                   std::map<std::string, std::int64_t>& ids) {
  int position = 0;
  for (const auto& c : cols) {
    ColumnRecord rec;
    rec.slug = Str(c, "slug");
    rec.name = Str(c, "name");
    rec.second_name = Str(c, "second_name");
    rec.second_description = Str(c, "second_description");
    rec.description = Str(c, "description");
    rec.position = position++;
    if (c.contains("type")) rec.column_type = Str(c, "type");
    if (c.contains("parent")) {
      auto it = ids.find(Str(c, "parent"));
      if (it == ids.end()) return Status::Invalid("demo column " + rec.slug + ": unknown parent");
      rec.parent_id = it->second;
    }
    auto id = repo.InsertColumn(rec);
    if (!id.ok()) return Status::Invalid("demo column " + rec.slug + ": " + id.status().message());
    ids[rec.slug] = *id;
  }
  return Status::Ok();
}

// The party organization: institution → organ Party Committee → branches,
// each with sample members (generated names, marked is_sample).
Status LoadOrg(OrgRepository& org, const json& o) {
  if (!o.is_object()) return Status::Ok();
  auto inst = org.InsertUnit({0, std::nullopt, "institution", Str(o, "institution"), "", 0});
  if (!inst.ok()) return inst.status();
  auto committee = org.InsertUnit({0, *inst, "committee", Str(o, "committee"), "", 0});
  if (!committee.ok()) return committee.status();
  int position = 0;
  for (const auto& b : o["branches"]) {
    auto branch =
        org.InsertUnit({0, *committee, "branch", Str(b, "name"), Str(b, "department"), position++});
    if (!branch.ok()) return branch.status();
    for (const auto& m : b["members"]) {
      MemberRecord rec{
          0,       Str(m, "name"),  Str(m, "gender"), Str(m, "birth"), Str(m, "joined"),
          *branch, Str(m, "phone"), Str(m, "status"), std::nullopt,    true};
      // 转正 the day the probation year ended, for full members.
      if (const std::string ends = org::ProbationEnds(rec.joined_date);
          rec.status == "full" && !ends.empty() && ends <= FormatDate(NowUnix(), 480))
        rec.full_date = ends;
      // The higher committee approved it a month later (awaited, if that is still to come).
      if (const std::string approved = org::MonthsAfter(rec.full_date, 1);
          !rec.full_date.empty() && approved <= FormatDate(NowUnix(), 480))
        rec.full_approved_on = approved;
      auto id = org.InsertMember(rec);
      if (!id.ok())
        return Status::Invalid("demo member " + rec.name + ": " + id.status().message());
      // The last branch's secretary took the post 75 days ago and is not
      // trained yet (任职培训 within six months: the dashboard lists them).
      const bool newest = Str(m, "post") == "secretary" && &b == &o["branches"].back();
      if (!Str(m, "post").empty())
        PROCURA_RETURN_IF_ERROR(org.AddPost(
            {*id, *branch, Str(m, "post"), newest ? FormatDate(NowUnix() - 75 * 86400, 480) : ""}));
    }
  }
  return Status::Ok();
}

// The seed's class: two lectures and six branch experience exchanges, all
// 29 branch secretaries enrolled.
// Everyone enrolled is present at every session except the listed
// exceptions (session index, branch index, mark, reason), marked by hand.
Status LoadAttendance(Storage& storage, const json& t, std::int64_t class_id,
                      const std::vector<OrgUnitRecord>& units,
                      const std::vector<PostRecord>& posts) {
  auto sessions = storage.training().ListSessions(class_id);
  if (!sessions.ok()) return sessions.status();
  std::vector<std::int64_t> branches;
  for (const auto& u : units)
    if (u.kind == "branch") branches.push_back(u.id);
  std::map<std::pair<std::size_t, std::int64_t>, std::pair<std::string, std::string>> exceptions;
  for (const auto& e : t.value("attendance_exceptions", json::array())) {
    const std::size_t b = e.value("branch", 0);
    if (b < branches.size())
      exceptions[{e.value("session", 0), branches[b]}] = {Str(e, "mark"), Str(e, "reason")};
  }
  for (std::size_t i = 0; i < sessions->size(); ++i) {
    const SessionRow& s = (*sessions)[i];
    for (const auto& p : posts) {
      if (p.post != "secretary") continue;
      AttendanceRecord a{s.id, p.member_id, "present", "", "manual", NowUnix(), std::nullopt};
      if (auto e = exceptions.find({i, p.unit_id}); e != exceptions.end())
        a.mark = e->second.first, a.reason = e->second.second;
      PROCURA_RETURN_IF_ERROR(storage.attendance().SetMark(a));
    }
  }
  return Status::Ok();
}

// The sample word lists (written by the team, marked as samples) and the
// leaders the demo's articles name.
Status LoadWordLists(SafetyRepository& repo, const json& lists, const json& leaders) {
  if (leaders.is_array())
    for (const auto& l : leaders) {
      LeaderRecord r;
      r.name = Str(l, "name");
      for (const auto& t : l.value("titles", json::array())) r.titles.push_back(t.get<std::string>());
      r.precedence = l.value("precedence", 100);
      r.updated_at = NowUnix();
      if (auto id = repo.InsertLeader(r); !id.ok())
        return Status::Invalid("demo leader '" + r.name + "': " + id.status().message());
    }
  if (!lists.is_array()) return Status::Ok();
  for (const auto& w : lists) {
    WordEntryRecord e;
    e.category = Str(w, "category");
    e.word = Str(w, "word");
    e.level = Str(w, "level");
    e.replacement = Str(w, "replacement");
    e.note = Str(w, "note");
    e.whole_word = w.value("whole_word", false);
    e.is_sample = true;
    e.updated_at = NowUnix();
    auto id = repo.InsertWordEntry(e);
    if (!id.ok()) return Status::Invalid("demo word list entry '" + e.word + "': " + id.status().message());
  }
  return Status::Ok();
}

Status LoadTraining(Storage& storage, const json& t,
                    const std::map<std::string, std::int64_t>& article_ids,
                    const std::map<std::string, std::int64_t>& media_ids) {
  if (!t.is_object()) return Status::Ok();
  ClassRecord c;
  c.title = Str(t, "title");
  c.purpose = Str(t, "purpose");
  c.organizer = Str(t, "organizer");
  c.start_date = Str(t, "start");
  c.end_date = Str(t, "end");
  c.venue = Str(t, "venue");
  c.target_group = Str(t, "target");
  c.required_hours = t.value("required_hours", 0.0);
  c.full_time = t.value("full_time", false);
  c.online = t.value("online", false);
  c.status = Str(t, "status");
  c.is_sample = true;
  auto id = storage.training().InsertClass(c);
  if (!id.ok()) return id.status();
  auto units = storage.org().ListUnits();
  auto posts = storage.org().ListPosts();
  if (!units.ok() || !posts.ok()) return units.ok() ? posts.status() : units.status();
  for (const auto& s : t["sessions"]) {
    SessionRow row{0,
                   *id,
                   Str(s, "starts"),
                   c.venue,
                   s.value("hours", 1.0),
                   Str(s, "type"),
                   Str(s, "topic"),
                   Str(s, "lecturer"),
                   std::nullopt,
                   std::nullopt};
    for (const auto& u : *units)
      if (u.name == Str(s, "branch")) row.presenting_branch_id = u.id;
    for (const auto& p : *posts)
      if (row.presenting_branch_id && p.unit_id == *row.presenting_branch_id &&
          p.post == "secretary")
        row.speaker_member_id = p.member_id;
    PROCURA_RETURN_IF_ERROR(storage.training().InsertSession(row).status());
  }
  for (const auto& p : *posts)
    if (p.post == "secretary")
      PROCURA_RETURN_IF_ERROR(storage.training().Enroll(*id, p.member_id, NowUnix()));
  PROCURA_RETURN_IF_ERROR(LoadAttendance(storage, t, *id, *units, *posts));
  if (auto a = article_ids.find(Str(t, "news_article")); a != article_ids.end())
    PROCURA_RETURN_IF_ERROR(storage.training().SetClassArticle(*id, a->second));
  std::vector<std::int64_t> photos;  // named by file, as the articles' lead images
  for (const auto& file : t.value("photos", json::array())) {
    auto m = media_ids.find(file.is_string() ? file.get<std::string>() : "");
    if (m == media_ids.end()) return Status::Invalid("demo training: unknown photo");
    photos.push_back(m->second);
  }
  return storage.training().SetClassPhotos(*id, "", PhotoList(photos));
}

// The site's settings from demo.json's "site" object.
SiteRecord SiteFrom(const json& site) {
  SiteRecord rec;
  rec.name = Str(site, "name");
  rec.tagline = Str(site, "tagline");
  rec.footer_text = Str(site, "footer_text");
  rec.icp = Str(site, "icp");
  rec.police_filing = Str(site, "police_filing");
  rec.site_code = Str(site, "site_code");
  rec.show_12309 = site.value("show_12309", false);
  rec.lang = Str(site, "lang").empty() ? "en" : Str(site, "lang");
  rec.second_name = Str(site, "second_name");
  rec.second_tagline = Str(site, "second_tagline");
  rec.second_footer_text = Str(site, "second_footer_text");
  rec.description = Str(site, "description");
  rec.second_description = Str(site, "second_description");
  rec.public_url = Str(site, "public_url");
  rec.show_byline_labels = site.value("show_byline_labels", false);
  rec.robots_disallow = Str(site, "robots_disallow");
  return rec;
}

// The demo's media through the file store (nodes on one PostgreSQL all see
// the files); each file written is added to `copied`, to be removed if the
// load fails. Returns the media ids by file name.
Result<std::map<std::string, std::int64_t>> LoadMedia(ContentRepository& repo, FileStore& files,
                                                     const json& media, const fs::path& demo_dir,
                                                     const fs::path& media_dir,
                                                     std::vector<fs::path>& copied) {
  std::map<std::string, std::int64_t> media_ids;
  for (const auto& m : media) {
    const std::string file = Str(m, "file");
    auto bytes = ReadFile(demo_dir / file);
    if (!bytes.ok()) return bytes.status();
    MediaRecord mr;
    mr.stored_name = auth::RandomHex(12) + fs::path(file).extension().string();
    mr.mime = Str(m, "mime");
    mr.byte_size = static_cast<std::int64_t>(bytes->size());
    mr.width = m.value("width", 0);
    mr.height = m.value("height", 0);
    mr.alt_text = Str(m, "alt");
    mr.original_name = fs::path(file).filename().string();  // the name staff see in the library
    mr.created_at = NowUnix();
    // Through the file store: nodes on one PostgreSQL all see the file.
    PROCURA_RETURN_IF_ERROR(files.Write(media_dir.filename().string(), mr.stored_name, *bytes));
    copied.push_back(media_dir / mr.stored_name);
    auto id = repo.InsertMedia(mr);
    if (!id.ok()) return id.status();
    media_ids[file] = *id;
  }
  return media_ids;
}

// One demo article as a record: its column, lead image and translation
// named by title or file, its body inline or from a file beside demo.json.
Result<ArticleRecord> ArticleFrom(const json& a, const SiteRecord& site, const fs::path& demo_dir,
                                  const std::map<std::string, std::int64_t>& column_ids,
                                  const std::map<std::string, std::int64_t>& media_ids,
                                  const std::map<std::string, std::int64_t>& article_ids) {
  ArticleRecord ar;
  ar.title = Str(a, "title");
  auto col = column_ids.find(Str(a, "column"));
  if (col == column_ids.end())
    return Status::Invalid("demo article '" + ar.title + "': unknown column");
  ar.column_id = col->second;
  ar.author = Str(a, "author");
  ar.news_source = Str(a, "news_source");
  ar.status = kStatusPublished;
  ar.published_at = ParseLocalTime(Str(a, "published"), site.utc_offset_minutes);
  if (!ar.published_at)
    return Status::Invalid("demo article '" + ar.title + "': bad 'published'");
  if (a.contains("lead_image")) {
    auto m = media_ids.find(Str(a, "lead_image"));
    if (m == media_ids.end())
      return Status::Invalid("demo article '" + ar.title + "': unknown lead_image");
    ar.lead_media_id = m->second;
    ar.lead_caption = Str(a, "lead_caption");
    ar.lead_alt = Str(a, "lead_alt");  // the article's own alt text (its language)
  }
  if (a.contains("body_file")) {
    auto body = ReadFile(demo_dir / Str(a, "body_file"));
    if (!body.ok()) return body.status();
    ar.body_md = *body;
  } else {
    ar.body_md = Str(a, "body");
  }
  ar.is_sample = a.value("sample", false);
  // An article is in the site's language unless it says otherwise, and
  // may name (by title) the article it translates.
  const auto lang = i18n::Parse(Str(a, "lang").empty() ? site.lang : Str(a, "lang"));
  if (!lang) return Status::Invalid("demo article '" + ar.title + "': unknown lang");
  ar.lang = std::string(i18n::Tag(*lang));
  if (a.contains("translation_of")) {
    auto t = article_ids.find(Str(a, "translation_of"));
    if (t == article_ids.end())
      return Status::Invalid("demo article '" + ar.title + "': translation_of names no earlier article");
    ar.translation_of = t->second;
  }
  ar.created_at = ar.updated_at = *ar.published_at;
  return ar;
}

}  // namespace

Result<DemoResult> LoadDemo(Storage& storage, const fs::path& demo_dir, const fs::path& media_dir) {
  auto empty = storage.content().IsEmpty();
  if (!empty.ok()) return empty.status();
  if (!*empty) return DemoResult{false, 0, 0};
  PROCURA_RETURN_IF_ERROR(auth::InitCrypto());

  auto text = ReadFile(demo_dir / "demo.json");
  if (!text.ok()) return text.status();
  json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return Status::Invalid("demo.json is not valid JSON");

  DemoResult result{true, 0, 0};
  std::vector<fs::path> copied;
  Status s = storage.InTransaction([&](Storage& tx) -> Status {
    ContentRepository& repo = tx.content();
    // Shared copies of the files commit with the rows that name them.
    FileStore files(tx, media_dir.parent_path());
    const SiteRecord rec = SiteFrom(doc["site"]);
    PROCURA_RETURN_IF_ERROR(repo.PutSite(rec));

    std::map<std::string, std::int64_t> column_ids;
    PROCURA_RETURN_IF_ERROR(LoadColumns(repo, doc["columns"], column_ids));
    result.columns = static_cast<int>(column_ids.size());

    auto media_ids = LoadMedia(repo, files, doc["media"], demo_dir, media_dir, copied);
    if (!media_ids.ok()) return media_ids.status();

    std::map<std::string, std::int64_t> article_ids;
    for (const auto& a : doc["articles"]) {
      auto ar = ArticleFrom(a, rec, demo_dir, column_ids, *media_ids, article_ids);
      if (!ar.ok()) return ar.status();
      auto id = repo.InsertArticle(*ar);
      if (!id.ok())
        return Status::Invalid("demo article '" + ar->title + "': " + id.status().message());
      article_ids[ar->title] = *id;
      // Its first revision, as the newsroom keeps for every article it
      // creates (the revisions page compares against it).
      ArticleRecord stored = *ar;
      stored.id = *id;
      PROCURA_RETURN_IF_ERROR(
          tx.articles().InsertRevision(RevisionOfArticle(stored, std::nullopt, ar->created_at, "created")).status());
      ++result.articles;
    }
    PROCURA_RETURN_IF_ERROR(LoadOrg(tx.org(), doc["org"]));
    PROCURA_RETURN_IF_ERROR(LoadWordLists(tx.safety(), doc["word_lists"], doc["leaders"]));
    PROCURA_RETURN_IF_ERROR(LoadTraining(tx, doc["training"], article_ids, *media_ids));
    PROCURA_RETURN_IF_ERROR(LoadBranchLife(tx, NowUnix(), rec.utc_offset_minutes));
    PROCURA_RETURN_IF_ERROR(LoadDues(tx, NowUnix(), rec.utc_offset_minutes));
    // After the dues: the member admitted this year has no base set yet.
    PROCURA_RETURN_IF_ERROR(LoadApplicants(tx, NowUnix(), rec.utc_offset_minutes));
    return LoadTrainingYear(tx, NowUnix(), rec.utc_offset_minutes);
  });
  if (!s.ok()) {
    std::error_code ec;
    for (const auto& p : copied) fs::remove(p, ec);  // leave no orphan files
    return s;
  }
  return result;
}

}  // namespace procura::app
