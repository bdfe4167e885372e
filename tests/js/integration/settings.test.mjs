// Site settings (/admin/settings): an administrator changes the site's name,
// public address, byline labels and robots paths; every error is shown
// beside its field with what was typed kept, nothing is stored until all are
// right, the change is audited and reaches the portal through the change log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, request, queryDb } from "../lib/server.mjs";
import { addUser, Client, api, apiToken, publishViaApi } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

let srv, dir;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  addUser(dir, "boss", ["admin"]);
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "off", ["records-officer"]);
  addUser(dir, "rev", ["reviewer"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const fieldsOf = (html) => {
  const out = {};
  for (const m of html.matchAll(/<input id="s-[^"]*" name="([^"]+)"[^>]*? value="([^"]*)"/g)) out[m[1]] = m[2];
  for (const m of html.matchAll(/<textarea id="s-[^"]*" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = m[2];
  if (/name="show_byline_labels" value="1" checked/.test(html)) out.show_byline_labels = "1";
  return out;
};
const unescape = (s) => s.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

test("only an administrator sees and saves the settings; the menu says so", async () => {
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.get("/admin/settings")).status, 403);
  assert.doesNotMatch((await ed.get("/admin/")).body, /href="\/admin\/settings"/);
  assert.equal((await ed.post("/admin/settings", { name: "Taken over" })).status, 403);
  const boss = new Client(srv);
  await boss.signIn("boss");
  const page = await boss.get("/admin/settings");
  assert.equal(page.status, 200);
  assert.match(page.body, /href="\/admin\/settings"/, "in the admin's menu");
  const f = fieldsOf(page.body);
  assert.equal(f.name, "省人民检察院");
  assert.equal(unescape(f.second_name), "Provincial People's Procuratorate");
  assert.equal(f.public_url, "http://127.0.0.1:8080");
  assert.match(page.body, /The site&apos;s language is Chinese and its second language English: articles have been published, and their addresses depend on it\. Times are shown at UTC\+08:00\./);
  assert.doesNotMatch(page.body, /id="s-lang"/, "no choice once articles are public");
  const home = await request(srv.url + "/");
  assert.match(home.body, /省人民检察院/);
});

test("bad settings are shown beside each field, typed text kept, nothing stored", async () => {
  const boss = new Client(srv);
  await boss.signIn("boss");
  const before = fieldsOf((await boss.get("/admin/settings")).body);
  const bad = {
    ...Object.fromEntries(Object.entries(before).map(([k, v]) => [k, unescape(v)])),
    name: "   ",
    tagline: "长".repeat(201),
    public_url: "ftp://example.gov.cn/?x=1",
    robots_disallow: "/admin/\nno-slash here",
  };
  const res = await boss.post("/admin/settings", bad);
  assert.equal(res.status, 422);
  assert.match(res.body, /<div class="error-summary" role="alert"/);
  for (const [id, text] of [["s-name", "Give the site a name."],
                            ["s-tagline", "At most 200 characters; this has 201."],
                            ["s-public-url", "Give the address as http:// or https://"],
                            ["s-robots", "Each line is one path that starts with &apos;/&apos;"]]) {
    assert.ok(res.body.includes(`<a href="#${id}">${text}`), `summary links ${id}`);
    assert.match(res.body, new RegExp(`id="${id}-error">${text.replace(/[.+?()/]/g, "\\$&")}`), `beside ${id}`);
    assert.match(res.body, new RegExp(`id="${id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${id}"|id="${id}"[^>]*aria-describedby="[^"]*${id}-error`), `${id} described`);
  }
  assert.match(res.body, /value="ftp:\/\/example.gov.cn\/\?x=1"/, "typed address kept");
  assert.match(res.body, /no-slash here<\/textarea>/, "typed paths kept");
  const after = fieldsOf((await boss.get("/admin/settings")).body);
  assert.deepEqual(after, before, "nothing stored");
});

test("saved settings reach the portal; empty byline labels show when set; audited", async () => {
  const boss = new Client(srv);
  await boss.signIn("boss");
  const seed = await request(srv.url + "/en/articles/1/");
  assert.doesNotMatch(seed.body, /Author:/, "labels off: an empty author is omitted");
  const f = Object.fromEntries(Object.entries(fieldsOf((await boss.get("/admin/settings")).body))
    .map(([k, v]) => [k, unescape(v)]));
  const res = await boss.post("/admin/settings", {
    ...f, name: "某市人民检察院", second_name: "City Procuratorate",
    public_url: "HTTPS://WWW.Example.gov.cn/", show_byline_labels: "1",
    robots_disallow: "/admin/\r\n/drafts/",
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, "/admin/settings?done=saved");
  const shown = await boss.get("/admin/settings?done=saved");
  assert.match(shown.body, /role="status"><p>Saved/);
  const saved = fieldsOf(shown.body);
  assert.equal(saved.public_url, "https://www.example.gov.cn", "scheme and host lower-cased, no trailing slash");
  assert.equal(saved.robots_disallow, "/admin/\n/drafts/");
  assert.equal(saved.show_byline_labels, "1");
  // The change log carries it to the cached pages.
  const home = await request(srv.url + "/");
  assert.match(home.body, /某市人民检察院/);
  assert.match((await request(srv.url + "/en/")).body, /City Procuratorate/);
  const article = await request(srv.url + "/en/articles/1/");
  assert.match(article.body, /<span class="meta-item">Author: <\/span>/, "empty label shown");
  assert.match(article.body, /<span class="meta-item">News source: <\/span>/);
  const audit = await boss.audit("action=site.update");
  assert.match(audit.body, /site\.update/);
  assert.match(audit.body, /name=某市人民检察院 lang=Chinese public_url=https:\/\/www.example.gov.cn byline_labels=yes/, "the flag and the language in words");
  assert.match(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'site.update' ORDER BY id DESC LIMIT 1"),
               /byline_labels=true$/m, "stored as written");
});

test("without a public address the admin's dashboard says what uses it, and feeds fall back to localhost", async () => {
  // Every first step done but the address (the demo's columns get a
  // reviewer): the dashboard's notice says it, not the list of first steps.
  const token = apiToken(dir, "boss");
  const rev = Number(queryDb(dir, "SELECT id FROM users WHERE name = 'rev'").trim());
  for (const c of (await api(srv, "GET", "/api/v1/columns", { token })).json.columns) {
    const { slug, name, description, position, hidden, four_eyes, review_steps, column_type } = c;
    const put = await api(srv, "PUT", `/api/v1/columns/${c.id}`, { token,
      json: { slug, name, description, position, hidden, four_eyes, review_steps, column_type, parent_id: c.parent_id ?? undefined, reviewer_ids: [rev] } });
    assert.equal(put.status, 200, JSON.stringify(put.json));
  }
  const boss = new Client(srv);
  await boss.signIn("boss");
  assert.doesNotMatch((await boss.get("/admin/")).body, /h-public-url|h-start/, "set: no notice, no first steps");
  const f = Object.fromEntries(Object.entries(fieldsOf((await boss.get("/admin/settings")).body))
    .map(([k, v]) => [k, unescape(v)]));
  assert.equal((await boss.post("/admin/settings", { ...f, public_url: "" })).status, 303);
  const dash = await boss.get("/admin/");
  assert.doesNotMatch(dash.body, /h-start/);
  assert.match(dash.body, /<h2 id="h-public-url">The site's public address is not set<\/h2>/);
  assert.match(dash.body, /<a href="\/admin\/settings#s-public-url">Set it in the site settings<\/a>/);
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.doesNotMatch((await ed.get("/admin/")).body, /h-public-url/, "only for those who can set it");
  assert.match((await request(srv.url + "/robots.txt")).body, /Sitemap: http:\/\/localhost\/sitemap.xml/);
});

test("the site's identifiers reach every footer; the 12309 block is the admin's choice", async () => {
  const boss = new Client(srv);
  await boss.signIn("boss");
  const current = fieldsOf((await boss.get("/admin/settings")).body);
  for (const k of Object.keys(current)) current[k] = unescape(current[k]);
  let r = await boss.post("/admin/settings", { ...current, site_code: "12345" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="s-site-code-error">The site identification code has 10 letters or digits/);
  r = await boss.post("/admin/settings", { ...current, icp: "浙ICP备00000000号", site_code: "3300000001",
    police_filing: "浙公网安备 33010602000001号", show_12309: "1" });
  assert.equal(r.status, 303, r.body.slice(0, 200));
  let home = "";
  for (let i = 0; i < 50 && !home.includes("3300000001"); ++i) {
    home = (await request(srv.url + "/")).body;
    if (!home.includes("3300000001")) await new Promise((res) => setTimeout(res, 100));
  }
  assert.match(home, /<a href="https:\/\/beian\.miit\.gov\.cn\/">浙ICP备00000000号<\/a>/);
  assert.match(home, /<a href="https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=33010602000001">浙公网安备 33010602000001号<\/a>/);
  assert.match(home, /Site code: 3300000001|网站标识码：3300000001/);
  assert.match(home, /href="https:\/\/www\.12309\.gov\.cn\/"/);
  const article = (await request(srv.url + "/search")).body;
  assert.match(article, /3300000001/, "the footer is on every page");
  assert.doesNotMatch(article, /www\.12309\.gov\.cn/, "the block is the home page's");
  r = await boss.post("/admin/settings", { ...current, icp: "浙ICP备00000000号", site_code: "3300000001", police_filing: "" });
  assert.equal(r.status, 303);
  for (let i = 0; i < 50 && home.includes("12309.gov.cn"); ++i) {
    home = (await request(srv.url + "/")).body;
    if (home.includes("12309.gov.cn")) await new Promise((res) => setTimeout(res, 100));
  }
  assert.doesNotMatch(home, /12309\.gov\.cn/);
  assert.doesNotMatch(home, /beian\.mps\.gov\.cn/);
});

test("a new site is Chinese first, its settings open, and its language can be chosen until an article is published", async () => {
  const newDir = tempDir();
  addUser(newDir, "chief", ["admin"]);
  addUser(newDir, "w", ["editor"]);
  addUser(newDir, "r", ["reviewer"]);
  const tokens = { chief: apiToken(newDir, "chief"), w: apiToken(newDir, "w"), r: apiToken(newDir, "r") };
  const site = await startServer({ dataDir: newDir, demo: false });
  try {
    const home = await request(site.url + "/");
    assert.match(home.body, /<html lang="zh-CN">/, "Chinese at / before anything is set");
    const chief = new Client(site, { lang: null });
    await chief.signIn("chief");
    let page = await chief.get("/admin/settings");
    assert.equal(page.status, 200, "a site without stored settings opens its settings");
    assert.match(page.body, /<h1 class="page-title">网站设置<\/h1>/, "the newsroom follows the site's language");
    assert.match(page.body, /<option value="zh-CN" lang="zh-CN" selected>中文<\/option><option value="en" lang="en">English<\/option>/);
    const f = Object.fromEntries(Object.entries(fieldsOf(page.body)).map(([k, v]) => [k, unescape(v)]));
    assert.equal(f.name, "procura");
    let r = await chief.post("/admin/settings", { ...f, name: "某县人民检察院", lang: "fr" });
    assert.equal(r.status, 422);
    assert.match(r.body, /id="s-lang-error">请选择中文或英文。/);
    assert.equal(queryDb(newDir, "SELECT count(*) FROM site").trim(), "0", "nothing stored");
    r = await chief.post("/admin/settings", { ...f, name: "County Procuratorate", lang: "en" });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(queryDb(newDir, "SELECT name || '|' || lang FROM site").trim(), "County Procuratorate|en");
    assert.match((await request(site.url + "/")).body, /<html lang="en">[\s\S]*County Procuratorate/, "English at / at once");
    page = await chief.get("/admin/settings");
    assert.match(page.body, /<h1 class="page-title">Site settings<\/h1>/);
    assert.match(page.body, /<option value="zh-CN" lang="zh-CN">中文<\/option><option value="en" lang="en" selected>English<\/option>/);
    assert.match((await chief.audit("action=site.update")).body, /lang=English public_url=no address byline_labels=no/);

    // Once an article is public, the language stays.
    r = await chief.post("/admin/settings", { ...f, name: "某县人民检察院", lang: "zh-CN" });
    assert.equal(r.status, 303, "back to Chinese while nothing is published");
    const col = await api(site, "POST", "/api/v1/columns", { token: tokens.chief, json: { slug: "news", name: "要闻", reviewer_ids: [3] } });
    assert.equal(col.status, 201, JSON.stringify(col.json));
    const id = await publishViaApi(site, tokens.w, tokens.r, "第一篇", "正文。", col.json.id);
    assert.equal((await request(site.url + `/articles/${id}/`)).status, 200, "published in Chinese at /");
    page = await chief.get("/admin/settings");
    assert.doesNotMatch(page.body, /id="s-lang"/);
    assert.match(page.body, /网站主语言为中文，第二语言为英文：已有文章发布/);
    const g = Object.fromEntries(Object.entries(fieldsOf(page.body)).map(([k, v]) => [k, unescape(v)]));
    r = await chief.post("/admin/settings", { ...g, lang: "en" });
    assert.equal(r.status, 422, "a form from before the article was published");
    assert.match(r.body, /已有文章发布后，网站主语言不能再更改/);
    assert.equal(queryDb(newDir, "SELECT lang FROM site").trim(), "zh-CN");
    assert.equal((await request(site.url + `/articles/${id}/`)).status, 200, "its address unchanged");
  } finally {
    await site.stop();
  }
});

test("a new site's administrator is shown the first steps, each ticked off as it is done", async () => {
  const newDir = tempDir();
  addUser(newDir, "chief", ["admin"]);
  const site = await startServer({ dataDir: newDir, demo: false });
  const steps = (html) => [...html.matchAll(/<li( class="done")?><span class="badge[^"]*">([^<]+)<\/span> (?:<a href="([^"]+)">|<strong>)([^<]+)<\/(?:a|strong)><br><span class="hint">([^<]*)<\/span><\/li>/g)]
    .map((m) => ({ done: Boolean(m[1]), state: m[2], href: m[3], label: m[4], hint: m[5] }));
  try {
    const chief = new Client(site, { lang: null });
    await chief.signIn("chief");
    let dash = (await chief.get("/admin/")).body;
    assert.match(dash, /<h2 id="h-start">开始使用<\/h2>\s*<p>已完成 0 项，共 6 项<\/p>/);
    let list = steps(dash);
    assert.deepEqual(list.map((s) => s.label), ["填写网站名称和公开地址", "建立门户栏目", "添加编辑账号",
      "为每个栏目指定审核人", "添加党务管理员账号", "发布第一篇文章"]);
    assert.ok(list.every((s) => !s.done && s.state === "待完成"));
    assert.deepEqual(list.map((s) => s.href), ["/admin/settings#s-public-url", "/admin/columns#new-column",
      "/admin/users#new-user", "/admin/columns", "/admin/users#new-user", undefined], "the admin cannot write: no link");
    for (const [path, id] of [["/admin/columns", "new-column"], ["/admin/users", "new-user"]])
      assert.match((await chief.get(path)).body, new RegExp(`<form [^>]*id="${id}"`), `${path} has the form the step links to`);
    assert.doesNotMatch(dash, /id="h-drafts"|id="h-review"/, "no empty lists of what an administrator cannot do");
    assert.doesNotMatch(dash, /id="h-public-url"/, "the address is a step of the list, not a second notice");
    const refused = await chief.get("/admin/articles/new");
    assert.equal(refused.status, 403);
    assert.match(refused.body, /撰写文章需要编辑或审核人角色，管理员不撰写文章。/, "a refusal names the roles that may");

    // A column without a reviewer: its step says what that means.
    let r = await chief.post("/admin/columns", { name: "工作动态", slug: "news", position: "10", four_eyes: "1" });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    r = await chief.post("/admin/users", { name: "w", password: "correct horse battery staple",
      password_again: "correct horse battery staple", role: "editor" });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    dash = (await chief.get("/admin/")).body;
    assert.match(dash, /已完成 2 项，共 6 项/);
    list = steps(dash);
    assert.deepEqual(list.map((s) => s.done), [false, true, true, false, false, false]);
    assert.equal(list[1].state, "已完成");
    assert.equal(list[3].hint, "有 1 个公开栏目没有审核人，其中的稿件无法发布。");
    assert.equal(list[3].href, "/admin/columns/1", "straight to the column without one");
    const columns = (await chief.get("/admin/columns")).body;
    assert.match(columns, /<tr id="column-1"><th scope="row"><a href="\/admin\/columns\/1">工作动态<\/a><\/th><td[^>]*><span class="badge due-missing">无<\/span><\/td><td[^>]*>1<\/td><td[^>]*>显示<\/td><td[^>]*>news<\/td><td[^>]*><\/td>/,
      "the table marks a column without reviewers");

    addUser(newDir, "r", ["reviewer"]);
    addUser(newDir, "o", ["records-officer"]);
    const reviewer = queryDb(newDir, "SELECT id FROM users WHERE name = 'r'").trim();
    r = await chief.post("/admin/columns/1", { name: "工作动态", slug: "news", position: "10", four_eyes: "1", reviewer });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(r.headers.location, "/admin/columns/1?done=saved", "back to the column's page");
    assert.match((await chief.get("/admin/users/r")).body, /<p id="user-reviews">审核栏目： <a href="\/admin\/columns\/1">工作动态<\/a> <\/p>/,
      "a reviewer's page names their columns");
    assert.doesNotMatch((await chief.get("/admin/users/w")).body, /id="user-reviews"/);
    const f = Object.fromEntries(Object.entries(fieldsOf((await chief.get("/admin/settings")).body)).map(([k, v]) => [k, unescape(v)]));
    r = await chief.post("/admin/settings", { ...f, public_url: "https://www.example.gov.cn", lang: "zh-CN" });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    dash = (await chief.get("/admin/")).body;
    assert.match(dash, /已完成 5 项，共 6 项/);
    assert.equal(steps(dash)[3].hint, "审核人负责审核所管栏目的发布内容。");

    // The first article published: the list is gone, nothing else changes.
    const id = await publishViaApi(site, apiToken(newDir, "w"), apiToken(newDir, "r"), "第一篇", "正文。", 1);
    assert.equal((await request(site.url + `/articles/${id}/`)).status, 200);
    dash = (await chief.get("/admin/")).body;
    assert.doesNotMatch(dash, /id="h-start"/, "all done: the list goes away");
    assert.match(dash, /<h2 id="h-published">最近发布<\/h2>/);
    const w = new Client(site, { lang: null });
    await w.signIn("w");
    const wd = (await w.get("/admin/")).body;
    assert.doesNotMatch(wd, /id="h-start"/, "only for administrators");
    assert.match(wd, /<h2 id="h-drafts">我的草稿<\/h2>/, "a writer still sees their drafts");
  } finally {
    await site.stop();
  }
});

// A column's form, as its page has it: text fields, the chosen options and
// the ticked boxes (what a browser would send).
const columnFormOf = (html) => {
  const form = html.slice(html.indexOf('<form method="post" action="/admin/columns/'));
  const fields = [];
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attr = (n) => (m[1].match(new RegExp(`(?:^|\\s)${n}="([^"]*)"`)) ?? [])[1];
    if (!attr("name") || (attr("type") === "checkbox" && !/\schecked\b/.test(m[1]))) continue;
    fields.push([attr("name"), unescape(attr("value") ?? "")]);
  }
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = m[2].match(/<option value="([^"]*)" selected>/);
    fields.push([m[1], chosen ? chosen[1] : ""]);
  }
  return Object.fromEntries(fields.filter(([k]) => k !== "_csrf"));
};

test("a column's name and description in English: set on its page, shown on the English pages and feeds, kept when not sent", async () => {
  const admin = new Client(srv);
  await admin.signIn("boss");
  const id = queryDb(dir, "SELECT id FROM columns WHERE slug = 'highlights'").trim();
  const page = await admin.get(`/admin/columns/${id}`);
  const form = columnFormOf(page.body);
  assert.equal(form.second_name, "Procuratorial Highlights", "the demo's English name is on the form");
  assert.match(page.body, /<legend>English<\/legend>/);

  // Saving the form as it is keeps the English name (an edit used to erase it).
  assert.equal((await admin.post(`/admin/columns/${id}`, { ...form, position: "1" })).status, 303);
  assert.equal(queryDb(dir, `SELECT second_name FROM columns WHERE id = ${id}`).trim(), "Procuratorial Highlights");

  const res = await admin.post(`/admin/columns/${id}`, { ...form, second_description: "Work news & events." });
  assert.equal(res.status, 303, res.body);
  const en = (await request(srv.url + "/en/columns/highlights/")).body;
  assert.match(en, /<p class="column-description">Work news &amp; events\.<\/p>/);
  assert.match(en, /<meta name="description" content="Work news &amp; events\.">/);
  assert.match((await request(srv.url + "/columns/highlights/")).body, /<p class="column-description">检察机关工作动态与重要活动。<\/p>/);
  assert.match((await request(srv.url + "/en/columns/highlights/feed.xml")).body, /<description>Work news &amp; events\.<\/description>/);

  // The API's PUT without the English fields leaves them; with them, sets them.
  const token = apiToken(dir, "boss");
  let put = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { slug: "highlights", name: "检察要闻", description: "检察机关工作动态与重要活动。", position: 1 } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.equal(queryDb(dir, `SELECT second_name || '|' || second_description FROM columns WHERE id = ${id}`).trim(),
    "Procuratorial Highlights|Work news & events.");
  put = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { slug: "highlights", name: "检察要闻", description: "检察机关工作动态与重要活动。", position: 1, second_name: "Highlights", second_description: "" } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const listed = (await api(srv, "GET", "/api/v1/columns", { token })).json.columns.find((c) => String(c.id) === id);
  assert.deepEqual([listed.second_name, listed.second_description], ["Highlights", ""]);
  // Nothing English to show: the Chinese description, marked as Chinese.
  assert.match((await request(srv.url + "/en/columns/highlights/")).body, /<p class="column-description" lang="zh-CN">检察机关工作动态与重要活动。<\/p>/);

  // Too long: refused, naming the field, nothing stored.
  const long = await admin.post(`/admin/columns/${id}`, { ...form, second_name: "x".repeat(101) });
  assert.equal(long.status, 422);
  assert.match(long.body, /The name in the second language is too long: at most 100 characters\./);
  assert.equal(queryDb(dir, `SELECT second_name FROM columns WHERE id = ${id}`).trim(), "Highlights");
});

test("the API's column PUT changes only the fields sent: the reviewers, editors and description stay", async () => {
  const admin = new Client(srv);
  await admin.signIn("boss");
  const token = apiToken(dir, "boss");
  const rev = Number(queryDb(dir, "SELECT id FROM users WHERE name = 'rev'").trim());
  const ed = Number(queryDb(dir, "SELECT id FROM users WHERE name = 'ed'").trim());
  const made = await api(srv, "POST", "/api/v1/columns", { token, json: { slug: "partial-put", name: "部分修改", description: "说明文字", position: 5, reviewer_rights: [{ user_id: rev, steps: 7 }], editor_ids: [ed] } });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  const id = made.json.id;
  const listed = async () => (await api(srv, "GET", "/api/v1/columns", { token })).json.columns.find((c) => c.id === id);
  assert.deepEqual([(await listed()).reviewer_ids, (await listed()).editor_ids], [[rev], [ed]]);

  // Only `hidden` sent: everything else is as it was.
  const put = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { hidden: true } });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  let c = await listed();
  assert.deepEqual([c.name, c.slug, c.description, c.position, c.hidden, c.reviewer_ids, c.editor_ids, c.reviewer_rights],
    ["部分修改", "partial-put", "说明文字", 5, true, [rev], [ed], [{ user_id: rev, steps: 7 }]]);

  // Sent lists replace; a null parent_id is the top level; the form agrees.
  const parent = Number(queryDb(dir, "SELECT id FROM columns WHERE slug = 'highlights'").trim());
  assert.equal((await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { parent_id: parent, editor_ids: [] } })).status, 200);
  c = await listed();
  assert.deepEqual([c.parent_id, c.editor_ids, c.reviewer_ids], [parent, [], [rev]]);
  assert.equal((await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { parent_id: null } })).status, 200);
  assert.equal((await listed()).parent_id, null);
  // A reviewer's steps set alone stay when only the list is sent again.
  assert.equal((await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { reviewer_rights: [{ user_id: rev, steps: 4 }] } })).status, 200);
  assert.equal((await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { reviewer_ids: [rev] } })).status, 200);
  assert.deepEqual((await listed()).reviewer_rights, [{ user_id: rev, steps: 4 }], "the final step only, as set");
  // Rights for someone the list leaves out are refused, not dropped.
  const stray = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { reviewer_ids: [], reviewer_rights: [{ user_id: rev, steps: 1 }] } });
  assert.equal(stray.status, 400, JSON.stringify(stray.json));
  assert.equal(stray.json.error.field, "reviewer_rights");
  assert.match(stray.json.error.message, new RegExp(`user ${rev} is not in reviewer_ids`));
  assert.deepEqual((await listed()).reviewer_ids, [rev], "nothing changed");

  // Wrong input: named, nothing changed.
  for (const [json, field] of [[{ hidden: true, colour: "red" }, /unknown field 'colour'/],
    [{ editor_ids: [Number(queryDb(dir, "SELECT id FROM users WHERE name = 'off'").trim())] }, /does not have the editor role/],
    [{ editor_ids: "ed" }, /editor_ids: must be a list of user ids/],
    [{ position: -1 }, /position/]]) {
    const bad = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json });
    assert.ok(bad.status === 400 || bad.status === 422, JSON.stringify(bad.json));
    assert.match(bad.json.error.message, field);
  }
  assert.deepEqual((await listed()).editor_ids, []);
  // A column as GET answers it goes back whole; another column's id is refused.
  const whole = await listed();
  assert.equal((await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { ...whole, name: "整体修改" } })).status, 200);
  assert.equal((await listed()).name, "整体修改");
  const wrong = await api(srv, "PUT", `/api/v1/columns/${id}`, { token, json: { ...whole, id: parent } });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.field, "id");
  assert.equal((await api(srv, "PUT", "/api/v1/columns/999999", { token, json: { hidden: false } })).status, 404);
});

test("a refused column form comes back with what was typed and the error beside its field", async () => {
  const admin = new Client(srv);
  await admin.signIn("boss");
  // A new column whose web address name is taken.
  const taken = await admin.post("/admin/columns", { name: "重复的栏目", slug: "highlights", position: "7", four_eyes: "1" });
  assert.equal(taken.status, 422);
  assert.match(taken.body, /<span class="field-error" id="n-slug-error">The web address name &apos;highlights&apos; is taken\.<\/span> <input id="n-slug" name="slug" value="highlights"[^>]* aria-invalid="true" aria-describedby="n-slug-error">/);
  assert.match(taken.body, /<li><a href="#n-slug">/);
  assert.match(taken.body, /<input id="n-name" name="name" value="重复的栏目"/, "the name typed is kept");
  assert.match(taken.body, /<input id="n-pos" name="position" value="7"/);
  assert.equal(queryDb(dir, "SELECT count(*) FROM columns WHERE name = '重复的栏目'").trim(), "0");

  // An existing column saved with a position that is not a number.
  const id = queryDb(dir, "SELECT id FROM columns WHERE slug = 'highlights'").trim();
  const form = columnFormOf((await admin.get(`/admin/columns/${id}`)).body);
  const bad = await admin.post(`/admin/columns/${id}`, { ...form, description: "改过的说明", position: "abc", slug: "bad slug" });
  assert.equal(bad.status, 422);
  // Every wrong field at once, each beside its own box.
  assert.match(bad.body, new RegExp(`<span class="field-error" id="c${id}-slug-error">The web address name has 1 to 64`));
  assert.match(bad.body, new RegExp(`<span class="field-error" id="c${id}-pos-error">The position is a whole number from 0 to 1000000\\.</span>`));
  assert.match(bad.body, new RegExp(`<input id="c${id}-desc" name="description" value="改过的说明"`), "the other changes are still on the form");
  assert.notEqual(queryDb(dir, `SELECT description FROM columns WHERE id = ${id}`).trim(), "改过的说明");
});
