// 发展党员 in real Chromium, in Chinese: a branch secretary on a 360-px
// phone follows the dashboard's note to the applicants, opens the
// activist whose year is over, names them a candidate and records their
// political review from the steps' list, then enters a
// new applicant with a mistake, mends it from the error summary and saves;
// the records officer admits a candidate at 1280 px and lands on the new
// member's record, then imports an applicant kept on paper from a sheet
// (a wrong row first). axe-core checks every page; no page scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startServer, tempDir, ARTIFACTS, queryDb } from "../lib/server.mjs";
import { addUser } from "../lib/newsroom.mjs";
import { launch, pageChecker, signIn } from "../lib/browser.mjs";

let srv, dir, phone, desk, branch;
const findings = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo's applicants
  await srv.stop();
  branch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
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

const check = pageChecker("applicants", findings);


test("a secretary names a candidate and enters an applicant on a 360-px phone", async () => {
  const page = await phone.newPage();
  await page.goto(srv.url + "/admin/");
  await signIn(page, "sec-cadre");
  assert.match(await page.textContent("#applicants-ready-note"), /可列为发展对象的入党积极分子：1 名/);
  await Promise.all([page.waitForNavigation(), page.click("#applicants-ready-note a")]);
  await check(page, "phone-list");
  const activist = page.locator("#stage-activist + div a").first();
  assert.equal(await activist.textContent(), "示例 李敏");
  await Promise.all([page.waitForNavigation(), activist.click()]);
  assert.equal(await page.textContent("#applicant-stage"), "入党积极分子");
  await check(page, "phone-activist");
  await Promise.all([page.waitForNavigation(), page.click("#advance-form button[type=submit]")]);
  assert.equal(await page.textContent("#applicant-stage"), "发展对象");
  assert.equal(queryDb(dir, "SELECT candidate_on <> '' FROM party_applicants WHERE name = '示例 李敏'").trim(), "1");
  // A step of the candidate's, from its row's link: the form opens on it.
  await Promise.all([page.waitForNavigation(), page.click("#step-political_review a.step-record")]);
  assert.equal(await page.$eval("#step-code", (s) => s.value), "political_review");
  assert.ok(await page.isVisible("#step-date"), "the step form is open");
  await page.fill("#step-note", "函调完成");
  await check(page, "phone-step-form");
  await Promise.all([page.waitForNavigation(), page.click("#step-form button[type=submit]")]);
  assert.match(await page.textContent("#step-political_review"), /政治审查\s*\d{4}-\d\d-\d\d（函调完成）/);
  await check(page, "phone-step-done");

  await page.goto(srv.url + "/admin/org/applicants/new");
  assert.equal(await page.$eval("#p-branch", (s) => s.value), branch, "their own branch, chosen");
  await page.fill("#p-name", "示例 新同志");
  await page.fill("#p-birth", "2012-01-01");
  await page.fill("#p-applied", "2026-01-05");
  await Promise.all([page.waitForNavigation(), page.click("form.column-form button[type=submit]")]);
  assert.match(await page.textContent("#error-summary"), /年满十八岁方可申请入党/);
  await check(page, "phone-form-error");
  await page.click("#error-summary a[href='#p-applied']");
  assert.equal(await page.evaluate(() => document.activeElement.id), "p-applied");
  await page.fill("#p-birth", "2001-01-01");
  await Promise.all([page.waitForNavigation(), page.click("form.column-form button[type=submit]")]);
  assert.equal(await page.textContent("#applicant-name"), "示例 新同志");
  assert.equal(await page.textContent("#applicant-stage"), "入党申请人");
  await check(page, "phone-new");
  await page.close();
});

test("the officer admits a candidate at 1280 px and lands on the member record", async () => {
  const page = await desk.newPage();
  await page.goto(srv.url + "/admin/org");
  await signIn(page, "officer");
  await Promise.all([page.waitForNavigation(), page.click("#applicants-link")]);
  assert.equal(await page.getAttribute("#admin-menu a[href='/admin/org']", "aria-current"), "page");
  await check(page, "desk-list");
  await Promise.all([page.waitForNavigation(), page.click("#stage-candidate + div a >> text=示例 陈静")]);
  await check(page, "desk-candidate");
  const sponsors = await page.$$eval("#sponsor1 option[value]:not([value=''])", (os) => os.map((o) => o.value));
  assert.ok(sponsors.length >= 2, "the branch's full members offered as sponsors");
  await page.selectOption("#sponsor1", sponsors[0]);
  await page.selectOption("#sponsor2", sponsors[1]);
  await Promise.all([page.waitForNavigation(), page.click("#advance-form button[type=submit]")]);
  assert.match(page.url(), /\/admin\/org\/members\/\d+\?done=saved/);
  assert.match(await page.textContent("h1"), /示例 陈静/);
  assert.ok(await page.isVisible("#way-in-applied"));
  await check(page, "desk-member");
  // Applicants kept on paper, from a sheet: a wrong row is named, nothing written.
  await page.goto(srv.url + "/admin/org/applicants");
  await Promise.all([page.waitForNavigation(), page.click("#import-applicants")]);
  await check(page, "desk-import");
  const branchName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${branch}`).trim();
  const sheet = (gender) => Buffer.from(`姓名,性别,出生日期,所在支部,递交入党申请\n示例 纸质档案,${gender},1995-05-05,${branchName},2025-03-01\n`);
  await page.setInputFiles("#ai-file", { name: "申请人.csv", mimeType: "text/csv", buffer: sheet("未知") });
  await Promise.all([page.waitForNavigation(), page.click("#applicants-import-form button[type=submit]")]);
  assert.match(await page.textContent("#import-problems"), /第 2 行第 B 列：请选择男或女/);
  await check(page, "desk-import-error");
  await page.setInputFiles("#ai-file", { name: "申请人.csv", mimeType: "text/csv", buffer: sheet("女") });
  await Promise.all([page.waitForNavigation(), page.click("#applicants-import-form button[type=submit]")]);
  assert.match(await page.textContent("#imported-note"), /已导入 1 名发展党员/);
  assert.deepEqual(findings, []);
});
