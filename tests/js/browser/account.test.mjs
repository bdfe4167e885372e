// One's account in real Chromium on a phone (360 px): the list of sessions
// is a card per session with every line named, and a wrong password typed
// at the foot of the page is brought into view and focused (admin.js), so
// the reader sees what to fix without scrolling for it. axe-core checks the
// page; screenshots go to the test artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { startServer, tempDir, ARTIFACTS } from "../lib/server.mjs";
import { addUser } from "../lib/newsroom.mjs";
import { launch, axeViolations, signIn } from "../lib/browser.mjs";

let srv;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = tempDir();
  addUser(dir, "roamer", ["editor"]);
  srv = await startServer({ dataDir: dir });
});
after(async () => { await srv?.stop(); });

test("on a phone, the sessions are named cards and a wrong password's error comes into view", async () => {
  const elsewhere = await launch({ viewport: { width: 1280, height: 900 } });
  const ctx = await launch({ viewport: { width: 360, height: 740 } });
  try {
    const other = await elsewhere.newPage();
    await other.goto(srv.url + "/admin/login");
    await signIn(other, "roamer");
    const page = await ctx.newPage();
    await page.goto(srv.url + "/admin/login");
    await signIn(page, "roamer");
    await page.goto(srv.url + "/admin/account");
    // Each line of a session's card says what it is (the header row is hidden).
    const labels = await page.$$eval("#session-current td", (tds) =>
      tds.map((td) => getComputedStyle(td, "::before").content));
    assert.deepEqual(labels, ['"登录时间"', '"最近活动"', '"浏览器"', '"网络地址"']);
    assert.match(await page.textContent("#session-current"), /Chrome · Linux/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "nothing sideways");
    await page.screenshot({ path: join(ARTIFACTS, "account-sessions-360.png"), fullPage: true });

    await page.fill("#s-password", "not the password");
    await page.click("#end-others button[type=submit]");
    await page.waitForSelector("#sessions-error");
    const box = await page.evaluate(() => {
      const r = document.querySelector("#sessions-error").getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight, scrolled: window.scrollY };
    });
    assert.ok(box.scrolled > 0, "the page was scrolled to the error");
    assert.ok(box.top >= 0 && box.bottom <= box.height, `the error is on screen: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "sessions-error");
    await page.screenshot({ path: join(ARTIFACTS, "account-wrong-password-360.png") });
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);
  } finally {
    await ctx.close();
    await elsewhere.close();
  }
});
