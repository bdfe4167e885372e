// Two-step sign-in in real Chromium, at 1280 px and 360 px: the admin is
// sent to set it up, scans (here: reads) the key, enters a code, sees the
// recovery codes once, and signs in again in two steps. axe-core checks
// every page; screenshots go to the test artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { startServer, tempDir, ARTIFACTS } from "../lib/server.mjs";
import { addUser, PASSWORD, totp } from "../lib/newsroom.mjs";
import { launch, axeViolations } from "../lib/browser.mjs";

let srv;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = tempDir();
  addUser(dir, "chief", ["admin"]);
  srv = await startServer({ dataDir: dir, args: ["--require-mfa"] });
});
after(async () => { await srv?.stop(); });


async function shoot(page, name) {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `mfa-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });  // the menu unfolded again
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `axe on ${name}: ${JSON.stringify(v, null, 1)}`);
}

test("an admin sets up two-step sign-in and then signs in with a code", async () => {
  const ctx = await launch({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    await page.goto(srv.url + "/admin/login");
    await page.fill("#name", "chief");
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/admin\/account\/mfa$/);
    assert.match(await page.textContent("main"), /您的角色需要两步登录/);
    await shoot(page, "required");
    await page.click("text=设置两步登录");
    await page.waitForSelector("svg[role=img]");
    await shoot(page, "enrol");
    const secret = (await page.textContent("code.secret")).replace(/ /g, "");
    // The code as Chromium draws it is what an authenticator app reads.
    const scan = spawnSync("zbarimg", ["-q", "--raw", join(ARTIFACTS, "mfa-enrol-1280.png")], { encoding: "utf8" });
    assert.equal(scan.stdout.trim(), `otpauth://totp/procura:chief?secret=${secret}&issuer=procura&algorithm=SHA1&digits=6&period=30`);
    await page.fill("#mfa-code", totp(secret));
    await page.click("text=开启两步登录");
    await page.waitForSelector(".recovery-codes");
    assert.equal(await page.locator(".recovery-codes li").count(), 10);
    await shoot(page, "codes");
    await page.goto(srv.url + "/admin/");
    assert.match(page.url(), /\/admin\/$/, "in, now that it is on");
    await page.click("text=退出登录");
    await page.goto(srv.url + "/admin/login");
    await page.fill("#name", "chief");
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForSelector("#code");
    await shoot(page, "second-step");
    await page.fill("#code", totp(secret, 30));
    await page.click("button[type=submit]");
    await page.waitForURL(/\/admin\/$/);
  } finally {
    await ctx.close();
  }
});
