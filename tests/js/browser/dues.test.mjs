// Party dues in real Chromium, in Chinese: a branch secretary on a 360-px
// phone goes from the menu to the branch's year, opens a member and
// records the months still owed (ticked for them), then records this
// month's collection for two more members at once; and the records
// officer reads the committee's overview at 1280 px. axe-core checks every
// page; no page scrolls sideways on the phone (the grid scrolls in its
// own box).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startServer, tempDir, ARTIFACTS, queryDb } from "../lib/server.mjs";
import { addUser } from "../lib/newsroom.mjs";
import { launch, pageChecker, signIn } from "../lib/browser.mjs";

let srv, dir, phone, desk, branch, member;
const findings = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo's two years of dues
  await srv.stop();
  branch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  // A member of the branch owing the last month: their payments for it
  // are removed, as if not yet made.
  member = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${branch} AND id <> 1 ORDER BY id LIMIT 1`).trim();
  queryDb(dir, `DELETE FROM dues_payments WHERE member_id = ${member} AND year * 12 + month >= (SELECT MAX(year * 12 + month) - 1 FROM dues_payments)`);
  // Nobody in the branch has paid this month yet: the month's form offers everyone.
  queryDb(dir, `DELETE FROM dues_payments WHERE year * 12 + month = (SELECT MAX(year * 12 + month) FROM dues_payments) AND member_id IN (SELECT id FROM members WHERE branch_id = ${branch})`);
  addUser(dir, "sec-cadre", ["branch-secretary"], undefined, ["--member", "1"]);
  addUser(dir, "officer", ["records-officer"]);
  srv = await startServer({ dataDir: dir, demo: false });
  phone = await launch({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  desk = await launch({ viewport: { width: 1280, height: 1000 } });
});

after(async () => {
  for (const c of [phone, desk]) await c?.close();
  await srv?.stop();
});

const check = pageChecker("dues", findings);


test("a secretary records a member's owed months on a 360-px phone", async () => {
  const page = await phone.newPage();
  await page.goto(srv.url + "/admin/");
  await signIn(page, "sec-cadre");
  await page.click(".nav-toggle");
  await Promise.all([page.waitForNavigation(), page.click("#admin-menu a[href='/admin/dues']")]);
  assert.match(page.url(), new RegExp(`/admin/dues/branches/${branch}\\?year=`), "a secretary lands on their branch");
  assert.match(await page.textContent("h1"), /党费/);
  await check(page, "phone-branch");
  await Promise.all([page.waitForNavigation(), page.click(`#dues-member-${member} a`)]);
  await check(page, "phone-member");
  const owed = await page.$$eval("input[name=month]:checked", (els) => els.map((e) => e.value));
  assert.ok(owed.length >= 1, "the months owed are ticked");
  const before = Number(queryDb(dir, `SELECT COUNT(*) FROM dues_payments WHERE member_id = ${member}`));
  await Promise.all([page.waitForNavigation(), page.click("#h-dues-pay + form button[type=submit]")]);
  assert.equal(Number(queryDb(dir, `SELECT COUNT(*) FROM dues_payments WHERE member_id = ${member}`)), before + owed.length);
  for (const m of owed) assert.match(await page.textContent(`#month-${m}`), /已交/);
  await check(page, "phone-member-paid");
  // Back on the branch: this month's collection for two more members at once.
  await Promise.all([page.waitForNavigation(), page.click("a[href^='/admin/dues/branches/']")]);
  const boxes = page.locator("#dues-month-form input[name=member]");
  assert.ok(await boxes.count() >= 2);
  const picked = [await boxes.nth(0).getAttribute("value"), await boxes.nth(1).getAttribute("value")];
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await check(page, "phone-month-form");
  await Promise.all([page.waitForNavigation(), page.click("#dues-month-form button[type=submit]")]);
  assert.match(page.url(), /done=saved#h-dues-month$/);
  for (const id of picked) assert.match(await page.textContent("#dm-done"), new RegExp(queryDb(dir, `SELECT name FROM members WHERE id = ${id}`).trim()));
  await page.close();
});

test("the officer reads the committee's overview at 1280 px", async () => {
  const page = await desk.newPage();
  await page.goto(srv.url + "/admin/dues");
  await signIn(page, "officer");
  assert.match(page.url(), /\/admin\/dues$/);
  assert.equal(await page.getAttribute("#admin-menu a[href='/admin/dues']", "aria-current"), "page");
  assert.equal(await page.locator("tr[id^=dues-branch-]").count(), 29);
  await check(page, "desk-overview");
  await Promise.all([page.waitForNavigation(), page.click(`#dues-branch-${branch} a`)]);
  await check(page, "desk-branch");
  assert.deepEqual(findings, []);
});

// On a phone the 29 branches are short cards: the branch's name, then its
// figures two to a line, each after its label, all on the screen.
test("the officer reads the overview on a 360-px phone, two figures to a line", async (t) => {
  const officerPhone = await launch({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  t.after(() => officerPhone.close());  // the phone above is the secretary's
  const page = await officerPhone.newPage();
  await page.goto(srv.url + "/admin/dues");
  await signIn(page, "officer");
  await check(page, "phone-overview");
  const card = page.locator("tr[id^=dues-branch-]").first();
  const cells = await card.locator("td").evaluateAll((tds) => tds.map((td) => {
    const r = td.getBoundingClientRect();
    return { top: Math.round(r.top), left: Math.round(r.left), right: r.right, label: getComputedStyle(td, "::before").content };
  }));
  assert.equal(cells.length, 5);
  assert.deepEqual(cells.map((c) => c.label), ['"党员人数"', '"未核定"', '"已交（元）"', '"欠交（元）"', '"连续六个月以上未交"']);
  assert.equal(cells[0].top, cells[1].top, "members and unset dues share a line");
  assert.equal(cells[2].top, cells[3].top, "paid and owed share a line");
  assert.ok(cells[1].left > cells[0].left && cells[4].top > cells[2].top, JSON.stringify(cells));
  assert.ok(cells.every((c) => c.right <= 360), "every figure is on the screen");
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, "no sideways scrolling");
  await page.close();
  assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
});
