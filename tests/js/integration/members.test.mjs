// Member records over HTTP: the add/edit forms and the all-or-nothing
// CSV / XLSX import with its preview (good, bad row, wrong header, empty,
// huge), against the real server and its SQLite file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";
import { readXlsx, writeXlsx } from "../lib/xlsx.mjs";

let srv, dir;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "clerk", ["branch-secretary"]);
  addUser(dir, "clerk2", ["editor"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

async function officer() {
  const c = new Client(srv);
  await c.signIn("officer");
  await c.get("/admin/org/import");
  return c;
}

const HEADER = "name,gender,birth date,joined date,branch,phone,status";
const csvFile = (text) => ["file", { filename: "members.csv", type: "text/csv", data: Buffer.from(text) }];
const memberCount = async (c) => Number((await c.get("/admin/org")).body.match(/, (\d+) members in all\./)[1]);

test("a good CSV: preview first, then every row imported", async () => {
  const c = await officer();
  const before = await memberCount(c);
  const preview = await c.upload("/admin/org/import", [csvFile(
    `\ufeff${HEADER}\r\nImport Sample A,female,1985-03-02,2010-07-01,干部处党支部,555-0199-0001,full\r\n` +
    `Import Sample B,男,1990-11-20,2015-06-30,案件管理办公室,,预备党员\r\n`)]);
  assert.equal(preview.status, 200, preview.body);
  assert.match(preview.body, /Preview: 2 rows, <span id="import-error-count">0<\/span> problems/);
  assert.equal(await memberCount(c), before, "the preview writes nothing");
  const token = preview.body.match(/name="token" value="([0-9a-f]{32})"/)[1];
  const done = await c.post("/admin/org/import/confirm", { token });
  assert.equal(done.status, 200);
  assert.match(done.body, /2 members were added/);
  assert.equal(await memberCount(c), before + 2);
  const again = await c.post("/admin/org/import/confirm", { token });
  assert.equal(again.status, 410, "a confirmation is used once");
});

test("a bad row names its row and column, and nothing is written", async () => {
  const c = await officer();
  const before = await memberCount(c);
  const res = await c.upload("/admin/org/import", [csvFile(
    `${HEADER}\nGood Person,female,1985-03-02,2010-07-01,干部处党支部,,full\n` +
    `Bad Person,female,1985-13-40,1980-07-01,No Such Branch,call me,maybe\n`)]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Column E \(Branch\): No branch is named &quot;No Such Branch&quot;\./);
  assert.match(res.body, /<td>3<\/td><td>Bad Person/);
  assert.doesNotMatch(res.body, /name="token"/, "no way to confirm");
  assert.equal(await memberCount(c), before);
  const dates = await c.upload("/admin/org/import", [csvFile(
    `${HEADER}\nBad Date,female,1985-13-40,2010-07-01,干部处党支部,,full\n`)]);
  assert.match(dates.body, /Column C \(Birth date\): Enter the birth date as a past date, YYYY-MM-DD\./);
});

test("wrong header, empty file, huge file and non-text are refused clearly", async () => {
  const c = await officer();
  const header = await c.upload("/admin/org/import", [csvFile("name,sex,birthday\nA,female,1985-03-02\n")]);
  assert.equal(header.status, 422);
  assert.match(header.body, /Column C \(&quot;birthday&quot;\) is not a known column\./);
  assert.match(header.body, /The &quot;Branch&quot; column is missing\./);
  const empty = await c.upload("/admin/org/import", [csvFile("")]);
  assert.equal(empty.status, 422);
  assert.match(empty.body, /The file is empty/);
  const rows = Array.from({ length: 5001 }, (_, i) => `P${i},female,1985-03-02,2010-07-01,干部处党支部,,full`);
  const huge = await c.upload("/admin/org/import", [csvFile(`${HEADER}\n${rows.join("\n")}\n`)]);
  assert.equal(huge.status, 422);
  assert.match(huge.body, /More than 5000 rows/);
  const binary = await c.upload("/admin/org/import", [["file", { filename: "x.csv", data: Buffer.from([0xff, 0xfe, 0x00]) }]]);
  assert.equal(binary.status, 422);
  assert.match(binary.body, /not UTF-8 text/);
});

test("XLSX import (written by openpyxl) and XLSX export read back", async () => {
  const c = await officer();
  const before = await memberCount(c);
  const book = writeXlsx([["姓名", "性别", "出生日期", "入党日期", "转正日期", "支部", "电话", "状态"],
    ["样例 甲", "女", "1988-01-15", "2012-07-01", "2013-07-01", "干部处党支部", "555-0199-0002", "正式党员"]]);
  const preview = await c.upload("/admin/org/import", [["file", { filename: "m.xlsx", data: book }]]);
  assert.equal(preview.status, 200, preview.body);
  const token = preview.body.match(/name="token" value="([0-9a-f]{32})"/)[1];
  assert.equal((await c.post("/admin/org/import/confirm", { token })).status, 200);
  assert.equal(await memberCount(c), before + 1);
  const exported = readXlsx((await c.get("/admin/org/members.xlsx")).raw);
  const rows = exported.Members;
  assert.deepEqual(rows[0], ["id", "name", "gender", "birth date", "joined date", "full member date", "full membership approved", "branch", "posts", "phone", "status", "sample"]);
  const row = rows.find((r) => r[1] === "样例 甲");
  assert.deepEqual(row.slice(2, 8), ["Female", "1988-01-15", "2012-07-01", "2013-07-01", null, "干部处党支部"]);
});

test("adding and editing a member through the forms", async () => {
  const c = await officer();
  await c.get("/admin/org/members/new");
  const bad = await c.post("/admin/org/members", { name: "", gender: "female", birth_date: "1980-01-01", joined_date: "2000-01-01", branch: "3", status: "full" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Enter a name of 1 to 50 characters\./);
  const made = await c.post("/admin/org/members", { name: "Form Sample", gender: "female", birth_date: "1980-01-01", joined_date: "2000-01-01", branch: "3", phone: "555-0199-0003", status: "probationary" });
  assert.equal(made.status, 303, made.body);
  const id = made.headers.location.split("?")[0].split("/").pop();
  await c.get(`/admin/org/members/${id}/edit`);
  const saved = await c.post(`/admin/org/members/${id}/edit`, { name: "Form Sample", gender: "female", birth_date: "1980-01-01", joined_date: "2000-01-01", phone: "555-0199-0004", status: "full" });
  assert.equal(saved.status, 303);
  const page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, /555-0199-0004/);
  assert.match(page.body, /<dd>Full member<\/dd>/);
});

test("转正: a probationary member's full membership recorded on their page, checked against the probation year, audited", async () => {
  const c = await officer();
  await c.get("/admin/org/members/new");
  const made = await c.post("/admin/org/members", { name: "Probation Sample", gender: "male", birth_date: "1990-01-01", joined_date: "2024-03-15", branch: "3", status: "probationary" });
  assert.equal(made.status, 303, made.body);
  const id = made.headers.location.split("?")[0].split("/").pop();
  let page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, /id="probation-ends">2025-03-15</);
  assert.match(page.body, /<input id="f-date" name="full_date" type="date" value="2025-03-15" min="2025-03-15" max="2026-03-15" required>/);
  // Before the probation year ended, after a year's extension, or not a date: refused, nothing written.
  for (const [date, why] of [["2025-03-14", /on 2025-03-15 or later/], ["2026-03-16", /ends by 2026-03-15/], ["soon", /as a past date, YYYY-MM-DD/]]) {
    const refused = await c.post(`/admin/org/members/${id}/full`, { full_date: date });
    assert.equal(refused.status, 422, date);
    assert.match(refused.body, why);
  }
  assert.equal(queryDb(dir, `SELECT status || '|' || full_date FROM members WHERE id = ${id}`).trim(), "probationary|");
  // A secretary may not; a member already full is not made full again.
  const clerk = new Client(srv);
  await clerk.signIn("clerk");
  await clerk.get("/admin/");
  assert.equal((await clerk.post(`/admin/org/members/${id}/full`, { full_date: "2025-03-15" })).status, 403);
  const done = await c.post(`/admin/org/members/${id}/full`, { full_date: "2025-09-15" });
  assert.equal(done.status, 303, done.body);
  page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, /<dd>Full member<\/dd>/);
  assert.match(page.body, /id="full-date">2025-09-15</);
  assert.match(page.body, /id="party-standing">1 year</);
  assert.doesNotMatch(page.body, /id="full-form"/);
  assert.equal((await c.post(`/admin/org/members/${id}/full`, { full_date: "2025-09-15" })).status, 422);
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'member.full' AND object_id = ${id}`).trim(), "full member since 2025-09-15");
  // The edit form keeps the date, and will not keep one for a probationary member.
  const form = await c.get(`/admin/org/members/${id}/edit`);
  assert.match(form.body, /id="m-full" name="full_date" type="date" value="2025-09-15"/);
  const back = await c.post(`/admin/org/members/${id}/edit`, { name: "Probation Sample", gender: "male", birth_date: "1990-01-01", joined_date: "2024-03-15", status: "probationary", full_date: "2025-09-15" });
  assert.equal(back.status, 422);
  assert.match(back.body, /href="#m-full">A probationary member has no date of full membership yet/);
});

test("转正审批: the higher committee's approval of a full membership, due in three months, shown until recorded, audited", async () => {
  const c = await officer();
  const day = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
  await c.get("/admin/org/members/new");
  const made = await c.post("/admin/org/members", { name: "Approval Sample", gender: "female", birth_date: "1990-01-01", joined_date: day(465), branch: "3", status: "probationary" });
  assert.equal(made.status, 303, made.body);
  const id = made.headers.location.split("?")[0].split("/").pop();
  let page = await c.get(`/admin/org/members/${id}`);
  assert.doesNotMatch(page.body, /id="full-approval-form"/, "nothing to approve before full membership");
  assert.equal((await c.post(`/admin/org/members/${id}/full-approval`, { full_approved_on: day(1) })).status, 422);
  const ends = page.body.match(/id="probation-ends">([\d-]+)</)[1];
  assert.equal((await c.post(`/admin/org/members/${id}/full`, { full_date: ends })).status, 303);
  page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, /id="full-approval"><span class="badge overdue">awaiting the higher committee, overdue since \d{4}-\d\d-\d\d</);
  assert.match(page.body, new RegExp(`<input id="fa-date" name="full_approved_on" type="date" value="${day(0)}" min="${ends}" max="${day(0)}" required>`));
  assert.match((await c.get("/admin/")).body, new RegExp(`<tr id="full-approval-${id}">.*Approval Sample.*due-missing`));
  // Before the day of full membership, in the future, not a date: refused, nothing written.
  for (const date of [day(200), "2999-01-01", "soon"]) {
    const refused = await c.post(`/admin/org/members/${id}/full-approval`, { full_approved_on: date });
    assert.equal(refused.status, 422, date);
    assert.match(refused.body, /Enter the day the higher committee approved full membership/);
  }
  const clerk = new Client(srv);
  await clerk.signIn("clerk");
  await clerk.get("/admin/");
  assert.equal((await clerk.post(`/admin/org/members/${id}/full-approval`, { full_approved_on: day(5) })).status, 403);
  assert.equal(queryDb(dir, `SELECT full_approved_on FROM members WHERE id = ${id}`).trim(), "");
  assert.equal((await c.post(`/admin/org/members/${id}/full-approval`, { full_approved_on: day(5) })).status, 303);
  page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, new RegExp(`id="full-approval">${day(5)}</dd>`));
  assert.doesNotMatch(page.body, /id="full-approval-form"/);
  assert.doesNotMatch((await c.get("/admin/")).body, new RegExp(`id="full-approval-${id}"`));
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'member.full_approval' AND object_id = ${id}`).trim(), `approved ${day(5)}`);
});

test("转正审批 for a full membership from before approvals were kept (and before 1970): not awaited, still recordable", async () => {
  const c = await officer();
  await c.get("/admin/org/members/new");
  const made = await c.post("/admin/org/members", { name: "Old Approval Sample", gender: "male", birth_date: "1938-05-20", joined_date: "1958-07-01", branch: "3", status: "full", full_date: "1959-07-01" });
  assert.equal(made.status, 303, made.body);
  const id = made.headers.location.split("?")[0].split("/").pop();
  const page = await c.get(`/admin/org/members/${id}`);
  assert.match(page.body, /id="full-approval">not recorded<\/dd>/, "no deadline badge for 1959");
  assert.match(page.body, /<input id="fa-date" name="full_approved_on" type="date" value="" min="1959-07-01" max="\d{4}-\d\d-\d\d" required>/, "no day proposed");
  assert.match(page.body, /id="party-standing">6\d years</, "party standing counts from 1959");
  assert.doesNotMatch((await c.get("/admin/")).body, new RegExp(`id="full-approval-${id}"`), "not on the dashboard");
  assert.equal((await c.post(`/admin/org/members/${id}/full-approval`, { full_approved_on: "1959-09-20" })).status, 303);
  const after = await c.get(`/admin/org/members/${id}`);
  assert.match(after.body, /id="full-approval">1959-09-20<\/dd>/);
  assert.doesNotMatch(after.body, /id="full-approval-form"/);
});

test("a member's newsroom account: linked, moved, refused when taken, unlinked, audited", async () => {
  const c = await officer();
  const account = async (id) => (await c.get(`/admin/org/members/${id}`)).body.match(/id="member-account">([^<]*)</)[1];
  const page = await c.get("/admin/org/members/5");
  assert.equal(await account(5), "(no account)");
  const idOf = (name) => page.body.match(new RegExp(`<option value="(\\d+)">${name}</option>`))[1];
  const link = (member, user) => c.post(`/admin/org/members/${member}/account`, { user });

  assert.equal((await link(5, idOf("clerk"))).status, 303);
  assert.equal(await account(5), "clerk");
  // One account, one member: linking it elsewhere moves it.
  assert.equal((await link(6, idOf("clerk"))).status, 303);
  assert.equal(await account(6), "clerk");
  assert.equal(await account(5), "(no account)");
  // A member already linked to another account is refused, unchanged.
  const taken = await link(6, idOf("clerk2"));
  assert.equal(taken.status, 409);
  assert.match(taken.body, /already linked to the account &apos;clerk&apos;; unlink it first/);
  assert.equal(await account(6), "clerk");
  assert.equal((await link(6, "abc")).status, 422);
  assert.equal((await link(6, "")).status, 422, "an empty choice unlinks nothing");
  assert.equal((await link(6, "99999")).status, 404);
  assert.equal((await link(99999, idOf("clerk2"))).status, 404);
  assert.equal(await account(6), "clerk");
  // Unlinked.
  assert.equal((await link(6, "none")).status, 303);
  assert.equal(await account(6), "(no account)");
  const audit = queryDb(dir,
    "SELECT actor_name, action, detail FROM audit_log WHERE action LIKE 'user.%link-member' ORDER BY id");
  assert.deepEqual(audit.trim().split("\n"), ["officer|user.link-member|member 5", "officer|user.unlink-member|member 5",
    "officer|user.link-member|member 6", "officer|user.unlink-member|member 6"]);
});
