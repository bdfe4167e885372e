// Every page type is valid HTML5, checked by the Nu HTML Checker (vnu-jar).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, request, tempDir, waitForSearch } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";
import { validate } from "../lib/vnu.mjs";

let srv;
before(async () => {
  const dir = tempDir();
  addUser(dir, "chief", ["admin"]);
  addUser(dir, "writer", ["editor", "reviewer"]);
  srv = await startServer({ dataDir: dir });
  await waitForSearch(srv);
});
after(async () => { await srv.cleanup(); });

test("home, column, article, search and error pages are valid HTML5, in both languages and modes", async () => {
  const dir = tempDir("procura-html-");
  const files = [];
  // Both languages: Chinese at /, English under /en/ (article 38 is the
  // seed's Chinese version).
  for (const [name, path, status] of [["home", "/", 200], ["column", "/columns/highlights/", 200],
    ["en-home", "/en/", 200], ["en-column", "/en/columns/highlights/", 200], ["zh-article", "/articles/38/", 200],
    ["zh-search", "/search?q=%E5%9F%B9%E8%AE%AD", 200], ["zh-not-found", "/nope", 404],
    ["care-article", "/articles/38/?care=1", 200], ["care-en-home", "/en/?care=1", 200],
    ["column-archive", "/en/columns/highlights/page/1/", 200], ["empty-ish", "/columns/notices/", 200],
    ["article", "/en/articles/1/", 200], ["article-large", "/en/articles/1/?fs=large", 200],
    ["sample", "/en/articles/2/", 200], ["not-found", "/en/nope", 404],
    ["search", "/en/search?q=training&column=highlights", 200], ["search-empty", "/en/search?q=zzzzqqq", 200],
    ["search-form", "/search", 200]].flatMap(([name, path, status]) =>
      // …and each again in the elderly-friendly mode.
      [[name, path, status], [`care-${name}`, path + (path.includes("?") ? "&" : "?") + "care=1", status]])) {
    const res = await request(srv.url + path);
    assert.equal(res.status, status, path);
    const file = join(dir, `${name}.html`);
    writeFileSync(file, res.body);
    files.push(file);
  }
  assert.deepEqual(await validate(files), []);
});

test("newsroom pages are valid HTML5", async () => {
  const dir = tempDir("procura-html-");
  const writer = new Client(srv), chief = new Client(srv);
  await writer.signIn("writer");
  await chief.signIn("chief");
  const created = await writer.post("/admin/articles/", { title: "Valid <markup> & more", column: "2", body: "| a | b |\n|---|---|\n| 1 | 2 |" });
  const id = created.headers.location.match(/(\d+)/)[1];
  await writer.post(`/admin/articles/${id}/`, { version: "1", title: "Second", column: "2", body: "changed" });
  const pages = [["login", new Client(srv), "/admin/login"], ["dashboard", writer, "/admin/"],
    ["articles", writer, "/admin/articles/?status=draft"], ["new", writer, "/admin/articles/new"],
    ["editor", writer, `/admin/articles/${id}/`], ["revisions", writer, `/admin/articles/${id}/revisions`], ["demo-revisions", writer, "/admin/articles/38/revisions"],
    ["account", writer, "/admin/account"], ["audit", chief, "/admin/audit"], ["columns", chief, "/admin/columns"], ["users", chief, "/admin/users"],
    ["media", writer, "/admin/media"], ["media-file", writer, "/admin/media/1"]];
  const files = [];
  for (const [name, client, path] of pages) {
    const res = await client.get(path);
    assert.equal(res.status, 200, path);
    const file = join(dir, `admin-${name}.html`);
    writeFileSync(file, res.body);
    files.push(file);
  }
  assert.deepEqual(await validate(files), []);
});

test("the validator does report invalid markup (so the check above can fail)", async () => {
  const file = join(tempDir("procura-html-"), "bad.html");
  writeFileSync(file, "<!DOCTYPE html><html><head></head><body><p><div></p></body></html>");
  assert.ok((await validate([file])).length > 0);
});
