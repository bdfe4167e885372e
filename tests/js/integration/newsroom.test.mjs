// The newsroom over real HTTP: sign-in, sessions, CSRF and Origin, the
// review workflow end to end with the portal, revisions, audit, scheduling.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir, sleep, BIN, withDatabase, queryDb } from "../lib/server.mjs";
import { addUser, Client, PASSWORD } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";

let srv, dir;
before(async () => {
  dir = tempDir();
  addUser(dir, "editor1", ["editor"]);
  addUser(dir, "rev1", ["reviewer"]);
  addUser(dir, "rev2", ["reviewer"]);
  addUser(dir, "admin1", ["admin"]);
  srv = await startServer({ dataDir: dir });
  // The admin makes rev1 the reviewer of Party Building (column 2), rev2 of Notices (3).
  const admin = new Client(srv);
  assert.equal((await admin.signIn("admin1")).status, 303);
  for (const [id, slug, name, rev] of [[2, "party-building", "Party Building", 2], [3, "notices", "Notices", 3]]) {
    const res = await admin.post(`/admin/columns/${id}`, { name, slug, position: String(id), reviewer: String(rev) });
    assert.equal(res.status, 303, res.body);
  }
});
after(async () => { await srv.stop(); });

test("sign-in: same message for an unknown user and a wrong password; a hardened cookie", async () => {
  const c = new Client(srv);
  const wrong = await c.signIn("editor1", "not the password");
  const unknown = await c.signIn("nobody", "not the password");
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  const msg = (r) => r.body.match(/role="alert"><p>([^<]+)/)[1];
  assert.equal(msg(wrong), msg(unknown));
  const ok = await c.signIn("editor1");
  assert.equal(ok.status, 303);
  const cookie = [ok.headers["set-cookie"]].flat().find((x) => x.startsWith("__Host-procura_session="));
  assert.match(cookie, /; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
  assert.ok(cookie.split(";")[0].length > 40, "a long random token");
  assert.equal((await c.get("/admin/")).status, 200);
  assert.equal((await c.get("/admin/")).headers["cache-control"], "no-store");
});

test("anonymous: admin pages redirect to sign-in, POSTs are refused", async () => {
  const res = await request(srv.url + "/admin/articles/");
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, "/admin/login?next=%2Fadmin%2Farticles%2F");
  const c = new Client(srv);
  assert.equal((await c.post("/admin/articles/", { title: "x" }, { csrf: false })).status, 403);
});

test("a mistyped newsroom address: the newsroom's own 404 for staff, the site's for anyone else", async () => {
  // The other spelling of an existing address redirects, either way round.
  assert.equal((await request(srv.url + "/admin/messages/")).headers.location, "/admin/messages");
  const slashless = await request(srv.url + "/admin/articles?state=draft");
  assert.equal(slashless.status, 301);
  assert.equal(slashless.headers.location, "/admin/articles/?state=draft");
  // Anonymous: the public 404, which says nothing about the newsroom.
  const anon = await request(srv.url + "/admin/no-such-page");
  assert.equal(anon.status, 404);
  assert.match(anon.body, /class="site-header"/);
  assert.doesNotMatch(anon.body, /newsroom page/);
  const ed = new Client(srv);
  assert.equal((await ed.signIn("editor1")).status, 303);
  const res = await ed.get("/admin/no-such-page");
  assert.equal(res.status, 404);
  assert.equal(res.headers["cache-control"], "no-store");
  assert.match(res.body, /There is no newsroom page at \/admin\/no-such-page\./);
  assert.match(res.body, /href="\/admin\/"/, "a way back to the dashboard");
  assert.doesNotMatch(res.body, /class="site-header"/);
  const escaped = await ed.get("/admin/%3Cb%3Ex");
  assert.equal(escaped.status, 404);
  assert.doesNotMatch(escaped.body, /<b>x/);
  // A POST-only address opened in the browser: still 405, in the newsroom's layout.
  const opened = await ed.get("/admin/logout");
  assert.equal(opened.status, 405);
  assert.equal(opened.headers.allow, "POST");
  assert.match(opened.body, /newsroom page/);
  // Outside /admin/, staff get the site's page like everyone.
  const pub = await ed.get("/no/such/page");
  assert.equal(pub.status, 404);
  assert.match(pub.body, /class="site-header"/);
});

test("CSRF: a missing token or a foreign Origin gets 403 and changes nothing", async () => {
  const c = new Client(srv);
  await c.signIn("editor1");
  const before = (await c.get("/admin/articles/")).body.match(/(\d+) articles/)[1];
  let res = await c.post("/admin/articles/", { title: "CSRF probe", column: "1", body: "x" }, { csrf: false });
  assert.equal(res.status, 403);
  assert.match(res.body, /security token/);
  res = await c.post("/admin/articles/", { title: "CSRF probe", column: "1", body: "x" }, { origin: "https://evil.example" });
  assert.equal(res.status, 403);
  res = await c.post("/admin/articles/", { title: "CSRF probe", column: "1", body: "x" }, { origin: null });
  assert.equal(res.status, 403, "no Origin and no Referer");
  const after = (await c.get("/admin/articles/")).body.match(/(\d+) articles/)[1];
  assert.equal(after, before);
});

test("bad input: 422 naming the field, and the form keeps what was typed", async () => {
  const c = new Client(srv);
  await c.signIn("editor1");
  const res = await c.post("/admin/articles/", { title: "", column: "2", author: "Kept Author", body: "kept body text" });
  assert.equal(res.status, 422);
  assert.match(res.body, /Title: please fill this in\./);
  assert.match(res.body, /value="Kept Author"/);
  assert.match(res.body, /kept body text<\/textarea>/);
  const long = await c.post("/admin/articles/", { title: "x".repeat(201), column: "2", body: "b" });
  assert.equal(long.status, 422);
  assert.match(long.body, /Title: too long, at most 200 characters\./);
  const past = await c.post("/admin/articles/", { title: "t", column: "2", body: "b", scheduled_for: "2020-01-01 09:00" });
  assert.match(past.body, /The publish time must be in the future/);
});

async function createArticle(c, title, column = "2", extra = {}) {
  const res = await c.post("/admin/articles/", { title, column, author: "Newsroom", body: "First paragraph of " + title, ...extra });
  assert.equal(res.status, 303, res.body.slice(0, 500));
  return Number(res.headers.location.match(/\/admin\/articles\/(\d+)\//)[1]);
}

test("the workflow end to end, with the portal updated at once", async () => {
  const editor = new Client(srv), rev1 = new Client(srv), rev2 = new Client(srv);
  await editor.signIn("editor1");
  await rev1.signIn("rev1");
  await rev2.signIn("rev2");
  const id = await createArticle(editor, "Branch secretaries complete their training");
  assert.equal((await request(srv.url + `/articles/${id}/`)).status, 404, "a draft is not public");
  assert.equal((await editor.review(id, "approve")).status, 403, "editors cannot approve");
  assert.equal((await editor.post(`/admin/articles/${id}/submit`)).status, 303);
  assert.equal((await rev2.review(id, "approve")).status, 403, "rev2 reviews another column");
  // Nor may rev2 edit it: edit rights follow the same column rules as approval.
  const asRev2 = await rev2.get(`/admin/articles/${id}/`);
  assert.match(asRev2.body, /Another editor wrote this article\./, "told why the form is read-only");
  assert.doesNotMatch(asRev2.body, /<button type="submit">Save<\/button>/);
  assert.match(asRev2.body, /<fieldset class="editor-fields" disabled>/, "its fields are locked, not open for typing");
  const own = await editor.get(`/admin/articles/${id}/`);
  assert.match(own.body, /<fieldset class="editor-fields">/, "the writer's own are open");
  // The example publish time is one to come: tomorrow at 09:00.
  const tomorrow = new Date(Date.now() + (8 * 60 + 24 * 60) * 60000).toISOString().slice(0, 10);
  assert.match(own.body, new RegExp(`\\(optional, future only, e\\.g\\. ${tomorrow} 09:00; empty publishes on approval\\)`));
  const v2 = asRev2.body.match(/name="version" value="(\d+)"/)[1];
  const sneaky = await rev2.post(`/admin/articles/${id}/`, { version: v2, title: "Changed by rev2", column: "2", body: "x" });
  assert.equal(sneaky.status, 403);
  assert.doesNotMatch((await editor.get(`/admin/articles/${id}/`)).body, /Changed by rev2/);
  const returned = await rev1.review(id, "return", { reason: "Name the six branches" });
  assert.equal(returned.status, 303);
  assert.match((await editor.get(`/admin/articles/${id}/`)).body, /Reviewer&#39;s note: Name the six branches|Reviewer's note: Name the six branches/);
  // The editor's dashboard marks the draft as returned, with the reason.
  assert.match((await editor.get("/admin/")).body,
    new RegExp(`<tr class="returned"><td><a href="/admin/articles/${id}/" lang="[^"]+">[^<]+</a><br><strong class="returned-mark">Returned: </strong>Name the six branches</td>`));
  // The reviewer reads the review actions beside the preview, with a labelled text area.
  const reviewPage = await rev1.get(`/admin/articles/${id}/`);
  assert.doesNotMatch(reviewPage.body, /class="review-actions"/, "nothing to review while it is a draft");
  assert.equal((await editor.post(`/admin/articles/${id}/submit`)).status, 303);
  const toReview = (await rev1.get(`/admin/articles/${id}/`)).body;
  assert.match(toReview, /<section class="preview" aria-labelledby="preview-h">\s*<div class="review-actions"[^>]*>\s*<h2 id="review-h">Review<\/h2>[\s\S]*Approve and publish[\s\S]*<label for="r-reason">Reason for returning<\/label>\s*<textarea id="r-reason" name="reason" required/);
  // Warm the portal cache, then publish: the pages must change at once.
  const columnBefore = (await request(srv.url + "/columns/party-building/")).body;
  assert.ok(!columnBefore.includes("complete their training"));
  assert.equal((await rev1.review(id, "approve")).status, 303);
  const page = await request(srv.url + `/articles/${id}/`);
  assert.equal(page.status, 200);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.match(page.body, new RegExp(`<time datetime="${today}T`));
  assert.match(page.body, /<a href="\/columns\/party-building\/">Party Building<\/a>/);
  assert.ok((await request(srv.url + "/columns/party-building/")).body.includes("complete their training"));
  const firstDate = page.body.match(/<time datetime="([^"]+)"/)[1];

  // An edit of a published article waits for re-review; the live text stays.
  const editPage = await editor.get(`/admin/articles/${id}/`);
  const version = editPage.body.match(/name="version" value="(\d+)"/)[1];
  const saved = await editor.post(`/admin/articles/${id}/`, { version, title: "Branch secretaries complete their training (corrected)", column: "2", author: "Newsroom", body: "Corrected text" });
  assert.equal(saved.status, 303);
  assert.doesNotMatch((await request(srv.url + `/articles/${id}/`)).body, /corrected/);
  assert.equal((await rev1.review(id, "approve")).status, 303);
  const corrected = await request(srv.url + `/articles/${id}/`);
  assert.match(corrected.body, /\(corrected\)/);
  assert.equal(corrected.body.match(/<time datetime="([^"]+)"/)[1], firstDate, "the date never moves");

  // Withdraw asks first (a page whose form re-sends the reason with
  // confirm=1; no JavaScript needed) and changes nothing until confirmed.
  const ask = await rev1.post(`/admin/articles/${id}/withdraw`, { reason: "Superseded" });
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Withdraw this article from the portal\?/);
  assert.match(ask.body, /<input type="hidden" name="reason" value="Superseded">/);
  assert.match(ask.body, /<input type="hidden" name="confirm" value="1">/);
  assert.match(ask.body, new RegExp(`<a href="/admin/articles/${id}/">No, go back</a>`));
  assert.equal((await request(srv.url + `/articles/${id}/`)).status, 200, "still public");
  // Withdraw: the page 404s at once; publish again: same date.
  assert.equal((await rev1.post(`/admin/articles/${id}/withdraw`, { reason: "", confirm: "1" })).status, 422);
  assert.equal((await rev1.post(`/admin/articles/${id}/withdraw`, { reason: "Superseded", confirm: "1" })).status, 303);
  assert.equal((await request(srv.url + `/articles/${id}/`)).status, 404);
  assert.ok(!(await request(srv.url + "/columns/party-building/")).body.includes("complete their training"));
  assert.equal((await rev1.post(`/admin/articles/${id}/republish`)).status, 303);
  const again = await request(srv.url + `/articles/${id}/`);
  assert.equal(again.body.match(/<time datetime="([^"]+)"/)[1], firstDate);

  // Revisions: three saves, a readable diff, restore as a new revision.
  const revs = await editor.get(`/admin/articles/${id}/revisions?a=1&b=2`);
  assert.equal(revs.status, 200);
  assert.match(revs.body, /<div class="diff-del"><span class="diff-sign" aria-hidden="true">-<\/span><span class="visually-hidden">removed: <\/span># Branch secretaries complete their training<\/div>/);
  assert.match(revs.body, /<div class="diff-add"><span class="diff-sign" aria-hidden="true">\+<\/span><span class="visually-hidden">added: <\/span># Branch secretaries complete their training<mark> \(corrected\)<\/mark><\/div>/,
    "the change within the line is marked");
  assert.doesNotMatch(revs.body, /<div class="diff-same">[^<]*<\/div>\n/, "no blank gaps between lines");
  assert.match(revs.body, /<h2>Revision 1 → 2<\/h2>/);
  assert.match(revs.body, /Restore revision 1</, "an older revision can be restored");
  // The history names each step, newest first, with the reviewer's reason.
  const steps = [...revs.body.matchAll(/<li(?: class="returned")?><time datetime="[^"]+">[^<]+<\/time> · <strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
  assert.deepEqual(steps.slice(-6).reverse(), ["Created", "Submitted for review", "Returned to the writer",
    "Submitted for review", "Approved and published", "Edited after publication; waiting for review"]);
  assert.match(revs.body, /<strong>Returned to the writer<\/strong> · rev1<br><span class="history-detail">Name the six branches<\/span>/);
  assert.ok(steps.includes("Withdrawn") && steps.includes("Published again"));

  // Illegal: submitting a published article.
  assert.equal((await editor.post(`/admin/articles/${id}/submit`)).status, 422);
});

test("the audit log records transitions and denials; its CSV is formula-safe", async () => {
  const editor = new Client(srv), admin = new Client(srv);
  await editor.signIn("editor1");
  await createArticle(editor, "=HYPERLINK(\"http://evil.example\")");
  await admin.signIn("admin1");
  const page = await admin.audit("action=article.");
  // Each action in words, its code beside it; the object by its kind's name.
  assert.match(page.body, /<td[^>]*>Approved and published <code class="code-hint">article\.publish<\/code><\/td><td[^>]*>Article \d+<\/td>/);
  assert.match(page.body, /<td[^>]*>Withdrawn <code class="code-hint">article\.withdraw<\/code><\/td>/);
  const filter = (await admin.get("/admin/audit")).body;
  assert.match(filter, /<input id="a-action" name="action" value="" maxlength="64" list="a-actions">/);
  assert.match(filter, /<option value="member\.view">Member record viewed<\/option>/, "the filter suggests codes with their words");
  const users = await admin.get("/admin/audit?object=user");
  assert.match(users.body, /<option value="user" selected>User<\/option>/);
  const kinds = [...users.body.matchAll(/<\/code><\/td><td[^>]*>([A-Za-z -]+?)(?: \d+)?<\/td>/g)].map((m) => m[1]);
  assert.ok(kinds.length > 0 && kinds.every((k) => k === "User"), kinds.join());
  assert.match((await admin.audit("action=denied")).body, /denied\.csrf/);
  const csv = await admin.get("/admin/audit.csv?action=article.create");
  assert.match(csv.headers["content-type"], /^text\/csv/);
  assert.match(csv.headers["content-disposition"], /attachment/);
  assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil.example"")"`), csv.body.slice(0, 400));
  assert.equal((await editor.get("/admin/audit")).status, 403);
});

test("dashboards: empty sections say so without bare tables; a reviewer with no columns is told why", async () => {
  addUser(dir, "rev-none", ["reviewer"]);
  addUser(dir, "ed-empty", ["editor"]);
  const lonely = new Client(srv);
  await lonely.signIn("rev-none");
  const board = (await lonely.get("/admin/")).body;
  assert.match(board, /You review no columns yet\. An administrator assigns columns to reviewers on the Columns page\./);
  assert.doesNotMatch(board, /Nothing is waiting for you/);
  const fresh = new Client(srv);
  await fresh.signIn("ed-empty");
  const empty = (await fresh.get("/admin/")).body;
  assert.match(empty, /No drafts\./);
  assert.doesNotMatch(empty, /<caption class="visually-hidden">My drafts<\/caption>/, "no table without rows");
});

test("scheduled articles say when they appear, on the article and on the dashboard", async () => {
  const editor = new Client(srv), rev1 = new Client(srv);
  await editor.signIn("editor1");
  await rev1.signIn("rev1");
  const id = await createArticle(editor, "A notice for next year");
  const page = await editor.get(`/admin/articles/${id}/`);
  const version = page.body.match(/name="version" value="(\d+)"/)[1];
  assert.equal((await editor.post(`/admin/articles/${id}/`, { version, title: "A notice for next year", column: "2",
    author: "Newsroom", body: "Text", scheduled_for: "2099-01-02 09:30", then: "submit" })).status, 303);
  assert.equal((await rev1.review(id, "approve")).status, 303);
  assert.match((await editor.get(`/admin/articles/${id}/`)).body, /<strong id="scheduled-at">appears on the portal at 2099-01-02 09:30<\/strong>/);
  assert.match((await editor.get("/admin/")).body,
    new RegExp(`<a href="/admin/articles/${id}/" lang="[^"]+">A notice for next year</a> · Party Building · <span class="date">appears 2099-01-02 09:30</span>`));
});

test("the audit log shows times in the site's zone, and its CSV carries the offset", async () => {
  const admin = new Client(srv);
  await admin.signIn("admin1");
  const page = (await admin.get("/admin/audit?action=login")).body;
  assert.match(page, /<th scope="col">Time \(UTC\+08:00\)<\/th>/);
  const at = page.match(/<td><time datetime="([^"]+)">([^<]+)<\/time><\/td>/);
  assert.ok(at, "a row with a time");
  assert.match(at[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.equal(at[2], at[1].slice(0, 19).replace("T", " "));
  const csv = (await admin.get("/admin/audit.csv?action=login")).body.split("\r\n");
  assert.equal(csv[0], "time,actor,ip,action,object_type,object_id,detail");
  assert.match(csv[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00,/);
  const none = (await admin.get("/admin/audit?action=no-such-action")).body;
  assert.match(none, /No entries match this filter\./);
});

test("the article form shows every error beside its field, with what was typed kept", async () => {
  const editor = new Client(srv);
  await editor.signIn("editor1");
  await editor.get("/admin/articles/new");
  const bad = await editor.post("/admin/articles/", { title: "  ", column: "99", author: "A".repeat(101),
    body: "Typed text stays.", scheduled_for: "tomorrow" });
  assert.equal(bad.status, 422);
  const b = bad.body;
  assert.match(b, /<div class="error-summary" role="alert" id="error-summary"><h2>Please correct the following<\/h2>/);
  for (const [href, text] of [["e-title", "Title: please fill this in."], ["e-author", "Author: too long"],
    ["e-column", "Choose an existing column."], ["e-when", "Enter the publish time as"]])
    assert.match(b, new RegExp(`<li><a href="#${href}">${text.replace(/[.()]/g, "\\$&")}`), href);
  assert.match(b, /<span class="field-error" id="e-title-error">Title: please fill this in\.<\/span>\s*<input id="e-title" name="title" data-draft-field value="  " required maxlength="200" aria-invalid="true" aria-describedby="e-title-error">/);
  assert.match(b, />Typed text stays\.<\/textarea>/);
  assert.doesNotMatch(b, /id="form-error"/, "no second, field-less message");
});

test("an approval the content checks refuse comes back on the article, with the reason, not a bare page", async () => {
  const editor = new Client(srv), rev1 = new Client(srv);
  await editor.signIn("editor1");
  await rev1.signIn("rev1");
  // A personal number keeps it back at submission already, with the
  // masked form to write.
  const withId = await createArticle(editor, "A notice with an ID number", "2", { body: "Contact 11010519491231002X for details." });
  const kept = await editor.post(`/admin/articles/${withId}/submit`);
  assert.equal(kept.status, 422);
  assert.match(kept.body, /Text contains “11010519491231002X” \(a citizen(&#39;|&apos;|')s ID number\), which cannot be published: write “110105\*{8}002X”\./);
  const id = await createArticle(editor, "A notice with a bare image", "2", { body: "The lecture.\n\n![](/media/no-such.jpg)" });
  assert.equal((await editor.post(`/admin/articles/${id}/submit`, { keep_dead_links: "1" })).status, 303);
  const refused = await rev1.review(id, "approve");
  assert.equal(refused.status, 422);
  assert.match(refused.body, /id="editor-form"/, "the article itself, to act on");
  assert.match(refused.body, /<div class="notice error" role="alert" id="form-error"><p>[^<]*image without alt text/);
  assert.match(refused.body, /class="review-actions"/, "the reviewer can return it right there");
});

test("logout and disabling a user end their sessions at once", async () => {
  const a = new Client(srv), b = new Client(srv);
  await a.signIn("rev2");
  await b.signIn("rev2");
  assert.equal((await a.post("/admin/logout")).status, 303);
  assert.equal((await a.get("/admin/")).status, 303, "signed out");
  // A form sent after its session ended: refused, with a link to sign in
  // and go back to the staff page it came from, and only such a page.
  const lateSave = (referer) => request(srv.url + "/admin/articles/", {
    method: "POST", body: "title=x",
    headers: { origin: srv.url, ...(referer ? { referer } : {}), "content-type": "application/x-www-form-urlencoded" } });
  const signInAgain = (res) => res.body.match(/<a class="button" href="([^"]+)" id="sign-in-again">/)?.[1];
  let late = await lateSave(srv.url + "/admin/articles/12/?tab=x");
  assert.equal(late.status, 403);
  assert.equal(signInAgain(late), "/admin/login?next=%2Fadmin%2Farticles%2F12%2F%3Ftab%3Dx");
  for (const elsewhere of [undefined, "nonsense", srv.url + "//evil.example/admin/", srv.url + "/articles/1/",
    "http://evil.example/admin/articles/12/", "https://evil.example/admin/"]) {
    late = await lateSave(elsewhere);
    assert.equal(late.status, 403);
    assert.equal(signInAgain(late), "/admin/login?next=%2Fadmin%2F", String(elsewhere));
  }
  assert.equal((await b.get("/admin/")).status, 200, "the other session lives on");
  const r = spawnSync(BIN, withDatabase(["user", "disable", "rev2", "--data", dir]), { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await b.get("/admin/")).status, 303, "disabled: session ended");
  assert.equal((await b.signIn("rev2")).status, 401);
});

test("the account page lists where one is signed in, and ends the other sessions after the password", async () => {
  addUser(dir, "roamer", ["editor"]);
  const desk = new Client(srv), phone = new Client(srv), laptop = new Client(srv);
  const wechat = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/86.0 Mobile Safari/537.36 MicroMessenger/8.0.23";
  const edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0";
  assert.equal((await desk.signIn("roamer")).status, 303);
  assert.equal((await phone.signIn("roamer", PASSWORD, { headers: { "User-Agent": wechat } })).status, 303);
  assert.equal((await laptop.signIn("roamer", PASSWORD, { headers: { "User-Agent": edge } })).status, 303);
  let page = (await desk.get("/admin/account")).body;
  const rows = page.split('id="sessions"')[1].split("</table>")[0].match(/<tr[ >]/g).length - 1;
  assert.equal(rows, 3, "three sessions listed");
  assert.match(page, /<tr id="session-current"><td class="date" data-label="Signed in">\d{4}-\d\d-\d\d \d\d:\d\d <span class="badge">this browser<\/span>/);
  assert.match(page, /<td data-label="Network address">127\.0\.0\.1<\/td>/);
  // Each session names its browser and system, as far as the header tells.
  assert.match(page, /<td data-label="Browser">WeChat · Android<\/td><td data-label="Network address">127\.0\.0\.1<\/td>/);
  assert.match(page, /<td data-label="Browser">Edge · Windows<\/td>/);
  assert.match(page, /this browser<\/span><\/td><td class="date" data-label="Last active">[^<]+<\/td><td data-label="Browser">not known<\/td>/);
  assert.match(page, /while its session lasts \(30 minutes without use, 12 hours at most\)\./);
  assert.equal(queryDb(dir, "SELECT '[' || detail || ']' FROM audit_log WHERE action = 'login' AND actor_name = 'roamer' ORDER BY id").trim().split("\n").join("|"),
    "[]|[WeChat on Android]|[Edge on Windows]", "each sign-in's audit entry names its browser");
  assert.match(page, /id="end-others"/);
  // A wrong password ends nothing, and says so beside the form.
  let res = await desk.post("/admin/account/sessions/end-others", { password: "not the password" });
  assert.equal(res.status, 422);
  assert.match(res.body, /id="sessions-error"><p>The current password is not right\.<\/p>/);
  assert.match(res.body, /<option value="zh-CN">Chinese<\/option>/, "the whole page, its other forms too");
  assert.equal((await phone.get("/admin/")).status, 200);
  res = await desk.post("/admin/account/sessions/end-others", { password: PASSWORD });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, "/admin/account?ended=2#h-sessions");
  page = (await desk.get("/admin/account?ended=2")).body;
  assert.match(page, /2 other sessions were ended\./);
  assert.match(page, /id="no-other-sessions"/);
  for (const c of [phone, laptop]) assert.equal((await c.get("/admin/")).status, 303, "signed out");
  assert.equal((await desk.get("/admin/")).status, 200, "this one stays");
  assert.equal(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'session.end_others' ORDER BY id DESC LIMIT 1").trim(),
    "2 other sessions ended");
  // One other session is said in the singular, on the page and in the log.
  const tablet = new Client(srv);
  await tablet.signIn("roamer");
  res = await desk.post("/admin/account/sessions/end-others", { password: PASSWORD });
  assert.equal(res.headers.location, "/admin/account?ended=1#h-sessions");
  assert.match((await desk.get("/admin/account?ended=1")).body, /1 other session was ended\./);
  assert.equal(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'session.end_others' ORDER BY id DESC LIMIT 1").trim(),
    "1 other session ended");
  // A Chinese reader of the audit log reads the detail in Chinese; the CSV
  // gives it as stored.
  const zhAdmin = new Client(srv, { lang: "zh-CN" });
  await zhAdmin.signIn("admin1");
  assert.match((await zhAdmin.audit("action=session.end_others")).body, /<td[^>]*>结束了其他 2 个登录会话<\/td>/);
  const logins = (await zhAdmin.audit("action=login&actor=roamer")).body;
  assert.match(logins, /<td[^>]*>微信 · Android<\/td>/);
  assert.match(logins, /<td[^>]*>Edge · Windows<\/td>/);
  // Details written as name=value lists and as "; "-joined parts read in
  // Chinese too: an account's roles, a publication's date, step and revision.
  assert.match((await zhAdmin.audit("action=user.add")).body, /<td[^>]*>用户名：roamer，角色：编辑<\/td>/);
  assert.match((await zhAdmin.audit("action=article.publish")).body,
    /<td[^>]*>(?:第 \d+ 版已上线|发布时间 \d{4}-\d\d-\d\dT[\d:]+\+08:00)；第 1 步，共 1 步；第 \d+ 版；SHA-256 摘要 [0-9a-f]{16}<\/td>/);
  assert.match((await zhAdmin.get("/admin/audit.csv?action=session.end_others")).body, /,2 other sessions ended\r\n/);
  // Changing one's password with a mistake keeps the whole page too.
  res = await desk.post("/admin/account/password", { current_password: PASSWORD, new_password: "a new long password", new_password_again: "another" });
  assert.equal(res.status, 422);
  assert.match(res.body, /The two new passwords differ/);
  assert.match(res.body, /id="sessions"/);
});

test("scheduled publishing happens on time, including across a restart", async () => {
  const editor = new Client(srv), rev1 = new Client(srv);
  await editor.signIn("editor1");
  await rev1.signIn("rev1");
  const at = new Date(Date.now() + 8 * 3600e3 + 4000);
  const when = at.toISOString().slice(0, 19).replace("T", " ");
  const id = await createArticle(editor, "Scheduled notice", "2", { scheduled_for: when });
  assert.equal((await editor.post(`/admin/articles/${id}/submit`)).status, 303);
  assert.equal((await rev1.review(id, "approve")).status, 303);
  assert.match((await rev1.get(`/admin/articles/${id}/`)).body, /<strong class="status">Scheduled<\/strong>/);
  assert.equal((await request(srv.url + `/articles/${id}/`)).status, 404);
  await srv.stop();  // down while the time passes
  await sleep(5000);
  srv = await startServer({ dataDir: dir, demo: false });
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) {
    status = (await request(srv.url + `/articles/${id}/`)).status;
    if (status !== 200) await sleep(100);
  }
  assert.equal(status, 200, "published after the restart");
});

test("admins manage users in the browser-free way too: add, roles, reset, disable", async () => {
  const admin = new Client(srv);
  await admin.signIn("admin1");
  let res = await admin.post("/admin/users", { name: "newbie", password: "password1", password_again: "password1", role: "editor" });
  assert.equal(res.status, 422);
  assert.match(res.body, /commonly used passwords/);
  // Roles are shown as words, their codes only as the checkboxes' values.
  assert.match(res.body, /<input type="checkbox" id="new-records-officer" name="role" value="records-officer"> <label for="new-records-officer">Records officer<\/label>/);
  res = await admin.post("/admin/users", { name: "newbie", password: "a fresh pass phrase", password_again: "a fresh pass phrase", role: "editor" });
  assert.equal(res.status, 303);
  const newbie = new Client(srv);
  assert.equal((await newbie.signIn("newbie", "a fresh pass phrase")).status, 303);
  assert.equal((await newbie.get("/admin/audit")).status, 403);
  // Roles change: sessions end so the new rights apply at once.
  res = await admin.post("/admin/users/newbie", { action: "roles", role: "admin" });
  assert.equal(res.status, 303);
  assert.equal((await newbie.get("/admin/")).status, 303, "signed out by the role change");
  await newbie.signIn("newbie", "a fresh pass phrase");
  assert.equal((await newbie.get("/admin/audit")).status, 200);
  assert.equal(res.headers.location, "/admin/users/newbie?done=saved", "back to the account's own page");
  res = await admin.post("/admin/users/admin1", { action: "disable" });
  assert.equal(res.status, 422, "no self-disable");
  assert.match(res.body, /<h1 class="page-title">admin1<\/h1>[^]*role="alert"><p>You cannot disable yourself\.<\/p>/, "the refusal on the account's page");
  res = await admin.post("/admin/users/newbie", { action: "disable" });
  assert.equal(res.status, 200, "asks first");
  assert.match(res.body, /Disable the account newbie\?/);
  res = await admin.post("/admin/users/newbie", { action: "disable", confirm: "1" });
  assert.equal(res.status, 303);
  assert.equal((await newbie.get("/admin/")).status, 303);
  // The accounts are a table, each linked to its page with its forms.
  const list = (await admin.get("/admin/users")).body;
  assert.match(list, /<tr><th scope="row"><a href="\/admin\/users\/newbie">newbie<\/a><\/th><td>Administrator<\/td><td>off<\/td><td><span class="badge due-missing">disabled<\/span><\/td><\/tr>/);
  assert.doesNotMatch(list, /name="action"/, "no per-account forms on the list");
  const one = await admin.get("/admin/users/newbie");
  assert.equal(one.status, 200);
  assert.match(one.body, /<input type="checkbox" id="u\d+-admin" name="role" value="admin" checked>/);
  assert.match(one.body, /<button type="submit">Enable newbie<\/button>/);
  assert.equal((await admin.get("/admin/users/nobody-here")).status, 404);
  assert.equal((await admin.get("/admin/columns/999")).status, 404);
  const log = (await admin.audit("action=user.")).body;
  assert.match(log, /user\.roles/);
  assert.match(log, /editor -&gt; admin/);
  assert.equal((await new Client(srv).signIn("editor1")).status, 303);
  const editor = new Client(srv);
  await editor.signIn("editor1");
  assert.equal((await editor.get("/admin/users")).status, 403);
});

test("the admin article search covers title, body and author, in every state", async () => {
  const editor = new Client(srv);
  await editor.signIn("editor1");
  await editor.post("/admin/articles/", { title: "Plain title", column: "2", author: "Wombat Writer", body: "Body mentions a platypus." });
  let list = await editor.get("/admin/articles/?q=platypus");
  assert.match(list.body, /1 article\b/);
  list = await editor.get("/admin/articles/?q=wombat");
  assert.match(list.body, /1 article\b/);
  list = await editor.get("/admin/articles/?q=plain+title&status=draft");
  assert.match(list.body, />Plain title</);
});

test("the article list's filters narrow it, and the form keeps what was chosen", async () => {
  const editor = new Client(srv);
  await editor.signIn("editor1");
  assert.equal((await editor.post("/admin/articles/", { title: "Filter probe", column: "3", body: "x" })).status, 303);
  const me = queryDb(dir, "SELECT id FROM users WHERE name = 'editor1'").trim();
  const other = queryDb(dir, "SELECT id FROM users WHERE name = 'rev1'").trim();
  const day = (offset) => new Date(Date.now() + 8 * 3600000 + offset * 86400000).toISOString().slice(0, 10);
  const count = async (query) => {
    const body = (await editor.get(`/admin/articles/?q=Filter+probe&${query}`)).body;
    return body.includes(">Filter probe<") ? 1 : 0;
  };
  assert.equal(await count("column=3"), 1);
  assert.equal(await count("column=2"), 0);
  assert.equal(await count(`creator=${me}`), 1);
  assert.equal(await count(`creator=${other}`), 0);
  assert.equal(await count(`from=${day(0)}&to=${day(0)}`), 1);
  assert.equal(await count(`to=${day(-1)}`), 0);
  assert.equal(await count(`from=${day(1)}`), 0);
  assert.equal(await count("status=draft&lang=zh-CN"), 1);
  assert.equal(await count("status=published"), 0);
  assert.equal(await count("lang=en"), 0);
  const page = (await editor.get(`/admin/articles/?q=Filter+probe&column=3&creator=${me}&status=draft&from=${day(0)}`)).body;
  assert.match(page, /<option value="3" selected>/);
  assert.match(page, new RegExp(`<option value="${me}" selected>editor1</option>`));
  assert.match(page, /<option value="draft" selected>/);
  assert.match(page, new RegExp(`name="from"[^>]*value="${day(0)}"`));
});

// Issue 13: the newsroom is in the site's language (Chinese in the demo)
// until a user chooses another on their account page; the choice is kept.
test("each user chooses the newsroom's language on the account page, and it is remembered", async () => {
  addUser(dir, "polyglot", ["editor"]);
  const c = new Client(srv, { lang: null });
  assert.equal((await c.signIn("polyglot")).status, 303);
  let page = await c.get("/admin/account");
  assert.match(page.body, /<html lang="zh-CN">/);
  assert.match(page.body, /<h1 class="page-title">我的账户<\/h1>/);
  assert.match(page.body, /退出登录/);
  let res = await c.post("/admin/account/language", { lang: "en" });
  assert.equal(res.status, 303);
  page = await c.get("/admin/account?language=1");
  assert.match(page.body, /<html lang="en">/);
  assert.match(page.body, /<h1 class="page-title">Your account<\/h1>/);
  assert.match(page.body, /Your language was saved\./);
  const again = new Client(srv, { lang: null });  // a new session keeps it
  await again.signIn("polyglot");
  assert.match((await again.get("/admin/")).body, /<html lang="en">/);
  res = await c.post("/admin/account/language", { lang: "fr" });
  assert.equal(res.status, 422);
  assert.match(res.body, /Choose Chinese \(zh-CN\) or English \(en\)\./);
  await c.post("/admin/account/language", { lang: "" });
  assert.match((await c.get("/admin/account")).body, /<html lang="zh-CN">/, "back to the site's language");
});

test("the menu marks the page's own entry: the longest link that holds the path", async () => {
  const menuOf = (body) => body.slice(body.indexOf('<nav class="admin-nav"'), body.indexOf("</nav>"));
  const admin = new Client(srv);
  await admin.signIn("admin1");
  const current = async (path) =>
    [...menuOf((await admin.get(path)).body).matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
  assert.deepEqual(await current("/admin/"), ["/admin/"]);
  assert.deepEqual(await current("/admin/articles/"), ["/admin/articles/"]);
  assert.deepEqual(await current("/admin/users"), ["/admin/users"]);
  assert.deepEqual(await current("/admin/account"), ["/admin/account"]);
  assert.deepEqual(await current("/admin/statistics"), ["/admin/statistics"]);
  assert.match((await admin.get("/admin/")).body, /<nav class="admin-nav" aria-label="[^"]+" data-menu="[^"]+">/);
  const editor = new Client(srv);
  await editor.signIn("editor1");
  const editorCurrent = async (path) =>
    [...menuOf((await editor.get(path)).body).matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
  assert.deepEqual(await editorCurrent("/admin/articles/new"), ["/admin/articles/new"], "not also Articles");
  assert.deepEqual(await editorCurrent("/admin/media?kind=document"), ["/admin/media"]);
});

test("before the first account exists, the sign-in page and the log say how to make it", async () => {
  const fresh = tempDir();
  const s = await startServer({ dataDir: fresh });
  try {
    const page = await request(s.url + "/admin/login");
    assert.equal(page.status, 200);
    assert.match(page.body, /id="first-account"/);
    assert.match(page.body, /procura user add NAME --role admin --data DIR/);
    await new Promise((r) => setTimeout(r, 200));
    // The data directory on SQLite; on PostgreSQL the database's URL.
    assert.match(s.stdout + s.stderr, /no accounts yet: create the first with `procura user add NAME --role admin (--data [^`]+|--database URL)`/);
    addUser(fresh, "chief", ["admin"]);
    const after = await request(s.url + "/admin/login");
    assert.doesNotMatch(after.body, /id="first-account"/, "gone once an account exists");
    const c = new Client(s);
    assert.equal((await c.signIn("chief")).status, 303);
  } finally {
    await s.stop();
  }
  // With accounts, the page never shows it.
  assert.doesNotMatch((await request(srv.url + "/admin/login")).body, /id="first-account"/);
});

test("the demo's articles have their first revision; one kept without any still opens its page", async () => {
  const editor = new Client(srv);
  await editor.signIn("editor1");
  // A demo article: revision 1, created when it was published.
  const demo = await editor.get("/admin/articles/38/revisions");
  assert.equal(demo.status, 200);
  assert.match(demo.body, /<tr><td[^>]*>1<\/td><td[^>]*>[^<]+<\/td><td[^>]*><\/td><td[^>]*>Created<\/td>/);
  assert.doesNotMatch(demo.body, /id="no-revisions"/);
  // One revision: no form to compare it with itself, and no button to restore what the article holds.
  assert.match(demo.body, /<h2>Revision 1<\/h2>/);
  assert.doesNotMatch(demo.body, /name="a"|Revision 1 → 1/);
  assert.match(demo.body, /<td class="row-actions"><span class="hint">The latest revision<\/span><\/td>/);
  assert.doesNotMatch(demo.body, /Restore revision 1/);
  // An article whose revisions are gone (stored before revisions were kept,
  // or loaded from outside the newsroom): its page says so, not 404.
  const id = queryDb(dir, "SELECT id FROM articles WHERE id <> 38 ORDER BY id LIMIT 1").trim();
  queryDb(dir, `DELETE FROM article_revisions WHERE article_id = ${id}`);
  const none = await editor.get(`/admin/articles/${id}/revisions`);
  assert.equal(none.status, 200);
  assert.match(none.body, /<p class="notice" id="no-revisions">No revision of this article is kept: [^<]*Its next save becomes revision 1\.<\/p>/);
  assert.doesNotMatch(none.body, /<div class="diff">/);
  assert.equal((await editor.get("/admin/articles/999999/revisions")).status, 404, "no such article");
});

