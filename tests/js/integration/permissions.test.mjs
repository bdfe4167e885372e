// The permission matrix: every route × every role (and anonymous) →
// allowed or denied, against the real server. The route list comes from
// the binary itself, so a route added without an entry here fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir, BIN, withDatabase } from "../lib/server.mjs";
import { addUser, apiToken, api, Client } from "../lib/newsroom.mjs";

const ROLES = ["anonymous", "admin", "editor", "reviewer", "records-officer", "branch-secretary", "member"];
const ALL = ROLES;
const SIGNED_IN = ROLES.filter((r) => r !== "anonymous");
const NEWSROOM = ["admin", "editor", "reviewer"];
const WRITERS = ["editor", "reviewer"];
const REVIEWERS = ["reviewer"];
const ADMINS = ["admin"];
const RECORDS = ["records-officer", "branch-secretary"];
const OFFICER = ["records-officer"];
// What a party member's own account reads besides their own pages (which
// are SIGNED_IN routes): the classes they are enrolled in, the committee's guides.
const RECORDS_AND_MEMBERS = [...RECORDS, "member"];

// Who may use each route. Keep in step with src/web/*/ (the test fails
// if a route is missing here or listed here but gone).
const MATRIX = {
  "GET /": ALL,
  "GET /columns/{slug}/": ALL,
  "GET /columns/{slug}/page/{n}/": ALL,
  "GET /articles/{id}/": ALL,
  "GET /en/": ALL,
  "GET /en/columns/{slug}/": ALL,
  "GET /en/columns/{slug}/page/{n}/": ALL,
  "GET /en/articles/{id}/": ALL,
  "GET /en/search": ALL,
  "GET /en/mailbox/": ALL,
  "GET /en/mailbox/{slug}/": ALL,
  "POST /en/mailbox/{slug}/": ALL,
  "POST /en/mailbox/lookup": ALL,
  "GET /zh/": ALL,
  "GET /zh/columns/{slug}/": ALL,
  "GET /zh/columns/{slug}/page/{n}/": ALL,
  "GET /zh/articles/{id}/": ALL,
  "GET /zh/search": ALL,
  "GET /zh/mailbox/": ALL,
  "GET /zh/mailbox/{slug}/": ALL,
  "POST /zh/mailbox/{slug}/": ALL,
  "POST /zh/mailbox/lookup": ALL,
  "GET /static/{path*}": ALL,
  "GET /media/{name}": ALL,
  "GET /healthz": ALL,
  "GET /search": ALL,
  "GET /mailbox/": ALL,
  "GET /mailbox/{slug}/": ALL,
  "POST /mailbox/{slug}/": ALL,
  "POST /mailbox/lookup": ALL,
  "GET /robots.txt": ALL,
  "GET /sitemap.xml": ALL,
  "GET /sitemaps/{file}": ALL,
  "GET /feed.xml": ALL,
  "GET /columns/{slug}/feed.xml": ALL,
  "GET /atom.xml": ALL,
  "GET /columns/{slug}/atom.xml": ALL,
  "GET /en/feed.xml": ALL,
  "GET /en/columns/{slug}/feed.xml": ALL,
  "GET /en/atom.xml": ALL,
  "GET /en/columns/{slug}/atom.xml": ALL,
  "GET /zh/feed.xml": ALL,
  "GET /zh/columns/{slug}/feed.xml": ALL,
  "GET /zh/atom.xml": ALL,
  "GET /zh/columns/{slug}/atom.xml": ALL,
  "GET /admin/login": ALL,
  "POST /admin/login": ALL,
  "POST /admin/login/mfa": ALL,
  "POST /admin/logout": SIGNED_IN,
  "GET /admin/settings": ADMINS,
  "POST /admin/settings": ADMINS,
  "GET /admin/word-lists": ADMINS,
  "POST /admin/word-lists": ADMINS,
  "POST /admin/word-lists/{id}/delete": ADMINS,
  "POST /admin/word-lists/import": ADMINS,
  "GET /admin/word-lists/export/{format}": ADMINS,
  "GET /admin/word-lists/published": ADMINS,
  "POST /admin/word-lists/leaders": ADMINS,
  "POST /admin/word-lists/leaders/{id}/delete": ADMINS,
  "GET /admin/": SIGNED_IN,
  "GET /admin/articles/": NEWSROOM,
  "GET /admin/articles/new": WRITERS,
  "POST /admin/articles/": WRITERS,
  "GET /admin/articles/{id}/": NEWSROOM,
  "POST /admin/articles/{id}/": WRITERS,
  "GET /admin/articles/{id}/revisions": NEWSROOM,
  "GET /admin/articles/{id}/review-record.xlsx": NEWSROOM,
  "GET /admin/review-record.xlsx": ADMINS,
  "GET /admin/messages": NEWSROOM,
  "GET /admin/messages/{id}": NEWSROOM,
  "POST /admin/messages/{id}/{verb}": NEWSROOM,
  "GET /admin/mailbox": ADMINS,
  "GET /admin/inspection": ADMINS,
  "GET /admin/statistics": ADMINS,
  "GET /admin/statistics.xlsx": ADMINS,
  "POST /admin/inspection/run": ADMINS,
  "GET /admin/inspection.xlsx": ADMINS,
  "GET /admin/publishing": ADMINS,
  "POST /admin/publishing/forget": ADMINS,
  "POST /admin/mailbox/boxes/{id}": ADMINS,
  "POST /admin/mailbox/calendar": ADMINS,
  "POST /admin/preview": WRITERS,
  "POST /admin/preview/findings": WRITERS,
  "POST /admin/articles/{id}/submit": WRITERS,
  "POST /admin/articles/{id}/restore": WRITERS,
  "POST /admin/articles/{id}/approve": REVIEWERS,
  "POST /admin/articles/{id}/return": REVIEWERS,
  "POST /admin/articles/{id}/withdraw": REVIEWERS,
  "POST /admin/articles/{id}/republish": REVIEWERS,
  "POST /admin/articles/{id}/pin": REVIEWERS,
  "POST /admin/articles/{id}/unpin": REVIEWERS,
  "POST /admin/articles/{id}/correct-date": ADMINS,
  "GET /admin/media": WRITERS,
  "GET /admin/media.json": WRITERS,  // the editor's image search
  "GET /admin/media-file/{name}": [...WRITERS, ...RECORDS],  // staff copies, meeting photos
  "POST /admin/media": WRITERS,
  "GET /admin/media/{id}": WRITERS,  // one file: where it is used
  "POST /admin/media/{id}/alt": WRITERS,
  "POST /admin/media/{id}/delete": WRITERS,
  "POST /admin/articles/{id}/attachments": WRITERS,
  "POST /admin/articles/{id}/attachments/{media}/remove": WRITERS,
  "GET /api/v1/articles": NEWSROOM,
  "POST /api/v1/articles": WRITERS,
  "GET /api/v1/articles/{id}": NEWSROOM,
  "PUT /api/v1/articles/{id}": WRITERS,
  "GET /api/v1/articles/{id}/revisions": NEWSROOM,
  "GET /api/v1/articles/{id}/review-record": NEWSROOM,
  "POST /api/v1/articles/{id}/submit": WRITERS,
  "POST /api/v1/articles/{id}/restore": WRITERS,
  "POST /api/v1/articles/{id}/approve": REVIEWERS,
  "POST /api/v1/articles/{id}/return": REVIEWERS,
  "POST /api/v1/articles/{id}/withdraw": REVIEWERS,
  "POST /api/v1/articles/{id}/republish": REVIEWERS,
  "POST /api/v1/articles/{id}/pin": REVIEWERS,
  "POST /api/v1/articles/{id}/unpin": REVIEWERS,
  "GET /api/v1/columns": NEWSROOM,
  "POST /api/v1/columns": ADMINS,
  "PUT /api/v1/columns/{id}": ADMINS,
  "GET /api/v1/media": WRITERS,
  "POST /api/v1/media": WRITERS,
  "DELETE /api/v1/media/{id}": WRITERS,
  "GET /admin/account": SIGNED_IN,
  "POST /admin/account/password": SIGNED_IN,
  "POST /admin/account/language": SIGNED_IN,
  "POST /admin/account/sessions/end-others": SIGNED_IN,
  "GET /admin/account/mfa": SIGNED_IN,
  "POST /admin/account/mfa/start": SIGNED_IN,
  "POST /admin/account/mfa/confirm": SIGNED_IN,
  "GET /admin/org": RECORDS,
  "GET /admin/org/branches/{id}": RECORDS,
  "GET /admin/org/members/{id}": RECORDS,
  "POST /admin/org/members/{id}/transfer": ["records-officer"],
  "POST /admin/org/members/{id}/account": ["records-officer"],
  "POST /admin/org/members/{id}/full": ["records-officer"],
  "POST /admin/org/members/{id}/full-approval": ["records-officer"],
  "GET /admin/org/check": OFFICER,
  "POST /admin/org/setup": OFFICER,
  "POST /admin/org/branches": OFFICER,
  "POST /admin/org/branches/{id}/dissolve": OFFICER,
  "POST /admin/org/branches/{id}/restore": OFFICER,
  "POST /admin/org/units/{id}": OFFICER,
  "POST /admin/org/members/{id}/posts": OFFICER,
  "POST /admin/org/members/{id}/former-posts": OFFICER,
  "POST /admin/org/members/{id}/former-posts/{fid}/delete": OFFICER,
  "GET /admin/org/members/{id}/training": RECORDS,
  "GET /admin/org/members/{id}/training.xlsx": RECORDS,
  "POST /admin/org/members/{id}/training": OFFICER,
  "GET /admin/training/outside/{tid}/edit": OFFICER,
  "POST /admin/training/outside/{tid}/edit": OFFICER,
  "POST /admin/training/outside/{tid}/delete": OFFICER,
  "GET /admin/org/members.csv": ["records-officer"],
  "GET /admin/org/members.xlsx": OFFICER,
  "GET /admin/org/members/new": OFFICER,
  "POST /admin/org/members": OFFICER,
  "GET /admin/org/members/{id}/edit": OFFICER,
  "POST /admin/org/members/{id}/edit": OFFICER,
  "GET /admin/org/import": OFFICER,
  "POST /admin/org/import": OFFICER,
  "POST /admin/org/import/confirm": OFFICER,
  "GET /admin/training": RECORDS_AND_MEMBERS,
  "GET /admin/training/new": OFFICER,
  "POST /admin/training": OFFICER,
  "GET /admin/training/hours": RECORDS,
  // Open to the signed-in: one's own archive, 404 without a member record.
  "GET /admin/training/mine": SIGNED_IN,
  "GET /admin/training/mine.xlsx": SIGNED_IN,
  "GET /admin/training/reports/new": SIGNED_IN,
  "POST /admin/training/reports": SIGNED_IN,
  "POST /admin/training/reports/{tid}/withdraw": SIGNED_IN,
  "GET /admin/training/reports/{tid}/edit": SIGNED_IN,
  "POST /admin/training/reports/{tid}/edit": SIGNED_IN,
  "GET /admin/training/reports/{tid}/certificate": SIGNED_IN,
  "GET /admin/training/reports": OFFICER,
  "POST /admin/training/reports/{tid}/confirm": OFFICER,
  "POST /admin/training/reports/{tid}/return": OFFICER,
  "GET /admin/training/hours.csv": RECORDS,
  "GET /admin/training/hours.xlsx": RECORDS,
  "POST /admin/training/requirements": OFFICER,
  "GET /admin/training/sessions/{sid}": RECORDS,
  "GET /admin/training/sessions/{sid}/sheet.xlsx": RECORDS,
  "GET /admin/training/sessions/{sid}/edit": OFFICER,
  "POST /admin/training/sessions/{sid}/edit": OFFICER,
  "POST /admin/training/sessions/{sid}/delete": OFFICER,
  "POST /admin/training/sessions/{sid}/mark": OFFICER,
  "POST /admin/training/sessions/{sid}/marks": OFFICER,
  "GET /admin/training/sessions/{sid}/checkin": OFFICER,
  "GET /admin/training/sessions/{sid}/checkin.json": OFFICER,
  // The route is open to the signed-in; the service allows the records
  // officer and enrolled members only (the page), and checks enrollment
  // again on check-in (the POST).
  // The demo secretary is enrolled in class 1, so may open its check-in page.
  "GET /admin/checkin/{sid}": RECORDS,
  "POST /admin/checkin/{sid}": SIGNED_IN,
  "POST /admin/materials/class/{id}": OFFICER,
  // Route open to the signed-in; the service allows the officer and enrolled members.
  "GET /admin/materials/{mid}": SIGNED_IN,
  "POST /admin/materials/{mid}/delete": OFFICER,
  "GET /admin/training/{id}": RECORDS,
  "GET /admin/training/{id}/edit": OFFICER,
  "POST /admin/training/{id}/edit": OFFICER,
  "GET /admin/training/{id}/summary": OFFICER,
  "GET /admin/training/{id}/summary.xlsx": OFFICER,
  "POST /admin/training/{id}/sessions": OFFICER,
  "POST /admin/training/{id}/enroll": OFFICER,
  "POST /admin/training/{id}/withdraw": OFFICER,
  "POST /admin/training/{id}/enroll-secretaries": OFFICER,
  "POST /admin/training/{id}/advance": OFFICER,
  "POST /admin/training/{id}/news": OFFICER,
  "POST /admin/training/photos/{id}": OFFICER,
  "POST /admin/training/photos/{id}/remove": OFFICER,
  "POST /admin/training/photos/{id}/lead": OFFICER,
  // Branch organisational life: the route needs a records role; the
  // service then keeps a secretary to their own branch (here the Cadre
  // Office's, branch 3, whose demo meeting 1 is probed).
  "GET /admin/branch-life": RECORDS,
  "GET /admin/branch-life/overview.xlsx": OFFICER,
  "GET /admin/branch-life/guides": RECORDS_AND_MEMBERS,
  "POST /admin/branch-life/guides": OFFICER,
  // Open to the signed-in: a member sees their own year (others have none: 404).
  "GET /admin/branch-life/mine": SIGNED_IN,
  "GET /admin/branch-life/mine.ics": SIGNED_IN,
  "POST /admin/branch-life/mine/calendar-link": SIGNED_IN,
  "POST /admin/branch-life/mine/calendar-link/stop": SIGNED_IN,
  // A calendar address: its secret token is the credential (a 404 without it).
  "GET /admin/calendar/{file}": ALL,
  // A branch's secretary keeps a reminder address, and the records officer
  // one for the digest of every branch.
  "POST /admin/branch-life/reminder-email": ["branch-secretary", "records-officer"],
  "GET /admin/branch-life/branches/{id}": RECORDS,
  "POST /admin/branch-life/branches/{id}/plan": RECORDS,
  "GET /admin/branch-life/branches/{id}/record": RECORDS,
  "GET /admin/branch-life/branches/{id}/record.xlsx": RECORDS,
  "GET /admin/branch-life/branches/{id}/appraisal": RECORDS,
  "POST /admin/branch-life/branches/{id}/appraisal": RECORDS,
  "GET /admin/branch-life/branches/{id}/talks": RECORDS,
  "POST /admin/branch-life/branches/{id}/talks": RECORDS,
  "GET /admin/branch-life/talks/{id}/edit": RECORDS,
  "POST /admin/branch-life/talks/{id}/edit": RECORDS,
  "POST /admin/branch-life/talks/{id}/delete": RECORDS,
  "GET /admin/branch-life/branches/{id}/meetings/new": RECORDS,
  "GET /admin/branch-life/branches/{id}/clashes.json": RECORDS,
  "POST /admin/branch-life/branches/{id}/meetings": RECORDS,
  "GET /admin/meetings/{id}": RECORDS,
  "GET /admin/meetings/{id}/edit": RECORDS,
  "POST /admin/meetings/{id}/edit": RECORDS,
  "POST /admin/meetings/{id}/delete": RECORDS,
  "POST /admin/meetings/{id}/marks": RECORDS,
  "POST /admin/meetings/{id}/reviews": RECORDS,
  "POST /admin/meetings/{id}/photos": RECORDS,
  "POST /admin/meetings/{id}/photos/remove": RECORDS,
  "POST /admin/meetings/{id}/photos/lead": RECORDS,
  "POST /admin/meetings/{id}/news": RECORDS,
  "GET /admin/meetings/{id}/checkin": RECORDS,
  "GET /admin/meetings/{id}/checkin.json": RECORDS,
  // A member's check-in: the code decides (a bad one is 422, not 403).
  "GET /admin/meeting-checkin/{id}": SIGNED_IN,
  "POST /admin/meeting-checkin/{id}": SIGNED_IN,
  // Party dues: the route needs a records role (a member's own dues are
  // /admin/dues/mine); the service keeps a secretary to their own branch
  // (branch 3, member 1, probed here).
  "GET /admin/dues": RECORDS,
  "GET /admin/dues/overview.xlsx": OFFICER,
  "GET /admin/dues/mine": SIGNED_IN,
  "GET /admin/dues/bases.xlsx": RECORDS,
  "GET /admin/dues/import": RECORDS,
  "POST /admin/dues/import": RECORDS,
  "GET /admin/dues/branches/{id}": RECORDS,
  "GET /admin/dues/branches/{id}/dues.xlsx": RECORDS,
  "POST /admin/dues/branches/{id}/carry-over": RECORDS,
  "POST /admin/dues/branches/{id}/payments": RECORDS,
  "GET /admin/dues/members/{id}": RECORDS,
  "POST /admin/dues/members/{id}/base": RECORDS,
  "POST /admin/dues/members/{id}/payments": RECORDS,
  "POST /admin/dues/members/{id}/undo": RECORDS,
  // 发展党员: the records roles; the service keeps a secretary to their
  // own branch (applicant 1 is in branch 3, probed here).
  "GET /admin/org/applicants": RECORDS,
  "GET /admin/org/applicants/new": RECORDS,
  "GET /admin/org/applicants.xlsx": RECORDS,
  "GET /admin/org/applicants/import": RECORDS,
  "POST /admin/org/applicants/import": RECORDS,
  "GET /admin/org/applicants/import-template.xlsx": RECORDS,
  "POST /admin/org/applicants": RECORDS,
  "GET /admin/org/applicants/{id}": RECORDS,
  "GET /admin/org/applicants/{id}/edit": RECORDS,
  "POST /admin/org/applicants/{id}/edit": RECORDS,
  "POST /admin/org/applicants/{id}/advance": RECORDS,
  "POST /admin/org/applicants/{id}/stop": RECORDS,
  "POST /admin/org/applicants/{id}/steps": RECORDS,
  "POST /admin/org/applicants/{id}/steps/{step}/clear": RECORDS,
  "GET /api/v1/branches/{id}/meetings": RECORDS,
  "GET /api/v1/meetings/{id}": RECORDS,
  "GET /api/v1/branches/{id}/talks": RECORDS,
  "GET /admin/users": ADMINS,
  "POST /admin/users": ADMINS,
  "GET /admin/users/{name}": ADMINS,
  "POST /admin/users/{name}": ADMINS,
  "GET /admin/audit": ADMINS,
  "GET /admin/audit.csv": ADMINS,
  "GET /admin/columns": ADMINS,
  "POST /admin/columns": ADMINS,
  "GET /admin/columns/{id}": ADMINS,
  "POST /admin/columns/{id}": ADMINS,
};

let srv, dir, routes, articleId, mediaPath;
const tokens = {};
const USERS = { admin: "adm", editor: "ed", reviewer: "rv", "records-officer": "ro", "branch-secretary": "bs", member: "mb" };

before(async () => {
  dir = tempDir();
  const printed = spawnSync(BIN, withDatabase(["serve", "--data", dir, "--demo", "--print-routes"]), { encoding: "utf8" });
  assert.equal(printed.status, 0, printed.stderr);
  routes = printed.stdout.trim().split("\n").map((l) => l.split("\t")).map(([m, p]) => `${m} ${p}`);
  for (const [role, name] of Object.entries(USERS)) {
    // The branch secretary's account is linked to the Cadre Office branch's secretary (member 1).
    // The member's account is linked to member 2, of the same branch, who holds no post.
    addUser(dir, name, [role], undefined, role === "branch-secretary" ? ["--member", "1"] : role === "member" ? ["--member", "2"] : []);
    tokens[role] = apiToken(dir, name);
  }
  addUser(dir, "ed2", ["editor"]);  // a second editor, for ownership
  tokens.ed2 = apiToken(dir, "ed2");
  srv = await startServer({ dataDir: dir, demo: false });
  const admin = new Client(srv);
  await admin.signIn("adm");
  await admin.post("/admin/columns/2", { name: "Party Building", slug: "party-building", position: "1", reviewer: "3" });
  const ed = new Client(srv);
  await ed.signIn("ed");
  const created = await ed.post("/admin/articles/", { title: "Matrix probe", column: "2", body: "x" });
  articleId = created.headers.location.match(/(\d+)/)[1];
  mediaPath = (await request(srv.url + "/en/articles/1/")).body.match(/src="\/media\/([^"]+)"/)[1];
});
after(async () => { await srv?.stop(); });

test("every route has a matrix entry, and every entry a route", () => {
  assert.deepEqual([...routes].sort(), Object.keys(MATRIX).sort());
});

test("serve --print-routes needs no data dir; serving without one names --data", () => {
  const printed = spawnSync(BIN, withDatabase(["serve", "--print-routes"]), { encoding: "utf8" });
  assert.equal(printed.status, 0, printed.stderr);
  const listed = printed.stdout.trim().split("\n").map((l) => l.split("\t")).map(([m, p]) => `${m} ${p}`);
  assert.deepEqual(listed, routes);
  const refused = spawnSync(BIN, ["serve", "--listen", "127.0.0.1:1"], { encoding: "utf8" });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /--data is required/);
});

function concrete(pattern) {
  return pattern.replace("{slug}", "highlights").replace("{media}", "1").replace("{name}", pattern.startsWith("/admin/users") ? "nobody-here" : "{name}").replace("{n}", "2").replace("{path*}", "css/site.css")
    .replace("{name}", mediaPath)
    .replace("{sid}", "1").replace("{mid}", "1").replace("{step}", "talk")
    .replace("{id}", /^\/admin\/(training|materials)/.test(pattern) ? "1" : pattern.startsWith("/admin/org/branches") ? "3" : pattern.startsWith("/admin/org/members") ? "1"
      : /^\/(admin\/branch-life|admin\/dues|api\/v1)\/branches/.test(pattern) ? "3"
      : pattern.startsWith("/admin/dues/members") ? "1"
      : pattern.startsWith("/admin/org/applicants") ? "1"
      : /^\/(admin\/meetings|admin\/meeting-checkin|admin\/branch-life\/talks|api\/v1\/meetings)/.test(pattern) ? "1"
      : /^\/(admin|api\/v1)\/columns/.test(pattern) ? "2"
      : /^\/(admin|api)\//.test(pattern) ? articleId : "1");
}

// Denied: 403; 401 from the API; for anonymous admin GETs a redirect to
// the sign-in page.
function denied(res, isApi) {
  return (isApi && res.status === 401) || res.status === 403 || (res.status === 303 && /^\/admin\/login\?next=/.test(res.headers.location ?? ""));
}

for (const role of ROLES) {
  test(`matrix for ${role}`, async () => {
    const client = new Client(srv);
    if (role !== "anonymous") assert.equal((await client.signIn(USERS[role])).status, 303);
    // Logout last: it ends the session the other requests use.
    const ordered = [...routes].sort((a, b) => (a === "POST /admin/logout") - (b === "POST /admin/logout"));
    const wrong = [];
    for (const route of ordered) {
      const [method, pattern] = route.split(" ");
      const path = concrete(pattern);
      let res;
      if (route === "POST /admin/login" || route === "POST /admin/login/mfa") {
        const fresh = new Client(srv);  // needs no session: any visitor may try
        const page = await fresh.get("/admin/login");
        const token = page.body.match(/name="_csrf" value="([^"]+)"/)[1];
        const fields = route === "POST /admin/login" ? { name: "nobody", password: "wrong password" }
                                                      : { ticket: "expired", code: "123456" };
        res = await fresh.post(path, { _csrf: token, ...fields }, { csrf: false });
      } else if (pattern.startsWith("/api/")) {
        res = await api(srv, method, path, { token: tokens[role], json: method === "GET" || method === "DELETE" ? undefined : {} });
      } else if (method === "GET") {
        res = await client.get(path);
      } else {
        res = await client.post(path, {});
      }
      const expectAllow = MATRIX[route].includes(role);
      // A member reaches no branch, meeting or talk: the answer is a
      // refusal, or a 404 that hides the meeting or talk.
      const branchRecords = /^\/(admin\/branch-life\/(branches|talks)|admin\/meetings|api\/v1\/(branches|meetings))\//.test(pattern);
      const refused = denied(res, pattern.startsWith("/api/")) ||
        (role === "member" && branchRecords && res.status === 404);
      if (refused === expectAllow) wrong.push(`${route} → ${res.status} (expected ${expectAllow ? "allow" : "deny"})`);
    }
    assert.deepEqual(wrong, []);
  });
}

// "Allowed" above means the role may reach the route. For one article, the
// rule is narrower: editors change only their own, so another editor is
// refused on every route that changes it, and the article stays as it was.
test("ownership: another editor changes nothing on an editor's article", async () => {
  const ed2 = new Client(srv);
  assert.equal((await ed2.signIn("ed2")).status, 303);
  const page = await ed2.get(`/admin/articles/${articleId}/`);
  const version = page.body.match(/name="version" value="(\d+)"/)[1];
  const web = {
    [`/admin/articles/${articleId}/`]: { version, title: "Taken over", column: "2", body: "y" },
    [`/admin/articles/${articleId}/submit`]: {},
    [`/admin/articles/${articleId}/restore`]: { revision: "1" },
    [`/admin/articles/${articleId}/attachments`]: { media: "1" },
  };
  for (const [path, fields] of Object.entries(web)) {
    const res = await ed2.post(path, fields);
    assert.equal(res.status, 403, `${path} → ${res.status}`);
  }
  const put = await api(srv, "PUT", `/api/v1/articles/${articleId}`, { token: tokens.ed2, json: { version: Number(version), title: "Taken over", column_id: 2, body: "y" } });
  assert.equal(put.status, 403);
  for (const verb of ["submit", "restore"]) {
    const r = await api(srv, "POST", `/api/v1/articles/${articleId}/${verb}`, { token: tokens.ed2, json: verb === "restore" ? { revision_id: 1 } : {} });
    assert.equal(r.status, 403, `${verb} → ${r.status}`);
  }
  const got = await api(srv, "GET", `/api/v1/articles/${articleId}`, { token: tokens.editor });
  assert.equal(got.json.article.title, "Matrix probe");
});

// Nothing on a role's dashboard or menu links where the role may not go.
test("every link on each role's dashboard opens for that role", async () => {
  const wrong = [];
  for (const role of SIGNED_IN) {
    const client = new Client(srv);
    assert.equal((await client.signIn(USERS[role])).status, 303);
    const dash = (await client.get("/admin/")).body;
    const links = [...new Set([...dash.matchAll(/href="(\/admin\/[^"#]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&")))];
    assert.ok(links.length > 2, `${role}: ${links}`);
    for (const href of links) {
      const res = await client.get(href);
      if (res.status !== 200 && res.status !== 303) wrong.push(`${role}: ${href} → ${res.status}`);
    }
  }
  assert.deepEqual(wrong, []);
});
