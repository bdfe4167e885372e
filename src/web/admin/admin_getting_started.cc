// SystemAdmin: the dashboard's "Getting started" list for an administrator
// of a new site. A fresh install has one admin account and nothing else,
// and an admin may not write articles (separation of duties), so the first
// article needs columns, an editor and a reviewer first. Each step is
// worked out from what is stored, links where it is done, and the list
// goes away by itself when every step but the public address is done (a
// notice of its own says that one).
#include <algorithm>

#include "web/admin/admin_handler.h"
#include "web/admin/admin_system.h"

namespace procura::web {

namespace {

struct StartStep {
  const char* label;  // msgid
  const char* hint;   // msgid
  std::string href;   // "" when the admin cannot do it themselves
  bool done = false;
  std::string counted_hint;  // translated; shown instead of `hint` when set
};

bool SomeoneHas(const std::vector<UserRecord>& users, std::string_view role) {
  return std::any_of(users.begin(), users.end(), [&](const UserRecord& u) {
    return !u.disabled && std::find(u.roles.begin(), u.roles.end(), role) != u.roles.end();
  });
}

}  // namespace

void SystemAdmin::GettingStartedPart(const AdminContext& ctx, TemplateData& body) {
  if (!auth::Can(ctx.who(), auth::Action::kManageSite)) return;
  auto site = d_.site_settings.Current();
  auto users = d_.accounts.ListUsers();
  auto columns = d_.storage.content().ListColumns();
  auto published = d_.storage.articles().CountArticles({.status = kStatusPublished, .limit = 1});
  if (!site.ok() || !users.ok() || !columns.ok() || !published.ok()) return;
  int unreviewed = 0;
  std::string first_unreviewed = "/admin/columns";  // its page, when there is one
  for (const auto& c : *columns) {
    auto reviewers = d_.storage.users().ColumnReviewers(c.id);
    if (c.hidden || !reviewers.ok() || !reviewers->empty()) continue;
    if (unreviewed++ == 0) first_unreviewed = "/admin/columns/" + std::to_string(c.id);
  }
  const std::string unreviewed_hint =
      d_.kit.TfN(ctx, "{n} visible column has no reviewer: nothing written there can be published.",
                 "{n} visible columns have no reviewer: nothing written there can be published.", unreviewed);
  StartStep steps[] = {
      {N_("Set the site's name and public address"),
       N_("Feeds, the sitemap and links shared from the portal need the address."),
       "/admin/settings#s-public-url", !site->public_url.empty()},
      {N_("Create the portal's columns"),
       N_("Every article belongs to a column, such as news or notices."),
       "/admin/columns#new-column", !columns->empty()},
      {N_("Add an editor's account"),
       N_("Administrators do not write articles: editors write them and reviewers approve them."),
       "/admin/users#new-user", SomeoneHas(*users, "editor")},
      {N_("Give every column a reviewer"),
       N_("Reviewers approve what is published in their columns."), first_unreviewed,
       !columns->empty() && unreviewed == 0, unreviewed ? unreviewed_hint : ""},
      {N_("Add a records officer's account"),
       N_("The records officer keeps the party organisation, members and training classes."),
       "/admin/users#new-user", SomeoneHas(*users, "records-officer")},
      {N_("Publish the first article"),
       N_("An editor writes it and submits it; a reviewer of its column approves it."), "",
       *published > 0},
  };
  // The address alone does not bring the list back: the dashboard's own
  // notice says it once the site is set up.
  if (std::all_of(std::begin(steps) + 1, std::end(steps), [](const StartStep& s) { return s.done; }))
    return;
  int done = 0;
  data rows{data::type::list};
  for (const auto& s : steps) {
    data r;
    r.set("label", d_.kit.T(ctx, s.label));
    r.set("hint", s.counted_hint.empty() ? d_.kit.T(ctx, s.hint) : s.counted_hint);
    if (!s.href.empty()) r.set("href", s.href);
    if (s.done) r.set("done", TemplateTrue());
    done += s.done;
    rows.push_back(r);
  }
  data start;
  start.set("steps", rows);
  start.set("progress", d_.kit.Tf(ctx, N_("{done} of {total} done"),
                                  {{"done", std::to_string(done)},
                                   {"total", std::to_string(std::size(steps))}}));
  body.set("getting_started", start);
}

}  // namespace procura::web
