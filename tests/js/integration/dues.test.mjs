// Party dues (党费) over HTTP against the real server and its demo year:
// the committee's overview and the six-month flag, a branch's year and
// its audited XLSX, a secretary setting a member's dues and recording,
// refusing and removing payments (every refusal leaves the stored rows as
// they were), a member's own dues, and everyone kept to their reach.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb, request } from "../lib/server.mjs";
import { addUser, Client, signedIn } from "../lib/newsroom.mjs";
import { readXlsx, writeXlsx } from "../lib/xlsx.mjs";

Client.defaultLang = "en";

let srv, dir, ownBranch, otherBranch, ownMembers, otherMember, year;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo: 29 branches, two years of dues
  await srv.stop();
  ownBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  otherBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 9").trim();
  ownMembers = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${ownBranch} ORDER BY id`).trim().split("\n");
  otherMember = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${otherBranch} ORDER BY id LIMIT 1`).trim();
  year = Number(queryDb(dir, "SELECT MAX(year) FROM dues_bases").trim());
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec1", ["branch-secretary"], undefined, ["--member", "1"]);  // secretary of ownBranch
  addUser(dir, "mem2", ["member"], undefined, ["--member", ownMembers[1]]);
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "chief", ["admin"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const as = (name) => signedIn(srv, name);
const rows = (sql) => queryDb(dir, sql).trim();

test("the officer's overview totals every branch and flags six months unpaid", async () => {
  const c = await as("officer");
  const res = await c.get(`/admin/dues?year=${year}`);
  assert.equal(res.status, 200);
  assert.equal((res.body.match(/id="dues-branch-\d+"/g) ?? []).length, 29);
  const paid = Number(rows(`SELECT SUM(amount_fen) FROM dues_payments WHERE year = ${year}`)) / 100;
  assert.match(res.body, new RegExp(`id="total-paid">${paid.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}<`));
  assert.match(res.body, /id="total-behind">2</, "the demo has two members six months or more behind");
  assert.ok(paid >= 1000, "the demo's total is large enough to need grouping");
  assert.match(res.body, /id="total-paid">\d{1,3}(,\d{3})+\.\d\d</, "thousands grouped for reading");
  const dash = await c.get("/admin/");
  assert.match(dash.body, /id="dues-behind-note"[^]*2 members have not paid party dues for six months or more/);
  assert.match(dash.body, /href="\/admin\/dues"/);
  assert.equal((await c.get("/admin/dues?year=1999")).status, 400);
  assert.equal((await c.get("/admin/dues?year=abc")).status, 400);
});

test("a branch's year lists members by month, and its XLSX is audited", async () => {
  const c = await as("officer");
  const res = await c.get(`/admin/dues/branches/${ownBranch}?year=${year}`);
  assert.equal(res.status, 200);
  for (const id of ownMembers) assert.match(res.body, new RegExp(`id="dues-member-${id}"`));
  assert.match(res.body, /aria-current="page">Party dues</, "the menu marks the area");
  assert.match((await c.get("/admin/org/members/1")).body, /id="member-dues"/, "a member's record links to their dues");
  const x = await c.get(`/admin/dues/branches/${ownBranch}/dues.xlsx?year=${year}`);
  assert.equal(x.status, 200);
  assert.match(x.headers["content-type"], /spreadsheetml/);
  const sheet = Object.values(readXlsx(x.raw))[0];
  const header = sheet.find((r) => r[0] === "Member");
  assert.ok(header, JSON.stringify(sheet.slice(0, 3)));
  const name1 = rows("SELECT name FROM members WHERE id = 1");
  const row1 = sheet.find((r) => r[0] === name1);
  assert.ok(row1, "the secretary's row is in the sheet");
  const paid1 = Number(rows(`SELECT SUM(amount_fen) FROM dues_payments WHERE member_id = 1 AND year = ${year}`)) / 100;
  assert.equal(Number(row1[header.indexOf("Paid (yuan)")]), paid1, "the sheet's sums are the stored ones");
  assert.equal(rows(`SELECT COUNT(*) FROM audit_log WHERE action = 'dues.export'`), "1");
  assert.equal((await c.get(`/admin/dues/branches/999999?year=${year}`)).status, 404);
  // The committee's workbook: the branches' totals, and every member.
  const all = await c.get(`/admin/dues/overview.xlsx?year=${year}`);
  assert.equal(all.status, 200);
  const book = readXlsx(all.raw);
  const [totals, members] = Object.values(book);
  const th = totals.find((r) => r[0] === "Party branch");
  const branchRows = totals.slice(totals.indexOf(th) + 1);
  assert.equal(branchRows.length, 29);
  const paidAll = Number(rows(`SELECT SUM(amount_fen) FROM dues_payments WHERE year = ${year}`));
  assert.equal(Math.round(branchRows.reduce((n, r) => n + Number(r[th.indexOf("Paid (yuan)")]) * 100, 0)), paidAll);
  const mh = members.find((r) => r[0] === "Branch");
  assert.equal(members.length - members.indexOf(mh) - 1, Number(rows("SELECT COUNT(*) FROM members WHERE status <> 'transferred-out'")));
  assert.equal(rows(`SELECT COUNT(*) FROM audit_log WHERE action = 'dues.export'`), "2");
  assert.equal((await (await as("sec1")).get(`/admin/dues/overview.xlsx?year=${year}`)).status, 403);
});

test("a secretary sets a member's dues and records, refuses and removes payments", async () => {
  const c = await as("sec1");
  const overview = await c.get("/admin/dues");
  assert.equal(overview.status, 303);
  assert.equal(overview.headers.location, `/admin/dues/branches/${ownBranch}?year=${year}`);
  const m = ownMembers[2];
  const next = year + 1;  // no dues set or paid yet
  const page = await c.get(`/admin/dues/members/${m}?year=${next}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Set the member's dues for the year before recording payments/);
  // A bad amount: the form again with the error beside the field.
  let res = await c.post(`/admin/dues/members/${m}/base`, { year: next, category: "in-service", amount: "4,500元" });
  assert.equal(res.status, 422);
  assert.match(res.body, /id="d-amount-error"[^>]*>Enter the amount in yuan/);
  assert.match(res.body, /value="4,500元"/, "what was typed is kept");
  res = await c.post(`/admin/dues/members/${m}/base`, { year: next, category: "student", amount: "4500" });
  assert.equal(res.status, 422);
  assert.equal(rows(`SELECT COUNT(*) FROM dues_bases WHERE member_id = ${m} AND year = ${next}`), "0");
  res = await c.post(`/admin/dues/members/${m}/base`, { year: next + 1, category: "in-service", amount: "4500" });
  assert.equal(res.status, 400, "no further ahead than the pages show");
  res = await c.post(`/admin/dues/members/${m}/base`, { year: next, category: "in-service", amount: "4500" });
  assert.equal(res.status, 303);
  let view = await c.get(res.headers.location);
  assert.match(view.body, /id="dues-monthly">45.00</);
  assert.match(view.body, /id="dues-rate">1.0%</);
  // Payments: a future day, a bad month, then January and February.
  res = await c.post(`/admin/dues/members/${m}/payments`, { year: next, month: "1", paid_on: `${next + 1}-01-01` });
  assert.equal(res.status, 422);
  assert.match(res.body, /The day paid cannot be in the future/);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  res = await c.post(`/admin/dues/members/${m}/payments`, { year: next, month: "13", paid_on: today });
  assert.equal(res.status, 422);
  const body = new URLSearchParams({ _csrf: c.csrf, year: String(next), paid_on: today });
  body.append("month", "1");
  body.append("month", "2");
  res = await c.post(`/admin/dues/members/${m}/payments`, { month: "1", paid_on: today });
  assert.equal(res.status, 400, "no year: refused");
  res = await postRaw(c, `/admin/dues/members/${m}/payments`, body);
  assert.equal(res.status, 303);
  assert.equal(rows(`SELECT month, amount_fen FROM dues_payments WHERE member_id = ${m} AND year = ${next} ORDER BY month`), "1|4500\n2|4500");
  // February again with March: nothing of it is written.
  const again = new URLSearchParams({ _csrf: c.csrf, year: String(next), paid_on: today });
  again.append("month", "3");
  again.append("month", "2");
  res = await postRaw(c, `/admin/dues/members/${m}/payments`, again);
  assert.equal(res.status, 409);
  assert.match(res.body, /2 is paid already/);
  assert.equal(rows(`SELECT COUNT(*) FROM dues_payments WHERE member_id = ${m} AND year = ${next}`), "2");
  // Removing one needs a reason, which the audit log keeps.
  res = await c.post(`/admin/dues/members/${m}/undo`, { year: next, month: "2", reason: "" });
  assert.equal(res.status, 422);
  res = await c.post(`/admin/dues/members/${m}/undo`, { year: next, month: "2", reason: "entered for the wrong member" });
  assert.equal(res.status, 303);
  assert.equal(rows(`SELECT COUNT(*) FROM dues_payments WHERE member_id = ${m} AND year = ${next}`), "1");
  assert.match(rows(`SELECT detail FROM audit_log WHERE action = 'dues.undo'`), /entered for the wrong member/);
  assert.equal(rows(`SELECT COUNT(*) FROM audit_log WHERE action IN ('dues.base', 'dues.pay')`), "2");
  // The audit log says both in Chinese, the reader's words kept.
  const chief = new Client(srv, { lang: "zh-CN" });
  assert.equal((await chief.signIn("chief")).status, 303);
  const log = (await chief.get("/admin/audit?object=member")).body;
  assert.match(log, new RegExp(`${next}年2月：已撤销 ${today} 缴纳的 45.00，原因：entered for the wrong member`));
  assert.match(log, new RegExp(`${next}年：在职 每月 45.00（基数 4500.00）`));
  assert.match(log, new RegExp(`${next}年1、2月：每月 45.00，缴纳日期 ${today}`), "the months listed the Chinese way");
  view = await c.get(`/admin/dues/members/${m}?year=${next}`);
  assert.match(view.body, /id="dues-paid">45.00</);
  // Paid in the year before the dues' year: the day is shown whole.
  assert.match(view.body, new RegExp(`id="month-1"[^]*?<time datetime="${today}">${today}</time>`));
  const grid = await c.get(`/admin/dues/branches/${ownBranch}?year=${next}`);
  assert.match(grid.body, new RegExp(`id="dues-member-${m}"[^]*?class="through">Month 1<`), "paid up to January");
  assert.match(grid.body, new RegExp(`id="dues-member-${ownMembers[3]}"[^]*?class="through">None this year<`));
});

function postRaw(c, path, params) {
  return request(srv.url + path, {
    method: "POST", body: params.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: c.cookieHeader(), Origin: srv.url },
  });
}

test("a branch's dues carry over from last year in one step", async () => {
  const c = await as("sec1");
  const next = year + 1;
  const page = await c.get(`/admin/dues/branches/${ownBranch}?year=${next}`);
  assert.match(page.body, /id="carry-over"/);
  const without = `SELECT COUNT(*) FROM members m WHERE m.branch_id = ${ownBranch} AND NOT EXISTS (SELECT 1 FROM dues_bases b WHERE b.member_id = m.id AND b.year = ${next})`;
  assert.ok(Number(rows(without)) > 0);
  let res = await c.post(`/admin/dues/branches/${ownBranch}/carry-over`, { year: next });
  assert.equal(res.status, 303);
  assert.equal(rows(without), "0");
  assert.equal(rows(`SELECT COUNT(*) FROM dues_bases n JOIN dues_bases o ON o.member_id = n.member_id AND o.year = ${year} WHERE n.year = ${next} AND n.member_id <> ${ownMembers[2]} AND (n.category <> o.category OR n.base_fen <> o.base_fen)`), "0", "the same category and base");
  assert.doesNotMatch((await c.get(`/admin/dues/branches/${ownBranch}?year=${next}`)).body, /id="carry-over"/);
  res = await c.post(`/admin/dues/branches/${ownBranch}/carry-over`, { year: next });
  assert.equal(res.status, 422);
  assert.equal((await c.post(`/admin/dues/branches/${otherBranch}/carry-over`, { year: next })).status, 403);
  assert.equal(rows(`SELECT COUNT(*) FROM audit_log WHERE action = 'dues.carry-over'`), "1");
});

test("a secretary records one month for the members who paid it, all or none", async () => {
  const c = await as("sec1");
  const next = year + 1;  // every member's dues set by the carry-over above, January paid by one
  const page = await c.get(`/admin/dues/branches/${ownBranch}?year=${next}&month=3`);
  assert.equal(page.status, 200);
  assert.match(page.body, /id="dues-month-form"/);
  for (const id of ownMembers) assert.match(page.body, new RegExp(`name="member" value="${id}"`));
  assert.equal((await c.get(`/admin/dues/branches/${ownBranch}?year=${next}&month=13`)).status, 400);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const ticked = (ids, fields = {}) => {
    const b = new URLSearchParams({ _csrf: c.csrf, year: String(next), month: "3", paid_on: today, ...fields });
    for (const id of ids) b.append("member", String(id));
    return postRaw(c, `/admin/dues/branches/${ownBranch}/payments`, b);
  };
  const count = `SELECT COUNT(*) FROM dues_payments WHERE year = ${next} AND month = 3`;
  // A member of another branch among the ticked: nothing is written.
  let res = await ticked([ownMembers[0], otherMember]);
  assert.equal(res.status, 422);
  assert.match(res.body, /A ticked member is not in the branch/);
  assert.match(res.body, new RegExp(`name="member" value="${ownMembers[0]}" checked`), "the ticks are kept");
  res = await ticked([]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Tick the members who paid/);
  assert.equal(rows(count), "0");
  res = await ticked([ownMembers[0], ownMembers[1]]);
  assert.equal(res.status, 303);
  assert.match(res.headers.location, /month=3&done=saved#h-dues-month$/);
  assert.equal(rows(count), "2");
  const each = rows(`SELECT COUNT(*) FROM dues_payments p JOIN dues_bases b ON b.member_id = p.member_id AND b.year = p.year WHERE p.year = ${next} AND p.month = 3 AND p.amount_fen = b.monthly_fen`);
  assert.equal(each, "2", "each at their own monthly dues");
  const after = await c.get(res.headers.location);
  assert.match(after.body, /id="dm-done"/);
  assert.doesNotMatch(after.body, new RegExp(`name="member" value="${ownMembers[0]}"`), "a paid member is not offered again");
  // Paid already: refused by name, the others not written either.
  res = await ticked([ownMembers[0], ownMembers[3]]);
  assert.equal(res.status, 409);
  assert.match(res.body, new RegExp(`${rows(`SELECT name FROM members WHERE id = ${ownMembers[0]}`)} has paid month 3 already`));
  assert.equal(rows(count), "2");
  assert.equal(rows(`SELECT COUNT(*) FROM audit_log WHERE action = 'dues.pay-month'`), "1");
  const other = new URLSearchParams({ _csrf: c.csrf, year: String(next), month: "3", paid_on: today, member: otherMember });
  assert.equal((await postRaw(c, `/admin/dues/branches/${otherBranch}/payments`, other)).status, 403);
});

test("a year's dues imported from the template, all rows or none", async () => {
  const c = await as("sec1");
  const form = await c.get(`/admin/dues/import?year=${year}`);
  assert.equal(form.status, 200);
  const x = await c.get(`/admin/dues/bases.xlsx?year=${year}`);
  assert.equal(x.status, 200);
  const sheet = Object.values(readXlsx(x.raw))[0];
  const header = sheet[0];
  assert.deepEqual(header, ["id", "name", "branch", "category", "amount (yuan)"]);
  assert.equal(sheet.length - 1, ownMembers.length, "the secretary's own members only");
  const target = ownMembers[4];
  const rowOf = sheet.findIndex((r) => r[0] === target);
  const monthly = `SELECT monthly_fen FROM dues_bases WHERE member_id = ${target} AND year = ${year}`;
  const before = rows(monthly);
  // One bad row among good ones: nothing is written, each problem named.
  const bad = sheet.map((r) => [...r]);
  bad[rowOf][4] = "12000";
  bad[1][3] = "student";
  bad.push(["", "Nobody Here", "", "In service", "3000"]);
  let res = await c.upload("/admin/dues/import", [["year", String(year)], ["file", { filename: "dues.xlsx", type: "application/octet-stream", data: writeXlsx(bad) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Row 2, column D: Choose in service, retired or a fixed amount/);
  assert.match(res.body, new RegExp(`Row ${bad.length}, column B: No member of yours matches this row`));
  assert.equal(rows(monthly), before);
  // Another branch's member by id: not the secretary's.
  res = await c.upload("/admin/dues/import", [["year", String(year)], ["file", { filename: "d.csv", type: "text/csv", data: Buffer.from(`id,category,amount\n${otherMember},fixed,1\n`) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Row 2, column A: No member of yours/);
  // The good sheet: the changed member's dues worked out again (12,000 in service: 2%).
  const good = sheet.map((r) => [...r]);
  good[rowOf][3] = "In service";
  good[rowOf][4] = "12000";
  res = await c.upload("/admin/dues/import", [["year", String(year)], ["file", { filename: "dues.xlsx", type: "application/octet-stream", data: writeXlsx(good) }]]);
  assert.equal(res.status, 303, res.body);
  assert.equal(rows(monthly), "24000");
  assert.match(rows(`SELECT detail FROM audit_log WHERE action = 'dues.import'`), new RegExp(`${year}: ${ownMembers.length} members`));
  assert.equal((await (await as("mem2")).get(`/admin/dues/import?year=${year}`)).status, 403);
});

test("nobody reaches another branch's dues; a member sees only their own", async () => {
  const sec = await as("sec1");
  assert.equal((await sec.get(`/admin/dues/branches/${otherBranch}?year=${year}`)).status, 403);
  assert.equal((await sec.get(`/admin/dues/branches/${otherBranch}/dues.xlsx?year=${year}`)).status, 403);
  assert.equal((await sec.get(`/admin/dues/members/${otherMember}?year=${year}`)).status, 403);
  const before = rows(`SELECT COUNT(*) FROM dues_payments WHERE member_id = ${otherMember}`);
  const res = await sec.post(`/admin/dues/members/${otherMember}/base`, { year, category: "fixed", amount: "1" });
  assert.equal(res.status, 403);
  assert.equal(rows(`SELECT COUNT(*) FROM dues_payments WHERE member_id = ${otherMember}`), before);
  assert.notEqual(rows(`SELECT monthly_fen FROM dues_bases WHERE member_id = ${otherMember} AND year = ${year}`), "100");

  const mem = await as("mem2");
  const mine = await mem.get("/admin/dues/mine");
  assert.equal(mine.status, 200);
  assert.match(mine.body, new RegExp(rows(`SELECT name FROM members WHERE id = ${ownMembers[1]}`)));
  assert.match(mine.body, /id="month-1"/);
  assert.doesNotMatch(mine.body, /\/payments"/, "no forms on a member's own page");
  const memDash = (await mem.get("/admin/")).body;
  assert.match(memDash, /href="\/admin\/dues\/mine"/);
  // The dashboard says where this month's dues stand, as the records have it.
  const [siteYear, siteMonth] = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 7).split("-").map(Number);
  const paidNow = rows(`SELECT amount_fen || '|' || paid_on FROM dues_payments WHERE member_id = ${ownMembers[1]} AND year = ${siteYear} AND month = ${siteMonth}`);
  const hasBase = rows(`SELECT COUNT(*) FROM dues_bases WHERE member_id = ${ownMembers[1]} AND year = ${siteYear}`) !== "0";
  const duesLine = memDash.match(/<dd id="my-dues">([\s\S]*?)<\/dd>/);
  assert.ok(duesLine, memDash);
  if (paidNow) {
    const [fen, day] = paidNow.split("|");
    assert.match(duesLine[1], new RegExp(`<span class="badge due-ok">Paid: ${(Number(fen) / 100).toFixed(2)} yuan on ${day}</span>`));
  } else if (hasBase) {
    assert.match(duesLine[1], /<span class="badge soon">Not paid yet: \d+\.\d\d yuan<\/span>/);
  } else {
    assert.match(duesLine[1], /No dues base is recorded for this year yet/);
  }
  assert.doesNotMatch(memDash, /href="\/admin\/dues"/, "no link where a member may not go");
  const secDash = (await (await as("sec1")).get("/admin/")).body;
  assert.match(secDash, /href="\/admin\/dues"/);
  assert.equal((await mem.get("/admin/dues")).status, 403);
  const own = await mem.get(`/admin/dues/members/${ownMembers[1]}?year=${year}`);
  assert.equal(own.status, 303, "a member's own record is their own page, without the forms");
  assert.equal(own.headers.location, `/admin/dues/mine?year=${year}`);
  const other = await mem.get(`/admin/dues/members/${ownMembers[2]}`);
  assert.equal(other.status, 403, other.headers.location);
  const count = `SELECT COUNT(*) FROM dues_payments WHERE member_id = ${ownMembers[1]}`;
  const had = rows(count);
  const base = `SELECT monthly_fen FROM dues_bases WHERE member_id = ${ownMembers[1]} AND year = ${year}`;
  const monthly = rows(base);
  const denied = await mem.post(`/admin/dues/members/${ownMembers[1]}/payments`, { year, month: "12", paid_on: "2026-01-01" });
  assert.equal(denied.status, 403, "a member never records their own payments");
  assert.equal((await mem.post(`/admin/dues/members/${ownMembers[1]}/base`, { year, category: "fixed", amount: "0.01" })).status, 403);
  assert.equal(rows(count), had);
  assert.equal(rows(base), monthly);
  const ed = await as("ed");
  assert.equal((await ed.get("/admin/dues")).status, 403);
  assert.equal((await ed.get("/admin/dues/mine")).status, 404, "an account without a member record");
});

test("the dues pages are valid HTML", async () => {
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { validate } = await import("../lib/vnu.mjs");
  const officer = await as("officer");
  const out = tempDir("procura-dues-html-");
  const files = [];
  const pages = [["overview", officer, `/admin/dues?year=${year}`], ["branch", officer, `/admin/dues/branches/${ownBranch}?year=${year}`],
    ["member", officer, `/admin/dues/members/${ownMembers[0]}?year=${year}`], ["mine", await as("mem2"), "/admin/dues/mine"]];
  // A form sent back with its errors, too.
  const bad = await officer.post(`/admin/dues/members/${ownMembers[0]}/base`, { year, category: "in-service", amount: "x" });
  assert.equal(bad.status, 422);
  for (const [name, c, path] of pages) {
    const file = join(out, `${name}.html`);
    const res = await c.get(path);
    assert.equal(res.status, 200, path);
    if (name === "member") assert.match(res.body, new RegExp(`<time datetime="${year}-(\\d\\d-\\d\\d)">\\1</time>`), "a day of the dues' year is shown as MM-DD");
    writeFileSync(file, res.body);
    files.push(file);
  }
  writeFileSync(join(out, "errors.html"), bad.body);
  files.push(join(out, "errors.html"));
  assert.deepEqual(await validate(files), []);
});

test("every link on a member's and a secretary's dashboard and menu opens for them", async () => {
  for (const name of ["mem2", "sec1"]) {
    const c = await as(name);
    const dash = (await c.get("/admin/")).body;
    const links = [...new Set([...dash.matchAll(/href="(\/admin\/[^"#]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&")))];
    assert.ok(links.includes(name === "mem2" ? "/admin/dues/mine" : "/admin/dues"), links.join(" "));
    for (const href of links) {
      const res = await c.get(href);
      assert.ok(res.status === 200 || res.status === 303, `${name}: ${href} → ${res.status}`);
    }
  }
});
