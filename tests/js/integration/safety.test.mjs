// Content safety (issue 17): the admin's word lists, matched through
// evasions on the text that would go public. A blocking word stops
// submission and approval, in the newsroom and through the API; a warning
// needs the reviewer's reason, which the audit log keeps. Lists import and
// export as CSV/XLSX, all rows or none, and every change is audited.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { runCli, queryDb } from "../lib/server.mjs";
import http from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../lib/server.mjs";
import { api, apiReview, Client, multipart, siteWithNewsroom } from "../lib/newsroom.mjs";

Client.defaultLang = "en";
let site, admin, editor, reviewer;

before(async () => {
  // The link test's stand-in for the outside world is on loopback, which a
  // link check refuses to reach unless told (the test after it).
  site = await siteWithNewsroom({ args: ["--link-check-private"] });
  admin = new Client(site.srv);
  await admin.signIn("adm");
  editor = new Client(site.srv);
  await editor.signIn("ed");
  reviewer = new Client(site.srv);
  await reviewer.signIn("rv");
});
after(async () => { await site.srv.stop(); });

const draft = async (title, body) => {
  const r = await api(site.srv, "POST", "/api/v1/articles", { token: site.ed, json: { column_id: 2, title, body } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.article.id;
};
const entriesOf = (html) => [...html.matchAll(/<td lang="zh-CN">([^<]+)/g)].map((m) => m[1].trim());

test("the demo ships sample lists, labelled as samples; only an admin may see them", async () => {
  const page = await admin.get("/admin/word-lists");
  assert.equal(page.status, 200);
  for (const w of ["绝密", "内部资料", "再接再励", "最高检察院"]) assert.ok(entriesOf(page.body).includes(w), w);
  assert.match(page.body, /<span class="badge">sample<\/span>/);
  assert.equal((await editor.get("/admin/word-lists")).status, 403);
  assert.equal((await editor.post("/admin/word-lists", { category: "sensitive", word: "x", level: "block" })).status, 403);
});

test("a bad entry is refused beside its field; a good one is added and audited", async () => {
  let r = await admin.post("/admin/word-lists", { category: "typo", word: " ， ", level: "maybe" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="w-word-error"[^>]*>The word needs at least one letter/);
  assert.match(r.body, /id="w-level-error"[^>]*>Choose block or warn\./);
  assert.match(r.body, /id="w-replacement-error"[^>]*>Typos and formulations need the correct form\./);
  r = await admin.post("/admin/word-lists", { category: "sensitive", word: "测试禁词", level: "block", note: "for the test" });
  assert.equal(r.status, 303);
  r = await admin.post("/admin/word-lists", { category: "sensitive", word: "测试禁词", level: "warn" });
  assert.equal(r.status, 409);
  assert.match(r.body, /already on that list/);
  const audit = await admin.audit("action=wordlist.");
  assert.match(audit.body, /sensitive: 测试禁词 \(block\)/);
});

test("a blocking word stops submission and approval, whatever the spacing or script", async () => {
  // Written with spaces, punctuation and a traditional character: still 机密.
  const id = await draft("季度通报", "本文件属 機 . 密 材料。");
  let r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed });
  assert.equal(r.status, 422, JSON.stringify(r.json));
  assert.match(JSON.stringify(r.json), /机 ?密|機 \. 密/);
  assert.match(JSON.stringify(r.json), /cannot be published/);
  // The editor sees the finding on the article page, with its list.
  const page = await editor.get(`/admin/articles/${id}/`);
  assert.match(page.body, /id="word-findings"/);
  assert.match(page.body, /Text contains “機 \. 密” \(confidentiality markers\), which cannot be published\./);
  // A word added to the list after submission is caught at approval, on
  // the exact text that would go public (newsroom and API alike).
  const id2 = await draft("工作动态", "会议讨论了测 试 禁 词的处理。");
  const sub = await api(site.srv, "POST", `/api/v1/articles/${id2}/submit`, { token: site.ed });
  assert.equal(sub.status, 422, "the test's own block word");
  const id3 = await draft("工作动态二", "本周召开例会。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${id3}/submit`, { token: site.ed })).status, 200);
  assert.equal((await admin.post("/admin/word-lists", { category: "sensitive", word: "例会", level: "block" })).status, 303);
  r = await apiReview(site.srv, id3, "approve", site.rv);
  assert.equal(r.status, 422);
  assert.match(JSON.stringify(r.json), /例会/);
  const form = await reviewer.review(id3, "approve");
  assert.equal(form.status, 422);
  assert.match(form.body, /例会/);
  const got = await api(site.srv, "GET", `/api/v1/articles/${id3}`, { token: site.rv });
  assert.equal(got.json.article.status, "submitted", "still not published");
});

test("a known-good phrase lets the listed word inside it pass; the word alone still blocks", async () => {
  assert.equal((await admin.post("/admin/word-lists", { category: "sensitive", word: "测试分裂", level: "block" })).status, 303);
  // The level asked for is replaced: a known-good phrase allows.
  assert.equal((await admin.post("/admin/word-lists", { category: "allowed", word: "打击测试分裂", level: "block" })).status, 303);
  const page = await admin.get("/admin/word-lists");
  const section = page.body.slice(page.body.indexOf('id="list-allowed"'));
  assert.match(section, /<h2 id="list-allowed-h">known-good phrases \(1\)<\/h2>/);
  assert.match(section, /<td lang="zh-CN">打击测试分裂<\/td><td[^>]*>allow<\/td>/);
  const good = await draft("专项行动", "坚决打击“测试 分裂”活动。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${good}/submit`, { token: site.ed })).status, 200);
  const bad = await draft("另一篇", "坚决打击测试分裂活动，不容测试分裂。");
  const r = await api(site.srv, "POST", `/api/v1/articles/${bad}/submit`, { token: site.ed });
  assert.equal(r.status, 422, "the word outside the phrase still blocks");
  assert.match(JSON.stringify(r.json), /测试分裂/);
  const csv = await admin.get("/admin/word-lists/export/csv");
  assert.match(csv.body, /allowed,打击测试分裂,allow,/);
});

test("a warning needs the reviewer's reason, which the audit log keeps", async () => {
  const id = await draft("全院干警再接再励", "按装调试工作已完成。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed })).status, 200,
    "warnings do not stop submission");
  const page = await reviewer.get(`/admin/articles/${id}/`);
  assert.match(page.body, /Title contains “再接再励” \(common typos\): should it be “再接再厉”\?/);
  assert.match(page.body, /name="override_reason" required/);
  let r = await reviewer.review(id, "approve");
  assert.equal(r.status, 422);
  assert.match(r.body, /raised 2 warnings/);
  r = await apiReview(site.srv, id, "approve", site.rv, { override_reason: "   " });
  assert.equal(r.status, 422);
  r = await reviewer.review(id, "approve", { override_reason: "标题引用原话，保留原文" });
  assert.equal(r.status, 303);
  const got = await api(site.srv, "GET", `/api/v1/articles/${id}`, { token: site.rv });
  assert.equal(got.json.article.status, "published");
  const audit = await admin.audit(`action=article.publish`);
  assert.match(audit.body, /word-list warnings overridden: warn 再接再励 \(title\); warn 按装 \(body\); reason: 标题引用原话，保留原文/);
});

test("lists import as CSV (all rows or none) and export as CSV and XLSX", async () => {
  const bad = "category,word,level,replacement\r\ntypo,既然,warn,\r\nnonsense,词,block,\r\n";
  let r = await admin.upload("/admin/word-lists/import", [["file", { filename: "w.csv", type: "text/csv", data: Buffer.from(bad) }]]);
  assert.equal(r.status, 422);
  assert.match(r.body, /Row 2: Typos and formulations need the correct form\./);
  assert.match(r.body, /Row 3: Choose the list/);
  assert.ok(!entriesOf((await admin.get("/admin/word-lists")).body).includes("既然"), "nothing written");
  const good = "category,word,level,replacement,note,whole_word\r\ntypo,截止目前,warn,截至目前,,no\r\nconfidential,绝密,block,,changed note,no\r\nsensitive,SECRET,warn,,,yes\r\n";
  r = await admin.upload("/admin/word-lists/import", [["file", { filename: "w.csv", type: "text/csv", data: Buffer.from(good) }]]);
  assert.equal(r.status, 200);
  assert.match(r.body, /Imported: 2 added, 1 updated, 0 already listed\./);
  const csv = await admin.get("/admin/word-lists/export/csv");
  assert.equal(csv.status, 200);
  assert.match(csv.headers["content-type"], /text\/csv/);
  assert.match(csv.body, /typo,截止目前,warn,截至目前,,no/);
  assert.match(csv.body, /confidential,绝密,block,,changed note,no/);
  const xlsx = await admin.get("/admin/word-lists/export/xlsx");
  assert.equal(xlsx.status, 200);
  const audit = await admin.audit("action=wordlist.import");
  assert.match(audit.body, /2 added, 1 updated, 0 unchanged/);
  // Whole word: SECRET is found alone, not inside "secretary".
  const id = await draft("Notes", "The branch secretary spoke. Marked SECRET.");
  const page = await editor.get(`/admin/articles/${id}/`);
  assert.equal([...page.body.matchAll(/Text contains “SECRET”/g)].length, 1);
  assert.doesNotMatch(page.body, /“secret”/);
});

test("removing a word needs a confirmation and is audited", async () => {
  const page = await admin.get("/admin/word-lists");
  const m = page.body.match(/action="\/admin\/word-lists\/(\d+)\/delete"[^]*?<span class="visually-hidden"> 例会<\/span>/);
  const ids = [...page.body.matchAll(/action="\/admin\/word-lists\/(\d+)\/delete"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit" class="secondary">Remove<span class="visually-hidden"> 例会</g)];
  assert.equal(ids.length, 1, m ? "" : "the entry's form");
  const id = ids[0][1];
  let r = await admin.post(`/admin/word-lists/${id}/delete`);
  assert.equal(r.status, 200, "asks first");
  assert.match(r.body, /Remove “例会” from the list “sensitive words”\?/, "names the word and its list");
  assert.equal((await admin.post("/admin/word-lists/999999/delete")).status, 404);
  r = await admin.post(`/admin/word-lists/${id}/delete`, { confirm: "1" });
  assert.equal(r.status, 303);
  assert.ok(!entriesOf((await admin.get("/admin/word-lists")).body).includes("例会"));
  assert.match((await admin.audit("action=wordlist.remove")).body, /例会/);
});

test("after a list change, check-content and the admin list the published articles that now match", async () => {
  // The demo's articles are clean of every blocking entry; one of them says
  // 学习总书记, which the sample's 习总书记 (warn) flags: a near miss the
  // list's note warns about.
  let r = await runCli(["check-content", "--data", site.dir]);
  assert.equal(r.code, 11, r.stderr);
  assert.match(r.stdout, /warn "习总书记" in body \(formulation list: write "习近平总书记"\)/);
  assert.doesNotMatch(r.stdout, /^  block/m);
  const before = Number(r.stdout.match(/^(\d+) published articles flagged/m)[1]);
  // A published article, then a list entry that its text now matches.
  const id = await draft("检察开放日", "开放日邀请市民走进检察院，参观案件管理中心。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed })).status, 200);
  assert.equal((await apiReview(site.srv, id, "approve", site.rv)).status, 200);
  assert.equal((await admin.post("/admin/word-lists", { category: "formulation", word: "案件管理中心", level: "warn", replacement: "案件管理部" })).status, 303);
  r = await runCli(["check-content", "--data", site.dir]);
  assert.equal(r.code, 11);
  assert.match(r.stdout, new RegExp(`article ${id} "检察开放日":\\n  warn "案件管理中心" in body`));
  // The new entry may flag older demo articles too; at least this one more.
  assert.ok(Number(r.stdout.match(/^(\d+) published articles flagged/m)[1]) >= before + 1);
  const page = await admin.get("/admin/word-lists/published");
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`<a href="/admin/articles/${id}/">检察开放日</a>`));
  assert.match(page.body, /Text contains “案件管理中心” \(standard formulations\): should it be “案件管理部”\?/);
  assert.equal((await editor.get("/admin/word-lists/published")).status, 403);
  // The near miss made a known-good phrase: the rescan no longer reports it.
  assert.equal((await admin.post("/admin/word-lists", { category: "allowed", word: "学习总书记", level: "warn" })).status, 303);
  r = await runCli(["check-content", "--data", site.dir]);
  assert.doesNotMatch(r.stdout, /"习总书记"/);
});

// After a broad list change the page lists the first 100 flagged articles
// and points to check-content for all of them.
test("the flagged-articles page lists 100 and says where the rest are", async () => {
  const word = "批量标记词";
  queryDb(site.dir, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101) " +
    "INSERT INTO articles (column_id, title, status, published_at, body_md, created_at, updated_at) " +
    `SELECT a.column_id, '批量稿件' || n.i, 'published', a.published_at, '正文含有${word}。', a.created_at, a.updated_at ` +
    "FROM n, (SELECT * FROM articles WHERE status = 'published' ORDER BY id LIMIT 1) a");
  assert.equal((await admin.post("/admin/word-lists", { category: "sensitive", word, level: "warn" })).status, 303);
  try {
    const page = (await admin.get("/admin/word-lists/published")).body;
    assert.ok(Number(page.match(/(\d+) published articles are flagged/)[1]) >= 101);
    assert.equal([...page.matchAll(/<li><a href="\/admin\/articles\/\d+\/">/g)].length, 100);
    assert.match(page, /<p class="hint" id="flagged-more">The first 100 are listed here; procura check-content prints them all\.<\/p>/);
    const r = await runCli(["check-content", "--data", site.dir]);
    assert.equal([...r.stdout.matchAll(/"批量稿件\d+":/g)].length, 101);
  } finally {
    // Gone straight from the database, with a row in the change log as a
    // withdrawal has: the page reads the articles again only after a change.
    queryDb(site.dir, "DELETE FROM articles WHERE title LIKE '批量稿件%'; UPDATE change_counter SET seq = seq + 1; " +
      "INSERT INTO change_log (seq, kind, entity_id, column_ids, at) SELECT seq, 'site', 0, '', 0 FROM change_counter");
  }
  assert.doesNotMatch((await admin.get("/admin/word-lists/published")).body, /id="flagged-more"/);
});

test("a full name beside a case role, or a minor in a case, needs a reason; the mask is suggested", async () => {
  const id = await draft("依法提起公诉", "被告人王大海因盗窃罪被提起公诉，被害人年仅15岁。证人身份证号 110105 19491231 002X。");
  const page = await editor.get(`/admin/articles/${id}/`);
  assert.match(page.body, /Text contains “王大海” \(a name in a case report\): should it be “王某某”\?/);
  assert.match(page.body, /Text contains “15岁” \(a minor in a case\): check it before publishing\./);
  // The ID number, typed in groups, is one finding, which blocks: no
  // reason lets it through, and the article cannot even be submitted.
  const idFindings = page.body.match(/110105 19491231 002X” \(a citizen/g) ?? [];
  assert.equal(idFindings.length, 1, "one finding for the number, not a block and a warning");
  assert.match(page.body, /<p>Checks before publishing found:<\/p>/);
  assert.match(page.body, /Text contains “110105 19491231 002X” \(a citizen(&#39;|&apos;|')s ID number\), which cannot be published: write “110105\*{8}002X”\./);
  assert.match(page.body, /A public page must not show a citizen(&#39;|&apos;|')s ID number/, "the built-in check's note, in the reader's language");
  let r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed });
  assert.equal(r.status, 422);
  assert.match(JSON.stringify(r.json), /a citizen's ID number/);
  const named = await draft("依法提起公诉（二）", "被告人王大海因盗窃罪被提起公诉，被害人年仅15岁。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${named}/submit`, { token: site.ed })).status, 200);
  r = await apiReview(site.srv, named, "approve", site.rv);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, "override_reason");
  // Masked, it goes through without a reason.
  const masked = await draft("依法提起公诉（已隐名）", "被告人王某某因盗窃罪被提起公诉。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${masked}/submit`, { token: site.ed })).status, 200);
  r = await apiReview(site.srv, masked, "approve", site.rv);
  assert.equal(r.status, 200, JSON.stringify(r.json));
});

// A run of 16-19 digits passing the Luhn check may be a card or the
// institution's own account: the reviewer decides, with a reason.
test("a number that may be a bank card needs the reviewer's reason; an ID number still blocks", async () => {
  const id = await draft("对公账户公示", "本院对公账户：4111 1111 1111 1111，户名：省人民检察院。");
  const page = await editor.get(`/admin/articles/${id}/`);
  assert.match(page.body, /4111 1111 1111 1111” \(a bank card number\)/);
  assert.match(page.body, /This may be a person(&#39;|&apos;|')s bank card number[^<]*the reviewer gives the reason/);
  assert.doesNotMatch(page.body, /4111 1111 1111 1111” \(a bank card number\), which cannot be published/);
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed })).status, 200);
  let r = await apiReview(site.srv, id, "approve", site.rv);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, "override_reason");
  r = await apiReview(site.srv, id, "approve", site.rv, { override_reason: "本院对公账户，依规公示" });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const audit = await admin.audit("action=article.publish");
  assert.match(audit.body, /word-list warnings overridden: warn 4111\*{8}1111 \(body\); reason: 本院对公账户，依规公示/,
    "the audit log keeps the reason, the number masked");
});

test("leaders: a wrong title blocks, a sound-alike name and names out of precedence need a reason", async () => {
  let r = await admin.post("/admin/word-lists/leaders", { name: "王 伟", titles: "", precedence: "0" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="l-name-error"[^>]*>Enter the name: 2 to 10 characters/);
  assert.match(r.body, /id="l-titles-error"/);
  assert.match(r.body, /id="l-precedence-error"/);
  r = await admin.post("/admin/word-lists/leaders", { name: "王伟", titles: "党组书记、检察长", precedence: "1" });
  assert.equal(r.status, 303);
  r = await admin.post("/admin/word-lists/leaders", { name: "李强", titles: "副检察长", precedence: "2" });
  assert.equal(r.status, 303);
  assert.match((await admin.audit("action=leader.add")).body, /王伟: 党组书记、检察长 \(precedence 1\)/);
  // The demo's own article names 周勇 with his titles: not flagged.
  const wrong = await draft("副检察长王伟调研", "调研中，王玮检察长指出要抓好落实。李强、王伟出席。");
  r = await api(site.srv, "POST", `/api/v1/articles/${wrong}/submit`, { token: site.ed });
  assert.equal(r.status, 422);
  assert.match(JSON.stringify(r.json), /副检察长王伟/);
  const page = await editor.get(`/admin/articles/${wrong}/`);
  assert.match(page.body, /Title contains “副检察长王伟” \(a leader&#39;s title|Title contains “副检察长王伟” \(a leader's title|Title contains “副检察长王伟” \(a leader&apos;s title/);
  assert.match(page.body, /should it be “党组书记王伟”\?|write “党组书记王伟”/);
  assert.match(page.body, /“王玮” \(a leader(&#39;|&apos;|')s name\): should it be “王伟”\?/);
  assert.match(page.body, /“李强、王伟” \(leaders(&#39;|&apos;|') precedence\): should it be “王伟、李强”\?/);
  // Title fixed: the rest are warnings, which need the reviewer's reason.
  const fixed = await draft("检察长王伟调研", "调研中，王玮检察长指出要抓好落实。");
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${fixed}/submit`, { token: site.ed })).status, 200);
  r = await apiReview(site.srv, fixed, "approve", site.rv);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, "override_reason");
});

test("links are checked on submit: internal ones must resolve, external ones must answer", async () => {
  // A local web server stands in for the outside world.
  const web = http.createServer((req, res) => {
    if (req.url === "/ok") { res.writeHead(200); res.end("fine"); return; }
    if (req.url === "/no-head") { res.writeHead(req.method === "HEAD" ? 405 : 206); res.end("f"); return; }
    res.writeHead(404); res.end("gone");
  });
  await new Promise((resolve) => web.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${web.address().port}`;
  try {
    const body = `见[通知](${base}/ok)、[旧页](${base}/gone)、[只认 GET](${base}/no-head)、` +
      "[首页](/)、[不存在的文章](/articles/99999/)和[栏目](/columns/no-such-column/)。";
    const id = await draft("链接检查", body);
    let r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed });
    assert.equal(r.status, 422, JSON.stringify(r.json));
    assert.equal(r.json.error.field, "keep_dead_links");
    const message = r.json.error.message;
    assert.match(message, new RegExp(`${base}/gone`));
    assert.match(message, /\/articles\/99999\//);
    assert.match(message, /\/columns\/no-such-column\//);
    assert.doesNotMatch(message, new RegExp(`${base}/ok|${base}/no-head`));
    // In the newsroom the refusal comes back on the article with the links.
    const form = await editor.post(`/admin/articles/${id}/submit`, {});
    assert.equal(form.status, 422);
    assert.match(form.body, /These links do not work/);
    // Confirmed by the writer: submitted, and the audit row says so.
    r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed, json: { keep_dead_links: true } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const audit = await admin.audit("action=article.submit");
    assert.match(audit.body, /dead links kept: /);
    // A link to a published article resolves.
    const good = await draft("链接检查二", "参见[培训报道](/articles/1/)。");
    assert.equal((await api(site.srv, "POST", `/api/v1/articles/${good}/submit`, { token: site.ed })).status, 200);
  } finally {
    web.close();
  }
});

test("by default a link into the server's own network is dead and never fetched", async () => {
  let hits = 0;
  const web = http.createServer((req, res) => { hits += 1; res.writeHead(200); res.end("inside"); });
  await new Promise((resolve) => web.listen(0, "127.0.0.1", resolve));
  const inside = `http://127.0.0.1:${web.address().port}/admin`;
  const plain = await siteWithNewsroom();
  try {
    const r0 = await api(plain.srv, "POST", "/api/v1/articles", { token: plain.ed, json: { column_id: 2, title: "内网链接", body: `见[内网](${inside})、[本机名](http://localhost:${web.address().port}/)、[私网](http://10.0.0.1/)。` } });
    assert.equal(r0.status, 201, JSON.stringify(r0.json));
    const r = await api(plain.srv, "POST", `/api/v1/articles/${r0.json.article.id}/submit`, { token: plain.ed });
    assert.equal(r.status, 422, JSON.stringify(r.json));
    assert.equal(r.json.error.field, "keep_dead_links");
    assert.ok(r.json.error.message.includes(inside), r.json.error.message);
    assert.match(r.json.error.message, /http:\/\/localhost:\d+\/, http:\/\/10\.0\.0\.1\//, "a name is checked by the address it resolves to");
    assert.equal(hits, 0, "the check never connected to a loopback address");
  } finally {
    await plain.srv.stop();
    web.close();
  }
});

test("an attachment's name is checked too", async () => {
  const up = await editor.upload("/admin/media", [["alt", ""], ["file", { filename: "内部资料汇编.pdf", type: "application/pdf", data: readFileSync(join(ROOT, "tests/fixtures/sample.pdf")) }]]);
  assert.equal(up.status, 303);
  const lib = await editor.get("/admin/media?kind=document");
  const mediaId = lib.body.match(/<a href="\/admin\/media\/(\d+)">内部资料汇编\.pdf<\/a>/)[1];
  const id = await draft("材料汇编", "见附件。");
  assert.equal((await editor.post(`/admin/articles/${id}/attachments`, { media: mediaId })).status, 303);
  const r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed });
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /An attachment's name contains “内部资料” \(confidentiality markers\), which cannot be published\./);
});

// A bought list may hold tens of thousands of words: each list shows its
// first 200 and says how many more; a search finds any of them.
test("a long list shows 200 words and the count of the rest; a search finds any word", async () => {
  let csv = "category,word,level\r\n";
  for (let i = 1; i <= 230; i++) csv += `sensitive,长列表词${String(i).padStart(3, "0")},warn\r\n`;
  const r = await admin.upload("/admin/word-lists/import", [["file", { filename: "long.csv", type: "text/csv", data: Buffer.from(csv) }]]);
  assert.equal(r.status, 200, r.body.slice(0, 300));
  const page = (await admin.get("/admin/word-lists")).body;
  const section = page.match(/<section aria-labelledby="list-sensitive-h" id="list-sensitive">([^]*?)<\/section>/)[1];
  const count = Number(section.match(/<h2 id="list-sensitive-h">[^<(]+\((\d+)\)<\/h2>/)[1]);
  assert.ok(count >= 230, String(count));
  assert.equal([...section.matchAll(/<td lang="zh-CN">/g)].length, 200, "200 shown");
  assert.match(section, new RegExp(`<p class="hint list-more">… and ${count - 200} more: find a word above, or download the lists\\.</p>`));
  // One the list does not show is found by a search, alone.
  const found = (await admin.get(`/admin/word-lists?q=${encodeURIComponent("长列表词229")}`)).body;
  assert.match(found, /<p role="status" id="words-found">1 entry contains “长列表词229”\.<\/p>/);
  assert.deepEqual(entriesOf(found), ["长列表词229"]);
  assert.match(found, /<input id="w-q" name="q" type="search" value="长列表词229"/);
  assert.match((await admin.get(`/admin/word-lists?q=${encodeURIComponent("长列表词2")}`)).body, /31 entries contain “长列表词2”/);
  assert.match((await admin.get("/admin/word-lists?q=NOTHING-LIKE-IT")).body, /0 entries contain/);
  // Removed from the results, the admin is back at the same search.
  const wordId = found.match(/action="\/admin\/word-lists\/(\d+)\/delete"><input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="q" value="长列表词229">/)[1];
  const gone = await admin.post(`/admin/word-lists/${wordId}/delete`, { q: "长列表词229", confirm: "1" });
  assert.equal(gone.status, 303);
  assert.equal(gone.headers.location, `/admin/word-lists?q=${encodeURIComponent("长列表词229")}&done=deleted#find`);
  assert.match((await admin.get(gone.headers.location)).body, /0 entries contain “长列表词229”/);
  const long = await admin.get(`/admin/word-lists?q=${"词".repeat(51)}`);
  assert.equal(long.status, 400);
  assert.match(long.body, /Search for at most 50 characters\./);
});
