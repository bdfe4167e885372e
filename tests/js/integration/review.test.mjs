// Multi-step review (三审三校, issue 17): a column needs 1–3 steps; each is
// taken by a different reviewer holding that step's right; an edit after
// a step restarts the chain; every step is a row of the append-only
// review record, shown on the article page and exported as XLSX.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { addUser, api, Client, siteWithNewsroom } from "../lib/newsroom.mjs";
import { readXlsx } from "../lib/xlsx.mjs";
import { request } from "../lib/server.mjs";

Client.defaultLang = "en";
let site, admin, editor, chu, fu, zhong, ids;

const userIds = async () => {
  const page = await admin.get("/admin/columns/2");
  const out = {};
  for (const m of page.body.matchAll(/id="c2-r(\d+)" name="reviewer" value="\d+"[^>]*> <label for="c2-r\d+">([^<]+)</g))
    out[m[2]] = m[1];
  return out;
};

before(async () => {
  site = await siteWithNewsroom();
  for (const name of ["chu", "fu", "zhong"]) addUser(site.dir, name, ["reviewer"]);
  admin = new Client(site.srv);
  await admin.signIn("adm");
  editor = new Client(site.srv);
  await editor.signIn("ed");
  [chu, fu, zhong] = [new Client(site.srv), new Client(site.srv), new Client(site.srv)];
  await chu.signIn("chu");
  await fu.signIn("fu");
  await zhong.signIn("zhong");
  ids = await userIds();
});
after(async () => { await site.srv.stop(); });

const columnForm = (steps, rights) => {
  const fields = [["rights_shown", "1"], ["name", "党建工作"], ["slug", "party-building"], ["position", "2"], ["four_eyes", "1"],
                  ["review_steps", String(steps)]];
  for (const [name, bits] of Object.entries(rights)) {
    fields.push(["reviewer", ids[name]]);
    for (const b of bits) fields.push([`steps-${ids[name]}`, String(b)]);
  }
  return fields;
};
async function fetchForm(client, path, params) {
  const res = await request(client.srv.url + path, {
    method: "POST", body: params.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: client.cookieHeader(), Origin: client.srv.url },
  });
  return res;
}
const saveColumn = async (steps, rights) => {
  await admin.get("/admin/columns");
  return fetchForm(admin, "/admin/columns/2", new URLSearchParams([["_csrf", admin.csrf], ...columnForm(steps, rights)]));
};
const submitted = async (title) => {
  let r = await api(site.srv, "POST", "/api/v1/articles", { token: site.ed, json: { column_id: 2, title, body: "支部书记培训班开班。" } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.article.id;
  r = await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return id;
};

test("a column's steps need holders: too few reviewers or a step nobody holds is refused", async () => {
  assert.deepEqual(Object.keys(ids).sort(), ["chu", "fu", "rv", "zhong"]);
  let r = await saveColumn(3, { rv: [1, 2, 4] });
  assert.equal(r.status, 422);
  assert.match(r.body, /3 review steps need at least 3 reviewers/);
  r = await saveColumn(3, { chu: [1], fu: [1], zhong: [1] });
  assert.equal(r.status, 422);
  assert.match(r.body, /No reviewer of this column may take the second review/);
  r = await saveColumn(3, { chu: [1], fu: [], zhong: [4] });
  assert.equal(r.status, 422);
  assert.match(r.body, /Give each reviewer at least one review step\./);
  r = await saveColumn(3, { chu: [1], fu: [2], zhong: [4], rv: [1, 2, 4] });
  assert.equal(r.status, 303, r.body);
  const page = await admin.get("/admin/columns/2");
  assert.match(page.body, /<option value="3" selected>3 steps: first, second and final review<\/option>/);
  assert.match(page.body, new RegExp(`id="c2-r${ids.chu}-s1" name="steps-${ids.chu}" value="1" checked`));
  assert.match(page.body, new RegExp(`id="c2-r${ids.chu}-s2" name="steps-${ids.chu}" value="2">`), "chu may not take 复审");
  const cols = await api(site.srv, "GET", "/api/v1/columns", { token: site.adm });
  const col = cols.json.columns.find((c) => c.id === 2);
  assert.equal(col.review_steps, 3);
  assert.deepEqual(col.reviewer_rights.find((g) => g.user_id === Number(ids.fu)), { user_id: Number(ids.fu), steps: 2 });
});

test("three steps, three people: nobody takes a step they do not hold, nor two steps", async () => {
  const id = await submitted("三审稿件");
  // The final reviewer sees that the first review is someone else's.
  let page = await zhong.get(`/admin/articles/${id}/`);
  assert.match(page.body, /next is the first review \(step 1 of 3\)/);
  assert.match(page.body, /id="approve-blocked">The first review needs a reviewer who holds it in this column\./);
  let r = await zhong.review(id, "approve");
  assert.equal(r.status, 403);
  assert.match(r.body, /You may not take the first review in this column\./);
  page = await chu.get(`/admin/articles/${id}/`);
  assert.match(page.body, />Pass the first review</);
  assert.equal((await chu.review(id, "approve")).status, 303);
  // Still waiting: not public, and chu cannot take step 2 (even holding it).
  assert.equal((await api(site.srv, "GET", `/api/v1/articles/${id}`, { token: site.ed })).json.article.status, "submitted");
  const rv = new Client(site.srv);
  await rv.signIn("rv");
  assert.equal((await rv.review(id, "approve")).status, 303, "rv holds every step; takes the second");
  r = await rv.review(id, "approve");
  assert.equal(r.status, 403);
  assert.match(r.body, /You took an earlier step of this review; the final review needs another reviewer\./);
  const rec = await api(site.srv, "GET", `/api/v1/articles/${id}/review-record`, { token: site.ed });
  assert.equal(rec.json.next_step, 3);
  assert.deepEqual(rec.json.record.map((x) => `${x.outcome}:${x.step}:${x.reviewer}`), ["pass:1:chu", "pass:2:rv"]);
  assert.equal((await zhong.review(id, "approve")).status, 303);
  const art = (await api(site.srv, "GET", `/api/v1/articles/${id}`, { token: site.ed })).json.article;
  assert.equal(art.status, "published");
  assert.equal((await request(`${site.srv.url}/articles/${id}/`)).status, 200);
});

test("an edit after a step restarts the chain, and the record shows it", async () => {
  const id = await submitted("改动后重审");
  assert.equal((await chu.review(id, "approve")).status, 303);
  // The queue shows each reviewer what they can take now, and at which step.
  const queue = (await fu.get("/admin/")).body;
  assert.match(queue, new RegExp(`href="/admin/articles/${id}/" lang="[^"]+">改动后重审</a>[^]*?second review \\(step 2 of 3\\)`));
  assert.doesNotMatch((await chu.get("/admin/")).body, new RegExp(`/admin/articles/${id}/`));
  assert.doesNotMatch((await zhong.get("/admin/")).body, new RegExp(`/admin/articles/${id}/`));
  assert.equal((await fu.review(id, "approve")).status, 303);
  // The writer edits: back to draft, and the two steps no longer count.
  const got = await api(site.srv, "GET", `/api/v1/articles/${id}`, { token: site.ed });
  let r = await api(site.srv, "PUT", `/api/v1/articles/${id}`, { token: site.ed, json: { version: got.json.article.version, column_id: 2, title: "改动后重审（修订）", body: "支部书记培训班开班，29 名书记参加。" } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal((await api(site.srv, "POST", `/api/v1/articles/${id}/submit`, { token: site.ed })).status, 200);
  assert.equal((await zhong.review(id, "approve")).status, 403, "the chain starts again at the first review");
  for (const who of [chu, fu, zhong]) assert.equal((await who.review(id, "approve")).status, 303);
  const rec = (await api(site.srv, "GET", `/api/v1/articles/${id}/review-record`, { token: site.ed })).json.record;
  assert.deepEqual(rec.map((x) => `${x.outcome}:${x.step}:${x.reviewer}`),
    ["pass:1:chu", "pass:2:fu", "restart:0:ed", "pass:1:chu", "pass:2:fu", "publish:3:zhong"]);
  assert.equal(rec[0].text_sha256, rec[1].text_sha256);
  assert.notEqual(rec[1].text_sha256, rec[3].text_sha256, "the steps name the text they read");
  assert.equal(rec[3].text_sha256, rec[5].text_sha256);
  assert.match(rec[5].text_sha256, /^[0-9a-f]{64}$/);

  // The article page lists the chain; the XLSX export matches it row by row.
  const page = await editor.get(`/admin/articles/${id}/`);
  const rows = [...page.body.matchAll(/<tr(?: class="returned")?><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => m.slice(1).join("|"));
  assert.deepEqual(rows, [
    "first review (step 1 of 3)|passed|chu", "second review (step 2 of 3)|passed|fu",
    "—|edited after a step: the review starts again|ed",
    "first review (step 1 of 3)|passed|chu", "second review (step 2 of 3)|passed|fu",
    "final review (step 3 of 3)|passed; approved for publication|zhong"]);
  const xlsx = await editor.get(`/admin/articles/${id}/review-record.xlsx`);
  assert.equal(xlsx.status, 200);
  const book = readXlsx(xlsx.raw);
  const sheet = book["Review record"];
  assert.match(String(sheet[0][0]), /Review record of “改动后重审（修订）”/);
  assert.deepEqual(sheet[1].slice(0, 6), ["Article", "Title", "Column", "Step", "Result", "Reviewer"]);
  const body = sheet.slice(2);
  assert.equal(body.length, rec.length);
  body.forEach((row, i) => {
    assert.equal(row[0], id);
    assert.equal(row[5], rec[i].reviewer);
    assert.equal(row[8] ?? "", rec[i].text_sha256);
  });
  // Exports are recorded.
  const audit = await admin.audit("action=export.review-record");
  assert.match(audit.body, new RegExp(`article ${id}`));
});

test("a return ends the chain; the period export is the admin's and checks its dates", async () => {
  const id = await submitted("退回稿件");
  assert.equal((await chu.review(id, "approve")).status, 303);
  assert.equal((await fu.review(id, "return", { reason: "核对人名" })).status, 303);
  const rec = (await api(site.srv, "GET", `/api/v1/articles/${id}/review-record`, { token: site.ed })).json.record;
  assert.deepEqual(rec.map((x) => `${x.outcome}:${x.step}:${x.note}`), ["pass:1:", "return:2:核对人名"]);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.equal((await editor.get(`/admin/review-record.xlsx?from=${today}&to=${today}`)).status, 403);
  let r = await admin.get(`/admin/review-record.xlsx?from=${today}&to=yesterday`);
  assert.equal(r.status, 400);
  assert.match(r.body, /Give the period as two dates/);
  r = await admin.get(`/admin/review-record.xlsx?from=${today}&to=${today}`);
  assert.equal(r.status, 200);
  const rows = readXlsx(r.raw)["Review record"].slice(2);
  assert.ok(rows.length >= 10, `every step of the day: ${rows.length}`);
  assert.ok(rows.some((row) => row[0] === id && row[4] === "returned to the writer" && row[11] === "核对人名"));
});
