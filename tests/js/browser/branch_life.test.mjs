// Branch organisational life in real Chromium, in Chinese: a branch
// secretary on a 360-px phone records a committee meeting from the
// dashboard — the form, attendance with the quorum shown, minutes filing
// the records on time, a photo with its EXIF gone — and the records
// officer reads the committee's overview at 1280 px. axe-core checks every
// page; no page scrolls sideways on the phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, ARTIFACTS, ROOT, queryDb } from "../lib/server.mjs";
import { addUser } from "../lib/newsroom.mjs";
import { launch, pageChecker, signIn } from "../lib/browser.mjs";

let srv, dir, phone, desk;
const findings = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo year of meetings
  await srv.stop();
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

const check = pageChecker("branch-life", findings);


const today = () => new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);

test("a secretary records a committee meeting on a 360-px phone", async () => {
  const page = await phone.newPage();
  await page.goto(srv.url + "/admin/");
  await signIn(page, "sec-cadre");
  await check(page, "phone-dashboard");
  // On a phone the menu is folded behind one button, and opens on a tap.
  assert.equal(await page.isVisible(".nav-toggle"), true);
  assert.equal(await page.isHidden("#admin-menu"), true);
  await page.click(".nav-toggle");
  assert.equal(await page.getAttribute(".nav-toggle", "aria-expanded"), "true");
  assert.equal(await page.isVisible("#admin-menu a[href='/admin/branch-life']"), true);
  assert.equal(await page.getAttribute("#admin-menu a[href='/admin/']", "aria-current"), "page");
  await check(page, "phone-menu-open");
  await page.click(".nav-toggle");
  assert.equal(await page.isHidden("#admin-menu"), true);
  assert.match(await page.textContent("#h-life"), /组织生活/);
  await Promise.all([page.waitForNavigation(), page.click("a:has-text('登记会议')")]);
  await check(page, "phone-meeting-form");
  // Put over another of the branch's meetings, the form says so before saving.
  const [busyDay, busyTime, busyTopic] = queryDb(dir, "SELECT held_on || '|' || starts_at || '|' || topic FROM meetings " +
    "WHERE branch_id = (SELECT branch_id FROM members WHERE id = 1) ORDER BY held_on DESC LIMIT 1").trim().split("|");
  await page.fill("#m-held-on", busyDay);
  await page.fill("#m-starts-at", busyTime);
  await page.waitForSelector("#clash-preview:not([hidden])");
  const said = await page.textContent("#clash-preview");
  assert.ok(said.startsWith(`同一时间还安排有：${busyTopic}：`), said);
  assert.equal(await page.getAttribute("#clash-preview", "role"), "status", "read out as it appears");
  await check(page, "phone-meeting-form-clash");
  // Sent empty, the form names what is missing and keeps what was typed.
  await page.selectOption("#m-kind", "committee");
  await page.fill("#m-held-on", today());
  await page.fill("#m-starts-at", "14:30");
  await page.evaluate(() => document.querySelector("#m-topic").removeAttribute("required"));
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('保存会议')")]);
  assert.match(await page.textContent("#error-summary"), /主题/);
  assert.equal(await page.inputValue("#m-held-on"), today());
  await page.fill("#m-topic", "研究本月支部工作");
  await page.fill("#m-place", "党员活动室");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('保存会议')")]);
  assert.match(page.url(), /\/admin\/meetings\/\d+\?done=saved$/);
  const id = page.url().split("?")[0].split("/").pop();
  await check(page, "phone-meeting");
  // The committee: the secretary, the organisation and the publicity
  // member. One present is not more than half: no quorum; two are.
  const selects = await page.$$("select[name^=mark-]");
  assert.equal(selects.length, 3);
  await selects[0].selectOption("present");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('保存考勤')")]);
  assert.match(await page.textContent("#quorum"), /未超过半数/);
  await (await page.$$("select[name^=mark-]"))[1].selectOption("present");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('保存考勤')")]);
  assert.match(await page.textContent("#quorum"), /超过半数，符合规定/);
  assert.match(await page.textContent("#records-state"), /尚未归档/);
  // Minutes, written on the phone, file the records on time.
  await Promise.all([page.waitForNavigation(), page.click("a:has-text('编辑、填写会议记录')")]);
  const editUrl = page.url();
  const minutes = "会议传达了机关党委本月工作指导，研究了主题党日安排。";
  await page.fill("#m-minutes", minutes);
  // Left without saving (a call, another page): this tab kept the minutes,
  // and the form offers them back.
  await page.waitForFunction((m) => Object.keys(sessionStorage).some((k) => k.endsWith(":meeting:" + m)), id);
  await page.goto(srv.url + "/admin/");
  await page.goto(editUrl);
  assert.equal(await page.inputValue("#m-minutes"), "");
  assert.equal(await page.isVisible("#draft-restore"), true, "the kept minutes are offered");
  await check(page, "phone-meeting-kept-copy");
  await page.click("button:has-text('恢复副本')");
  assert.equal(await page.inputValue("#m-minutes"), minutes);
  await page.fill("#m-resolutions", "本月15日开展主题党日活动。");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('保存会议')")]);
  assert.match(await page.textContent("#records-state"), /按时归档/);
  // A photo: stored re-encoded, without its EXIF.
  await page.setInputFiles("#ph-file", join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  await page.fill("#ph-alt", "支委会现场");
  await Promise.all([page.waitForNavigation(), page.click("button:has-text('上传')")]);
  await page.waitForSelector(".photo-list img");
  const src = await page.getAttribute(".photo-list img", "src");
  const photo = await page.request.get(srv.url + src);
  assert.equal(photo.status(), 200);
  assert.ok(!(await photo.body()).includes(Buffer.from("Exif")), "EXIF is removed");
  // A record, not a publication: staff load it from /admin/media-file/,
  // and the public address answers 404 until a published article uses it.
  assert.match(src, /^\/admin\/media-file\//);
  assert.equal((await page.request.get(srv.url + src.replace("/admin/media-file/", "/media/"))).status(), 404);
  await check(page, "phone-meeting-done");
  assert.match(queryDb(dir, `SELECT kind, records_filed_at IS NOT NULL FROM meetings WHERE id = ${id}`), /committee\|1/);
  assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
});

test("the records officer reads the overview and a branch at 1280 px", async () => {
  const page = await desk.newPage();
  await page.goto(srv.url + "/admin/branch-life");
  await signIn(page, "officer");
  assert.match(page.url(), /\/admin\/branch-life$/);
  await check(page, "desk-overview");
  assert.equal(await page.isHidden(".nav-toggle"), true, "the whole menu shows on a desk");
  assert.equal(await page.isVisible("#admin-menu a[href='/admin/org']"), true);
  assert.equal(await page.getAttribute("#admin-menu a[href='/admin/branch-life']", "aria-current"), "page");
  assert.equal(await page.locator("table.life-grid tbody tr").count(), 29);
  assert.ok(await page.locator(".life-grid .badge.due-missing").count() > 0, "gaps are shown");
  // The months scroll in the grid's own box; the year's totals come first,
  // so they are in view without scrolling it.
  const grid = await page.locator("table.life-grid").boundingBox();
  const talks = await page.locator("table.life-grid tbody tr:first-child td.n-talks").boundingBox();
  assert.ok(talks.x + talks.width <= grid.x + grid.width, `the talks total is in view: ${JSON.stringify({ grid, talks })}`);
  await Promise.all([page.waitForNavigation(), page.click("table.life-grid tbody tr:first-child th a")]);
  await check(page, "desk-branch");
  await Promise.all([page.waitForNavigation(), page.click("a:has-text('打印组织生活记录')")]);
  await check(page, "desk-record");
  assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
});

// The branches × months grid on a phone: each branch a card whose months
// wrap in a grid, each cell named by its month, so that nothing in it
// scrolls sideways (it used to show a month and a half at a time).
test("the records officer reads the branches by month on a 360-px phone", async (t) => {
  const officerPhone = await launch({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
  t.after(() => officerPhone.close());  // closed even when an assertion fails: an open browser keeps node alive
  const page = await officerPhone.newPage();
  await page.goto(srv.url + "/admin/branch-life");
  await signIn(page, "officer");
  await check(page, "phone-overview");
  const grid = page.locator("table.life-grid");
  assert.equal(await grid.evaluate((t) => t.scrollWidth - t.clientWidth), 0, "the grid does not scroll sideways");
  const first = page.locator("table.life-grid tbody tr").first();
  const cells = await first.locator("td[data-label]").evaluateAll((tds) =>
    tds.map((td) => ({ label: getComputedStyle(td, "::before").content, right: td.getBoundingClientRect().right })));
  // Every column but the branch, the three counts, attendance and talks is a month.
  assert.equal(cells.filter((c) => /^"\d+月"$/.test(c.label)).length, (await page.locator("table.life-grid thead th").count()) - 6, JSON.stringify(cells.slice(0, 3)));
  assert.match(await first.locator("td.n-talks").evaluate((td) => getComputedStyle(td, "::before").content), /"谈心谈话"/);
  assert.ok(cells.every((c) => c.right <= 360), "every cell is on the screen");
  assert.match(await first.locator("td.n-missing").evaluate((td) => getComputedStyle(td, "::before").content), /"缺项"/);
  // A branch's due items wrap the same way, each cell named by its period.
  await Promise.all([page.waitForNavigation(), first.locator("th a").click()]);
  await check(page, "phone-branch");
  const periods = await page.locator("table.due-grid tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((td) => getComputedStyle(td, "::before").content)));
  assert.ok(periods.some((row) => row.length === 12 && row[0] === '"1月"' && row[11] === '"12月"'), JSON.stringify(periods.slice(0, 2)));
  assert.ok(periods.some((row) => row.length === 4 && row[3] === '"第 4 季度"'), "a quarterly rule");
  assert.ok(periods.some((row) => row.length === 1 && row[0] === '"全年"'), "a yearly rule");
  assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
});

// Heart-to-heart talks on a phone: from the branch's page to the talks,
// one recorded with the form as it opens (the secretary with the first
// member not yet talked with), then listed as a card.
test("a secretary records a heart-to-heart talk on a 360-px phone", async () => {
  const page = await phone.newPage();
  await page.goto(srv.url + "/admin/branch-life/mine");
  if (page.url().includes("/admin/login")) await signIn(page, "sec-cadre");
  const branch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  await page.goto(srv.url + `/admin/branch-life/branches/${branch}`);
  await Promise.all([page.waitForNavigation(), page.click("#talks-link")]);
  await check(page, "phone-talks");
  const before = Number(queryDb(dir, `SELECT count(*) FROM heart_talks WHERE branch_id = ${branch}`).trim());
  const chosen = await page.locator("#t-member option:checked").textContent();
  assert.notEqual(await page.locator("#t-member").inputValue(), "", "a member is chosen already");
  await page.fill("#t-summary", "谈学习体会和下一步打算。");
  await Promise.all([page.waitForNavigation(), page.click("form[action$='/talks'] button[type=submit]")]);
  assert.match(page.url(), /\/talks\?year=\d{4}&done=saved/);
  await check(page, "phone-talks-saved");
  assert.equal(Number(queryDb(dir, `SELECT count(*) FROM heart_talks WHERE branch_id = ${branch}`).trim()), before + 1);
  const card = page.locator("table.row-cards tbody tr").first();
  assert.match(await card.textContent(), new RegExp(`${chosen.trim()}[\\s\\S]*谈学习体会和下一步打算`));
  const box = await card.locator("td.talk-summary").boundingBox();
  assert.ok(box.x + box.width <= 360, "the card fits the screen");
  await page.close();
  assert.deepEqual(findings, [], JSON.stringify(findings, null, 1));
});
