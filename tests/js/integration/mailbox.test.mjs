// The public message boxes (issue 18): a citizen writes, gets a query
// code and follows the message; the newsroom triages, assigns, replies and
// a second person approves; the answer is published with personal data
// masked. Deadlines count working days on the admin's calendar; overdue
// messages show on the dashboard; abuse is limited without a captcha.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Client, siteWithNewsroom } from "../lib/newsroom.mjs";
import { queryDb, request } from "../lib/server.mjs";

Client.defaultLang = "en";
let site, editor, reviewer, admin;

before(async () => {
  site = await siteWithNewsroom();
  editor = new Client(site.srv);
  await editor.signIn("ed");
  reviewer = new Client(site.srv);
  await reviewer.signIn("rv");
  admin = new Client(site.srv);
  await admin.signIn("adm");
});
after(async () => { await site.srv.stop(); });

const form = (fields) => new URLSearchParams(fields).toString();
const post = (path, fields, headers = { Origin: site.srv.url }) =>
  request(site.srv.url + path, { method: "POST", body: form(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } });
const CITIZEN = { title: "咨询立案监督", body: "请问如何申请立案监督？我的电话13812345678，邮箱 zhang.san@example.cn。",
  name: "张三丰", phone: "13812345678", email: "zhang.san@example.cn", public: "1", website: "" };
const codeOf = (html) => html.match(/class="query-code" lang="en"><strong>([A-Z0-9-]+)</)[1];
const messageId = (title) => {
  const row = queryDb(site.dir, `SELECT id FROM messages WHERE title = '${title}' ORDER BY id DESC LIMIT 1`);
  return Number(row.trim());
};

test("the boxes are listed in both languages; a form asks what its box asks", async () => {
  let r = await request(site.srv.url + "/mailbox/");
  assert.equal(r.status, 200);
  for (const name of ["检察长信箱", "咨询", "建议", "纠错"]) assert.match(r.body, new RegExp(name));
  const home = await request(site.srv.url + "/");
  assert.match(home.body, /<a href="\/mailbox\/">我要写信<\/a>/, "every page's footer links the boxes");
  r = await request(site.srv.url + "/en/mailbox/");
  assert.match(r.body, /Chief Procurator(&#39;|&apos;|')s Mailbox/);
  r = await request(site.srv.url + "/en/mailbox/chief/");
  assert.equal(r.status, 200);
  assert.match(r.body, /<input id="m-name" name="name" value="" maxlength="50" autocomplete="name" required>/);
  assert.match(r.body, /Answered within 15 working days/);
  r = await request(site.srv.url + "/en/mailbox/errors/");
  assert.doesNotMatch(r.body, /id="m-name"/, "the error-report box does not ask for a name");
  assert.equal((await request(site.srv.url + "/mailbox/nope/")).status, 404);
});

test("bad input, bots and foreign pages get clear refusals; nothing is stored", async () => {
  const before = queryDb(site.dir, "SELECT count(*) FROM messages").trim();
  let r = await post("/en/mailbox/chief/", CITIZEN, {});
  assert.equal(r.status, 403, "no Origin: not from this site's page");
  assert.match(r.body, /<h1 class="page-title">Form not accepted<\/h1>/, "a page of the site, in the reader's language");
  r = await post("/mailbox/chief/", CITIZEN, { Origin: "https://evil.example" });
  assert.equal(r.status, 403);
  assert.match(r.body, /<h1 class="page-title">表单未被接受<\/h1>/);
  assert.match(r.body, /没有保存任何内容/);
  r = await post("/en/mailbox/chief/", { ...CITIZEN, title: "", phone: "call me" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="m-title-error">Subject: please fill this in\./);
  assert.match(r.body, /id="m-phone-error">Write the telephone number with digits only/);
  assert.match(r.body, /name="body"[^>]*>请问如何申请立案监督/, "what was typed is kept");
  r = await post("/en/mailbox/chief/", { ...CITIZEN, website: "http://spam.example" });
  assert.equal(r.status, 422);
  assert.match(r.body, /leave the last field empty/);
  assert.equal(queryDb(site.dir, "SELECT count(*) FROM messages").trim(), before);
});

test("a message from the form to a published, masked answer", async () => {
  let r = await post("/mailbox/chief/", CITIZEN);
  assert.equal(r.status, 200, r.body.slice(0, 300));
  assert.equal(r.headers["cache-control"], "no-store");
  const code = codeOf(r.body);
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.match(r.body, /我们最迟于 \d{4}-\d\d-\d\d 前答复/);
  assert.equal(queryDb(site.dir, `SELECT count(*) FROM messages WHERE code_hash LIKE '%${code}%'`).trim(), "0", "only a hash of the code is kept");
  // Lookup, with the code typed loosely.
  r = await post("/en/mailbox/lookup", { code: code.toLowerCase().replaceAll("-", " ") });
  assert.equal(r.status, 200);
  assert.match(r.body, /received, waiting to be checked/);
  assert.equal((await post("/en/mailbox/lookup", { code: "AAAA-BBBB-CCCC-DDDD" })).status, 404);

  const id = messageId(CITIZEN.title);
  const list = await editor.get("/admin/messages");
  assert.match(list.body, new RegExp(`<a href="/admin/messages/${id}">咨询立案监督</a>`));
  let page = await editor.get(`/admin/messages/${id}`);
  assert.match(page.body, /13812345678/, "the newsroom sees the contact details");
  const version = () => page.body.match(/name="version" value="(\d+)"/)[1];
  r = await editor.post(`/admin/messages/${id}/accept`, { version: version(), department: "控告申诉检察部" });
  assert.equal(r.status, 303);
  page = await editor.get(`/admin/messages/${id}`);
  r = await editor.post(`/admin/messages/${id}/reply`, { version: version(), department: "控告申诉检察部", reply: "", then: "submit" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Reply: please fill this in\./);
  // The reply will be published (the writer agreed): a personal number in
  // it is refused like one in an article, with the masked form.
  r = await editor.post(`/admin/messages/${id}/reply`, { version: version(), department: "控告申诉检察部",
    reply: "请联系承办检察官，手机 139 1234 5678。", then: "submit" });
  assert.equal(r.status, 422);
  assert.match(r.body, /The reply contains what the checks before publishing refuse: “139 1234 5678” → “139\*{4}5678”\./);
  assert.match(r.body, /请联系承办检察官，手机 139 1234 5678。<\/textarea>/, "what was typed is kept");
  r = await editor.post(`/admin/messages/${id}/reply`, { version: version(), department: "控告申诉检察部",
    reply: "您可向本院控告申诉检察部提出立案监督申请，电话请拨 0571-88886666。", then: "submit" });
  assert.equal(r.status, 303);
  page = await editor.get(`/admin/messages/${id}`);
  assert.equal((await editor.post(`/admin/messages/${id}/approve`, { version: version() })).status, 403, "editors do not approve replies");
  page = await reviewer.get(`/admin/messages/${id}`);
  r = await reviewer.post(`/admin/messages/${id}/approve`, { version: version() });
  assert.equal(r.status, 303);

  r = await post("/en/mailbox/lookup", { code });
  assert.match(r.body, /answered/);
  assert.match(r.body, /您可向本院控告申诉检察部提出立案监督申请/);
  // The public list: the answer with its dates and department, and no
  // personal data (name, full phone, e-mail).
  const pub = await request(site.srv.url + "/mailbox/");
  assert.match(pub.body, /咨询立案监督/);
  assert.match(pub.body, /控告申诉检察部/);
  assert.match(pub.body, /138\*{6}78/);
  for (const secret of ["13812345678", "张三丰", "zhang.san@example.cn"]) assert.ok(!pub.body.includes(secret), secret);
  assert.match(pub.body, /<td>\d{4}-\d\d<\/td><td>1<\/td><td>1<\/td>/, "this month: 1 received, 1 answered");
  const audit = await admin.audit("action=message.");
  for (const a of ["message.receive", "message.accept", "message.reply-submit", "message.answer"]) assert.match(audit.body, new RegExp(a));
  assert.ok(!audit.body.includes("13812345678"));
});

test("overdue messages show on the dashboard; invalid ones leave the deadlines", async () => {
  let r = await post("/mailbox/errors/", { title: "首页链接错误", body: "首页“工作动态”链接打不开。", phone: "0571-12345678" }, { Origin: site.srv.url, "X-Forwarded-For": "203.0.113.9" });
  assert.equal(r.status, 200);
  const id = messageId("首页链接错误");
  queryDb(site.dir, `UPDATE messages SET due_day = '2020-01-03' WHERE id = ${id}`);
  let dash = await editor.get("/admin/");
  assert.match(dash.body, new RegExp(`<a href="/admin/messages/${id}">首页链接错误</a>[^]*?overdue by \\d+ working day`));
  const page = await editor.get(`/admin/messages/${id}`);
  // What the writer left out is said, not left blank.
  assert.match(page.body, /<dt>Name<\/dt><dd><span class="hint">not given<\/span><\/dd>/);
  assert.match(page.body, /<dt>Telephone<\/dt><dd>0571-12345678<\/dd>/);
  assert.match(page.body, /<dt>E-mail<\/dt><dd><span class="hint">not given<\/span><\/dd>/);
  const version = page.body.match(/name="version" value="(\d+)"/)[1];
  r = await editor.post(`/admin/messages/${id}/reject`, { version, reason: "" });
  assert.equal(r.status, 422);
  r = await editor.post(`/admin/messages/${id}/reject`, { version, reason: "重复留言" });
  assert.equal(r.status, 303);
  dash = await editor.get("/admin/");
  assert.doesNotMatch(dash.body, new RegExp(`/admin/messages/${id}"`));
});

// A Chinese input method in full-width mode types "ｌｉ＠ｅｘａｍｐｌｅ。ｃｎ":
// the address is read as the ASCII it means, not refused.
test("an e-mail address and a phone number typed in full-width are accepted as ASCII", async () => {
  const r = await post("/mailbox/chief/", { ...CITIZEN, title: "全角邮箱来信", phone: "１３８－１２３４－５６７８",
    email: "ｌｉ．ｓｉ＠ｅｘａｍｐｌｅ。ｃｎ　" });
  assert.equal(r.status, 200, r.body.slice(0, 300));
  assert.equal(queryDb(site.dir, "SELECT phone || ' ' || email FROM messages WHERE title = '全角邮箱来信'").trim(),
    "138-1234-5678 li.si@example.cn");
  const bad = await post("/mailbox/chief/", { ...CITIZEN, title: "全角邮箱来信二", email: "ｌｉ＠ｅｘａｍｐｌｅ" });
  assert.equal(bad.status, 422, "still an address without a domain is refused");
  assert.match(bad.body, /id="m-email-error">/);
});

test("rate limits: a sixth message from one connection in an hour waits", async () => {
  const statuses = [];
  for (let i = 0; i < 6; ++i) {
    const r = await post("/mailbox/suggest/", { title: `建议${i}`, body: "建议增加夜间咨询电话。", email: `a${i}@example.cn` });
    statuses.push(r.status);
  }
  // Two messages came from this connection before (the citizen's and the
  // error report, unless a proxy header changed the address): the limit
  // counts them all.
  assert.ok(statuses.includes(429), statuses.join(","));
  const last = await post("/en/mailbox/suggest/", { title: "再一条", body: "x", email: "b@example.cn" });
  assert.equal(last.status, 429);
  assert.match(last.body, /Too many messages were sent from this connection in the last hour/);
  assert.equal(queryDb(site.dir, "SELECT count(*) FROM message_limits WHERE key_hash LIKE '%127.0.0.1%'").trim(), "0", "addresses are kept as salted hashes only");
});

test("the admin keeps the calendar and the boxes; bad lines are named", async () => {
  let page = await admin.get("/admin/mailbox");
  assert.equal(page.status, 200);
  assert.match(page.body, /2026-10-01 holiday 国庆节/);
  let r = await admin.post("/admin/mailbox/calendar", { calendar: "2026-10-01 holiday 国庆节\n2026-10-03 holiday 周六\n" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Line 2: that date is a weekend day/);
  r = await admin.post("/admin/mailbox/calendar", { calendar: "2026-10-01 holiday 国庆节\n2026-10-10 workday 调休\n" });
  assert.equal(r.status, 303);
  assert.equal(queryDb(site.dir, "SELECT count(*) FROM work_calendar").trim(), "2");
  r = await admin.post("/admin/mailbox/boxes/4", { name: "纠错", deadline_days: "0", ask_name: "0", ask_phone: "1", ask_email: "1", enabled: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /The deadline is 1 to 90 working days\./);
  assert.equal((await editor.get("/admin/mailbox")).status, 403);
});

// A weekday of `year` in October, as a calendar line's date.
function octoberWeekday(year) {
  for (let d = 1; ; d++) {
    const day = new Date(Date.UTC(year, 9, d));
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}

test("a calendar without this year's holidays (or next year's, in December) is named on the dashboard", async () => {
  const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);  // the demo site's day
  const year = Number(today.slice(0, 4));
  const expected = today.slice(5, 7) === "12" ? `${year}, ${year + 1}` : `${year}`;
  let r = await admin.post("/admin/mailbox/calendar", { calendar: `${octoberWeekday(2020)} holiday 国庆节\n` });
  assert.equal(r.status, 303);
  const dash = await admin.get("/admin/");
  const notice = dash.body.match(/<section aria-labelledby="h-calendar-gap"[^]*?<\/section>/);
  assert.ok(notice, "the admin's dashboard names the gap");
  assert.match(notice[0], new RegExp(`<h2 id="h-calendar-gap">The working-day calendar has no holidays for ${expected}</h2>`));
  assert.match(notice[0], /its public holidays count as working days/);
  assert.match(notice[0], /<a href="\/admin\/mailbox#calendar">Update the working-day calendar<\/a>/);
  assert.match((await admin.get("/admin/mailbox")).body, /<fieldset id="calendar">[^]*?id="calendar-gap"/);
  assert.doesNotMatch((await editor.get("/admin/")).body, /calendar-gap/, "only those who keep the calendar are told");
  const upToDate = [year, year + 1].map((y) => `${octoberWeekday(y)} holiday 国庆节`).join("\n");
  r = await admin.post("/admin/mailbox/calendar", { calendar: upToDate });
  assert.equal(r.status, 303);
  assert.doesNotMatch((await admin.get("/admin/")).body, /calendar-gap/);
  assert.doesNotMatch((await admin.get("/admin/mailbox")).body, /calendar-gap/);
});
