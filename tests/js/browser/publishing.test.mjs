// Static publishing in real Chromium on a phone (360 px): an export under a
// long path is listed without sideways scrolling, up to date; when its pass
// fails (a directory where the sitemap's file goes) the page shows the
// error and every newsroom dashboard warns; a second export's long pass
// shows its progress bar; another's failing push shows the command's last
// lines. axe-core checks the pages;
// screenshots go to the test artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { startServer, tempDir, waitFor, ARTIFACTS, BIN, withDatabase } from "../lib/server.mjs";
import { addUser } from "../lib/newsroom.mjs";
import { launch, axeViolations, signIn } from "../lib/browser.mjs";

let srv, dir, out;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir();
  out = join(tempDir(), "an-export-directory-with-a-rather-long-name", "www.procuratorate.example.gov.cn");
  addUser(dir, "webmaster", ["admin"]);
  addUser(dir, "writer", ["editor"]);
  srv = await startServer({ dataDir: dir, args: ["--export-to", out, "--export-precompress", "none"] });
});
after(async () => { await srv?.stop(); });

test("on a phone, the publishing page and the dashboard say how the static site stands", async () => {
  const ctx = await launch({ viewport: { width: 360, height: 740 } });
  const ctx2 = await launch({ viewport: { width: 360, height: 740 } });
  try {
    const page = await ctx.newPage();
    await page.goto(srv.url + "/admin/login");
    await signIn(page, "webmaster");
    await waitFor(async () => {
      await page.goto(srv.url + "/admin/publishing");
      return (await page.textContent("main")).includes("已是最新");
    }, { timeoutMs: 30000, what: "the first export's report" });
    assert.match(await page.textContent("#export-1-name"), /an-export-directory-with-a-rather-long-name\/www\.procuratorate/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "nothing sideways");
    await page.screenshot({ path: join(ARTIFACTS, "publishing-up-to-date-360.png"), fullPage: true });
    let v = await axeViolations(page);
    assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);

    // A directory where the sitemap's file goes; a withdrawal must rewrite it.
    rmSync(join(out, "sitemap.xml"));
    mkdirSync(join(out, "sitemap.xml"));
    writeFileSync(join(out, "sitemap.xml", "x"), "");
    const w = spawnSync(BIN, withDatabase(["article", "withdraw", "--data", dir, "--id", "1", "--reason", "browser test"]), { encoding: "utf8" });
    assert.equal(w.status, 0, w.stderr);
    await waitFor(async () => {
      await page.goto(srv.url + "/admin/publishing");
      return (await page.textContent("main")).includes("导出出错");
    }, { what: "the failure on the page" });
    assert.match(await page.textContent(".export-error"), /Is a directory/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "the error wraps too");
    await page.screenshot({ path: join(ARTIFACTS, "publishing-failing-360.png"), fullPage: true });
    v = await axeViolations(page);
    assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);

    const writer = await ctx2.newPage();
    await writer.goto(srv.url + "/admin/login");
    await signIn(writer, "writer");
    await writer.goto(srv.url + "/admin/");
    assert.match(await writer.textContent("#exports-troubled"), /静态发布需要处理[\s\S]*请告知网站管理员/);
    await writer.screenshot({ path: join(ARTIFACTS, "publishing-dashboard-warning-360.png") });
    v = await axeViolations(writer);
    assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);

    // An export whose push to the DMZ host fails: the command's last lines
    // keep their line breaks, and wrap on the phone.
    const pushed = spawnSync(BIN, withDatabase([
      "export", "--data", dir, "--out", tempDir(), "--precompress", "none", "--push-command",
      "echo 'ssh: connect to host dmz-web.procuratorate.example.gov.cn port 22: Connection timed out' >&2; " +
      "echo 'rsync: connection unexpectedly closed (0 bytes received so far) [sender]' >&2; exit 255"]), { encoding: "utf8" });
    assert.equal(pushed.status, 13, pushed.stderr);
    await page.goto(srv.url + "/admin/publishing");
    const pushError = page.locator(".push-error");
    assert.equal(await pushError.count(), 1);
    assert.match(await pushError.innerText(), /Connection timed out\nrsync: connection unexpectedly closed/, "one line each");
    assert.match(await page.textContent("main"), /推送失败[\s\S]*已推送到网站服务器\s*尚未推送/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, "the push's error wraps");
    await page.screenshot({ path: join(ARTIFACTS, "publishing-push-failing-360.png"), fullPage: true });
    v = await axeViolations(page);
    assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);

    // A second export's long pass under way (100 ms a page): its progress
    // bar has a name and fits the phone.
    const slow = spawn(BIN, withDatabase(["export", "--data", dir, "--out", tempDir(), "--precompress", "none"]),
                       { stdio: "ignore", env: { ...process.env, PROCURA_FAULT: "slow-export" } });
    try {
      await waitFor(async () => {
        await page.goto(srv.url + "/admin/publishing");
        return (await page.textContent("main")).includes("全量导出正在进行");
      }, { timeoutMs: 30000, what: "the pass's progress" });
      assert.equal(await page.locator("progress.export-pass").count(), 1);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
      await page.screenshot({ path: join(ARTIFACTS, "publishing-pass-under-way-360.png"), fullPage: true });
      v = await axeViolations(page);
      assert.deepEqual(v, [], `axe: ${JSON.stringify(v, null, 1)}`);
    } finally {
      slow.kill("SIGKILL");
    }
  } finally {
    await ctx.close();
    await ctx2.close();
  }
});
