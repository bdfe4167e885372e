// /api/v1 over real HTTP with per-user Bearer tokens.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir, ROOT, BIN, withDatabase } from "../lib/server.mjs";
import { addUser, apiToken, api, Client, apiReview } from "../lib/newsroom.mjs";

let srv, dir, editor, reviewer, admin;
before(async () => {
  dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "adm", ["admin"]);
  editor = apiToken(dir, "ed");
  reviewer = apiToken(dir, "rv");
  admin = apiToken(dir, "adm");
  srv = await startServer({ dataDir: dir });
  const res = await api(srv, "PUT", "/api/v1/columns/2", { token: admin,
    json: { slug: "party-building", name: "Party Building", position: 1, reviewer_ids: [2] } });
  assert.equal(res.status, 200, JSON.stringify(res.json));
});
after(async () => { await srv.stop(); });

test("no token, a wrong token, or only a cookie: 401 JSON", async () => {
  let r = await api(srv, "GET", "/api/v1/articles");
  assert.equal(r.status, 401);
  assert.match(r.json.error.message, /Bearer/);
  assert.match(r.headers["www-authenticate"], /^Bearer/);
  r = await api(srv, "GET", "/api/v1/articles", { token: "pct_not-a-real-token-at-all" });
  assert.equal(r.status, 401);
  const c = new Client(srv);
  await c.signIn("ed", "correct horse battery staple");
  r = await api(srv, "GET", "/api/v1/articles", { headers: { Cookie: c.cookieHeader() } });
  assert.equal(r.status, 401, "cookies are not API credentials (no CSRF surface)");
});

test("errors are JSON and name the field", async () => {
  let r = await api(srv, "POST", "/api/v1/articles", { token: editor, json: "{not json" });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.message, "body: expected a JSON object");
  r = await api(srv, "POST", "/api/v1/articles", { token: editor, json: { title: 5 } });
  assert.equal(r.json.error.message, "title: must be a string");
  r = await api(srv, "POST", "/api/v1/articles", { token: editor, json: { titel: "x" } });
  assert.equal(r.json.error.message, "unknown field 'titel'");
  r = await api(srv, "POST", "/api/v1/articles", { token: editor, json: { column_id: 2, title: "" } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.message, "Title: please fill this in.");
  assert.equal(r.json.error.field, "title");
  r = await api(srv, "GET", "/api/v1/nothing", { token: editor });
  assert.equal(r.status, 404);
  assert.ok(r.json.error);
  r = await api(srv, "DELETE", "/api/v1/articles", { token: editor });
  assert.equal(r.status, 405);
  assert.equal(r.headers.allow, "GET, HEAD, POST");
});

test("the workflow through the API, with the same permissions", async () => {
  let r = await api(srv, "POST", "/api/v1/articles", { token: editor,
    json: { column_id: 2, title: "API report", author: "Bot", body: "Text **bold**" } });
  assert.equal(r.status, 201);
  const id = r.json.article.id;
  assert.equal(r.headers.location, `/api/v1/articles/${id}`);
  assert.equal(r.json.article.status, "draft");
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: 99, column_id: 2, title: "x" } });
  assert.equal(r.status, 409);
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: 1, column_id: 2, title: "API report v2", body: "Text" } });
  assert.equal(r.status, 200);
  assert.equal(r.json.article.version, 2);
  assert.equal((await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: editor })).status, 200);
  r = await apiReview(srv, id, "approve", editor);
  assert.equal(r.status, 403);
  r = await apiReview(srv, id, "approve", reviewer);
  assert.equal(r.status, 200);
  assert.equal(r.json.article.status, "published");
  assert.equal((await request(srv.url + `/articles/${id}/`)).status, 200);
  r = await api(srv, "POST", `/api/v1/articles/${id}/withdraw`, { token: reviewer, json: {} });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.message, "Reason: please fill this in.");
  assert.equal(r.json.error.field, "reason");
  r = await api(srv, "GET", `/api/v1/articles/${id}/revisions`, { token: editor });
  assert.equal(r.json.revisions.length, 2);
  r = await api(srv, "GET", "/api/v1/articles?status=published&column_id=2", { token: editor });
  assert.ok(r.json.articles.some((a) => a.id === id));
  const lang = r.json.articles.find((a) => a.id === id).lang;
  r = await api(srv, "GET", `/api/v1/articles?lang=${lang}`, { token: editor });
  assert.ok(r.json.total > 0 && r.json.articles.every((a) => a.lang === lang));
  r = await api(srv, "GET", `/api/v1/articles?lang=${lang === "en" ? "zh-CN" : "en"}`, { token: editor });
  assert.ok(!r.json.articles.some((a) => a.id === id), "the other language's list leaves it out");
  r = await api(srv, "GET", "/api/v1/articles?lang=fr", { token: editor });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /lang/);
});

test("media through the API: typed by content", async () => {
  const jpg = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  let r = await api(srv, "POST", "/api/v1/media?filename=photo.jpg&alt=A%20test%20image", { token: editor, body: jpg });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.mime, "image/jpeg");
  r = await api(srv, "POST", "/api/v1/media?filename=photo.jpg", { token: editor, body: "<svg onload=alert(1)>" });
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /^This file type is not supported/);
  r = await api(srv, "POST", "/api/v1/media?filename=x.jpg", { token: reviewer, body: jpg });
  assert.equal(r.status, 201, "reviewers write too");
  r = await api(srv, "POST", "/api/v1/media?filename=x.jpg", { token: admin, body: jpg });
  assert.equal(r.status, 403);
  r = await api(srv, "POST", "/api/v1/media?filename=plan.pdf", { token: editor, body: readFileSync(join(ROOT, "tests/fixtures/sample.pdf")) });
  assert.equal(r.status, 201, JSON.stringify(r.json));

  // The list: newest first, by kind and text, a page at a time.
  r = await api(srv, "GET", "/api/v1/media", { token: editor });
  assert.equal(r.status, 200);
  const total = r.json.total;
  assert.equal(r.json.media.length, Math.min(total, 50));
  assert.deepEqual(r.json.media.slice(0, 3).map((m) => m.name), ["plan.pdf", "x.jpg", "photo.jpg"]);
  r = await api(srv, "GET", "/api/v1/media?kind=image&limit=1&offset=1", { token: editor });
  const images = r.json.total;
  assert.deepEqual(r.json.media.map((m) => [m.name, m.alt, m.kind]), [["photo.jpg", "A test image", "image"]]);
  r = await api(srv, "GET", "/api/v1/media?kind=document", { token: editor });
  assert.equal(r.json.media[0].name, "plan.pdf");
  assert.equal(r.json.total + images, total, "images and documents are all of it");
  r = await api(srv, "GET", "/api/v1/media?q=TEST%20IMAGE", { token: reviewer });
  assert.deepEqual(r.json.media.map((m) => m.name), ["photo.jpg"]);
  r = await api(srv, "GET", "/api/v1/media?kind=video", { token: editor });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /^kind: "image", "document" or empty/);
});

test("an article's PUT changes only the fields sent; a published article's pending edit is the base", async () => {
  let r = await api(srv, "POST", "/api/v1/articles", { token: editor,
    json: { column_id: 2, title: "Partial PUT", author: "Bot", news_source: "院办", body: "First body." } });
  assert.equal(r.status, 201);
  const id = r.json.article.id;
  const get = async () => (await api(srv, "GET", `/api/v1/articles/${id}`, { token: editor })).json.article;
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: 1, title: "Only the title" } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  let a = await get();
  assert.deepEqual([a.title, a.author, a.news_source, a.body, a.column_id], ["Only the title", "Bot", "院办", "First body.", 2]);

  // A lead image set, then removed with null.
  const jpg = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  const media = (await api(srv, "POST", "/api/v1/media?filename=lead.jpg&alt=Lead", { token: editor, body: jpg })).json.id;
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: a.version, lead_media_id: media, lead_alt: "会场" } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  a = await get();
  assert.deepEqual([a.lead_media_id, a.lead_alt, a.body], [media, "会场", "First body."]);
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: a.version, lead_media_id: null, lead_alt: "" } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  a = await get();
  assert.deepEqual([a.lead_media_id, a.title], [null, "Only the title"]);

  // Published, then edited twice through the API: the second PUT starts from the first edit, not the live text.
  assert.equal((await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: editor })).status, 200);
  assert.equal((await apiReview(srv, id, "approve", reviewer)).status, 200);
  a = await get();
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: a.version, body: "Edited body." } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: r.json.article.version, title: "Edited title" } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  a = await get();
  assert.deepEqual([a.status, a.title, a.body], ["published", "Only the title", "First body."], "the live text waits for review");
  const revisions = (await api(srv, "GET", `/api/v1/articles/${id}/revisions`, { token: editor })).json.revisions;
  const pending = revisions.reduce((x, y) => (y.number > x.number ? y : x));
  assert.deepEqual([pending.title, pending.body], ["Edited title", "Edited body."], "the edit awaiting review has both changes");

  // An unknown field is refused, nothing changed.
  r = await api(srv, "PUT", `/api/v1/articles/${id}`, { token: editor, json: { version: a.version, titel: "typo" } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /unknown field 'titel'/);
  assert.equal((await api(srv, "PUT", "/api/v1/articles/999999", { token: editor, json: { version: 1, title: "x" } })).status, 404);
});

test("revoked tokens stop working at once", async () => {
  const t = apiToken(dir, "ed");
  assert.equal((await api(srv, "GET", "/api/v1/columns", { token: t })).status, 200);
  const r = spawnSync(BIN, withDatabase(["user", "revoke-tokens", "ed", "--data", dir]), { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((await api(srv, "GET", "/api/v1/columns", { token: t })).status, 401);
});
