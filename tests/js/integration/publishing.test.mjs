// Static publishing in the newsroom: each static export (serve
// --export-to, procura export, export --follow) reports itself to the
// database, and the newsroom says whether the public files are up to date:
// the publishing page per export, an article's page per article, and a
// warning on every dashboard when an export fails or falls silent.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, waitFor, queryDb, runCli, BIN, ROOT, withDatabase, PG_ADMIN } from "../lib/server.mjs";
import { Client, apiReview, publishViaApi, siteWithNewsroom } from "../lib/newsroom.mjs";

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

const nameOf = (out) => `${hostname()}:${realpathSync(out)}`;
const esc = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// The section of the publishing page about export `name`.
async function exportSection(client, name) {
  const page = await client.get("/admin/publishing");
  assert.equal(page.status, 200);
  const at = page.body.indexOf(`<code>${name}</code>`);
  return at < 0 ? "" : page.body.slice(at, page.body.indexOf("</section>", at));
}
const staticCopy = async (client, id) =>
  ((await client.get(`/admin/articles/${id}/`)).body.match(/<span id="static-copy"[^>]*>([^<]*)</) ?? [])[1];

test("an export beside the server reports itself: up to date, failing, mended, stopped, removed", async () => {
  const out = tempDir();
  const site = await siteWithNewsroom({ args: ["--export-to", out, "--export-precompress", "none"] });
  servers.push(site.srv);
  const adm = new Client(site.srv, { lang: "en" });
  const ed = new Client(site.srv, { lang: "en" });
  assert.equal((await adm.signIn("adm")).status, 303);
  assert.equal((await ed.signIn("ed")).status, 303);
  const name = nameOf(out);

  let section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Up to date") && s; },
                              { timeoutMs: 30000, what: "the first export's report" });
  assert.match(section, /Follows every change/);
  assert.match(section, /Its files hold every published change\./);
  assert.doesNotMatch(section, /Remove from this list/, "a running export cannot be removed");
  const id = await publishViaApi(site.srv, site.ed, site.rv, "Publishkoala 报道", "正文。", 2);
  await waitFor(async () => (await staticCopy(ed, id)) === "this version is on the static site",
                { what: "the article's static copy" });
  assert.doesNotMatch((await adm.get("/admin/")).body, /Static publishing needs attention/);

  // The home page's file becomes a directory (no rename can replace it,
  // even as root): the next pass fails, and says so.
  const home = join(out, "index.html");
  rmSync(home);
  mkdirSync(home);
  writeFileSync(join(home, "in-the-way"), "");
  const id2 = await publishViaApi(site.srv, site.ed, site.rv, "Publishkoala 第二篇", "正文。", 2);
  section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Export failing") && s; },
                          { what: "the failure's report" });
  assert.match(section, /<p class="notice error export-error">[^<]*\S[^<]*<\/p>/, "the error's text");
  assert.match(section, /the public files keep their last good state/);
  assert.match(await staticCopy(ed, id2), /^the static export is failing/);
  const admDash = (await adm.get("/admin/")).body;
  assert.match(admDash, /Static publishing needs attention/);
  assert.match(site.srv.stderr, /error export: cannot write [^\n]*index\.html: Is a directory/);
  assert.match(admDash, /1 static exports are failing or not responding[^<]*<\/p>\s*<p><a href="\/admin\/publishing">/);
  const edDash = (await ed.get("/admin/")).body;
  assert.match(edDash, /Static publishing needs attention[\s\S]*Please tell the site administrator\./);
  assert.doesNotMatch(edDash, /href="\/admin\/publishing"/, "no link to a page the editor may not open");
  assert.equal((await ed.get("/admin/publishing")).status, 403);
  const zh = new Client(site.srv, { lang: "zh-CN" });
  await zh.signIn("ed");  // (the language is the account's: ed reads Chinese from here on)
  assert.match((await zh.get("/admin/")).body, /静态发布需要处理[\s\S]*请告知网站管理员。/);
  assert.match(await staticCopy(zh, id2), /^静态导出出错/);

  // Mended: the pass that failed is retried and succeeds.
  rmSync(home, { recursive: true });
  section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Up to date") && s; },
                          { what: "the mended export's report" });
  assert.doesNotMatch(section, /export-error/);
  assert.equal(await staticCopy(adm, id2), "this version is on the static site");
  assert.equal(await staticCopy(ed, id2), "此版本已同步到静态站点");
  // Withdrawn: the article's state says when it has left the static site too.
  const withdrawn = await apiReview(site.srv, id, "withdraw", site.rv, { reason: "test" });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
  await waitFor(async () => (await staticCopy(adm, id)) === "removed from the static site too",
                { what: "the withdrawal in the static site" });
  const running = await adm.post("/admin/publishing/forget", { name });
  assert.equal(running.status, 409);
  assert.match(running.body, /Stop it first/);

  // Stopped: a server without --export-to leaves changes waiting.
  await site.srv.stop();
  const plain = await startServer({ dataDir: site.dir, demo: false });
  servers.push(plain);
  const adm2 = new Client(plain, { lang: "en" });
  await adm2.signIn("adm");
  section = await exportSection(adm2, name);
  assert.match(section, /Runs once when started/, "it said it stopped following");
  const id3 = await publishViaApi(plain, site.ed, site.rv, "Publishkoala 第三篇", "正文。", 2);
  section = await exportSection(adm2, name);
  assert.match(section, /Changes waiting/);
  assert.match(section, /1 change is not in its files yet/);
  assert.equal(await staticCopy(adm2, id3), "waiting for the static export");
  assert.equal(await staticCopy(adm2, id), "removed from the static site too");
  assert.doesNotMatch((await adm2.get("/admin/")).body, /Static publishing needs attention/, "waiting is not trouble");
  const forgot = await adm2.post("/admin/publishing/forget", { name });
  assert.equal(forgot.status, 303);
  assert.equal(await exportSection(adm2, name), "");
  assert.match((await adm2.get("/admin/publishing")).body, /id="no-exports"/);
  assert.equal(await staticCopy(adm2, id3), undefined, "no export, nothing said");
  assert.match((await adm2.audit("action=site.forget_export")).body, new RegExp(esc(name)));
  assert.equal((await adm2.post("/admin/publishing/forget", { name })).status, 404);
});

test("a one-off export reports once; a follower that died is shown as not responding", async () => {
  const out = tempDir(), out2 = tempDir();
  const site = await siteWithNewsroom();
  servers.push(site.srv);
  const adm = new Client(site.srv, { lang: "en" });
  await adm.signIn("adm");
  const once = await runCli(["export", "--data", site.dir, "--out", out, "--precompress", "none"], { timeoutMs: 60000 });
  assert.equal(once.code, 0, once.stderr);
  let section = await exportSection(adm, nameOf(out));
  assert.match(section, /Up to date/);
  assert.match(section, /Runs once when started/);
  assert.match(section, /pages written, 0 deleted/);
  assert.match(section, /Remove from this list/);
  let status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^${esc(nameOf(out))}: up to date; change \\d+, \\d+ pages, runs once; last report \\d+ s ago$`, "m"));

  const follower = spawn(BIN, withDatabase(["export", "--data", site.dir, "--out", out2, "--precompress", "none", "--follow"]),
                         { stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  follower.stdout.on("data", (d) => (said += d));
  await waitFor(() => said.includes("following the change log"), { timeoutMs: 60000, what: "the follower" });
  section = await waitFor(async () => { const s = await exportSection(adm, nameOf(out2)); return s.includes("Follows every change") && s; },
                          { what: "the follower's report" });
  follower.kill("SIGKILL");
  await new Promise((r) => follower.on("exit", r));
  // Killed without a word; four minutes pass (the report is made older).
  queryDb(site.dir, `UPDATE export_reports SET checked_at = checked_at - 240 WHERE name = '${nameOf(out2)}'`);
  section = await exportSection(adm, nameOf(out2));
  assert.match(section, /Not responding/);
  assert.match(section, new RegExp(`has not reported for 4 minutes: its process may have stopped\\. Check the service on ${hostname()}\\.`));
  assert.match(section, /Remove from this list/, "a silent export may be removed");
  assert.match((await adm.get("/admin/")).body, /1 static exports are failing or not responding/);
  status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 12, "a monitoring check fails");
  assert.match(status.stdout, new RegExp(`^${esc(nameOf(out2))}: NOT RESPONDING; .*follows changes; last report 2[45]\\d s ago$`, "m"));
  // A data directory without a database (a PostgreSQL site asked without
  // --database) is said to be one, not taken for a site without exports.
  if (PG_ADMIN) {
    const none = await runCli(["export-status", "--data", tempDir()]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /no static export has reported/);
  } else {
    const empty = tempDir();
    const none = await runCli(["export-status", "--data", empty]);
    assert.equal(none.code, 3, none.stdout);
    assert.match(none.stderr, /holds no database \(procura\.db\)\. If the site's database is PostgreSQL, give --database URL or set PROCURA_DATABASE_URL/);
    assert.ok(!existsSync(join(empty, "procura.db")), "and no empty database is left there");
    const exported = await runCli(["export", "--data", empty, "--out", tempDir()]);
    assert.equal(exported.code, 3);
    assert.match(exported.stderr, /holds no database/);
  }
});

test("a long pass reports its progress while it runs, and is shown as stopped if killed mid-way", async () => {
  const out = tempDir();
  const site = await siteWithNewsroom();  // the demo: about 150 pages
  servers.push(site.srv);
  let adm = new Client(site.srv, { lang: "en" });
  assert.equal((await adm.signIn("adm")).status, 303);
  const name = nameOf(out);
  // Every page takes 100 ms more (PROCURA_FAULT=slow-export): a pass of
  // some 15 s, which reports every 5 s while it runs.
  const slow = spawn(BIN, withDatabase(["export", "--data", site.dir, "--out", out, "--precompress", "none"]),
                     { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PROCURA_FAULT: "slow-export" } });
  const exited = new Promise((r) => slow.on("exit", (code, signal) => r({ code, signal })));
  let section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("under way") && s; },
                              { timeoutMs: 30000, what: "the pass's progress" });
  assert.match(section, /Updating/);
  const [, done, total] = section.match(/A full pass is under way: (\d+) of (\d+) pages written or checked \(\d+%\)\./);
  assert.ok(Number(done) > 0 && Number(done) < Number(total), `${done} of ${total}`);
  assert.match(section, new RegExp(`<progress class="export-pass" max="${total}" value="${done}" aria-labelledby="export-\\d+-state"></progress>`));
  assert.doesNotMatch(section, /Remove from this list/, "a pass under way cannot be removed");
  assert.equal((await adm.post("/admin/publishing/forget", { name })).status, 409);
  const status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 0, "a pass under way is not trouble");
  assert.match(status.stdout, new RegExp(`^${esc(name)}: updating, pass under way: \\d+ of ${total} pages \\(\\d+%\\)(, \\d+ changes not exported)?; change -1, 0 pages, runs once;`, "m"));
  const zh = new Client(site.srv, { lang: "zh-CN" });
  await zh.signIn("adm");
  assert.match(await exportSection(zh, name), /正在更新[\s\S]*全量导出正在进行：已写入或检查 \d+ 页，共 \d+ 页（\d+%）/);
  adm = new Client(site.srv, { lang: "en" });  // (the language is the account's: English again)
  assert.equal((await adm.signIn("adm")).status, 303);

  // Killed mid-pass: its report stops moving, and after three minutes
  // (the report is made four minutes older) the page says so.
  slow.kill("SIGKILL");
  assert.equal((await exited).signal, "SIGKILL", "killed before its pass ended");
  queryDb(site.dir, `UPDATE export_reports SET checked_at = checked_at - 240 WHERE name = '${name}'`);
  section = await exportSection(adm, name);
  assert.match(section, /Not responding/);
  assert.match(section, /Its pass stopped reporting 4 minutes ago at \d+ of \d+ pages: its process may have stopped\./);
  assert.match(section, /Remove from this list/);
  assert.equal((await runCli(["export-status", "--data", site.dir])).code, 12);

  // Run again to the end: up to date, and no pass under way.
  const again = await runCli(["export", "--data", site.dir, "--out", out, "--precompress", "none"], { timeoutMs: 60000 });
  assert.equal(again.code, 0, again.stderr);
  section = await exportSection(adm, name);
  assert.match(section, /Up to date/);
  assert.doesNotMatch(section, /under way|<progress/);
});

// Every file and directory under `dir` (but the export's own
// .procura-export* files), by relative path, with a file's bytes.
function treeOf(dir, prefix = "") {
  const out = new Map();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name.startsWith(".procura-export")) continue;
    if (e.isDirectory()) {
      out.set(`${rel}/`, "directory");
      for (const [k, v] of treeOf(dir, rel)) out.set(k, v);
    }
    else out.set(rel, readFileSync(join(dir, rel)).toString("base64"));
  }
  return out;
}
function assertSameFiles(a, b, what) {
  const ta = treeOf(a), tb = treeOf(b);
  const only = (x, y) => [...x.keys()].filter((k) => !y.has(k));
  assert.deepEqual(only(ta, tb), [], `${what}: files only in the export`);
  assert.deepEqual(only(tb, ta), [], `${what}: files only on the web server`);
  assert.deepEqual([...ta.keys()].filter((k) => ta.get(k) !== tb.get(k)), [], `${what}: files that differ`);
}

test("an export that pushes to the web server says what the server holds: pushed, push failing, mended", async () => {
  const out = tempDir(), webroot = tempDir(), work = tempDir();
  const flag = join(work, "dmz-down"), log = join(work, "pushes.log"), lists = join(work, "lists.log");
  const script = join(work, "push.sh");
  // The push: deploy/push/procura-push-rsync into a second directory (over
  // ssh to the DMZ host in real life), failing while the flag file exists.
  // It notes each push's change number and how many paths it was given.
  writeFileSync(script, `if [ -e '${flag}' ]; then echo 'ssh: connect to host dmz-web port 22: Connection refused' >&2; exit 255; fi
if [ -n "\${PROCURA_EXPORT_CHANGED:-}" ]; then wc -l < "$PROCURA_EXPORT_CHANGED" >> '${lists}'; else echo all >> '${lists}'; fi
echo "$PROCURA_EXPORT_CHANGE" >> '${log}'
exec sh '${join(ROOT, "deploy/push/procura-push-rsync")}' '${webroot}/'\n`);
  const site = await siteWithNewsroom({ args: ["--export-to", out,
                                               "--push-command", `sh '${script}'`, "--push-timeout", "60"] });
  servers.push(site.srv);
  const adm = new Client(site.srv, { lang: "en" });
  assert.equal((await adm.signIn("adm")).status, 303);
  const name = nameOf(out);
  const lastPushed = () => Number(readFileSync(log, "utf8").trim().split("\n").pop());
  const listed = () => readFileSync(lists, "utf8").trim().split("\n");

  let section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Up to date") && s; },
                              { timeoutMs: 30000, what: "the first export and its push" });
  assert.match(section, /Its files, pushed to the web server, hold every published change\./);
  const [, pushedSeq] = section.match(/Pushed to the web server<\/dt><dd class="export-pushed">[^<]*: up to No\. (\d+)</);
  // The first pass reflects the change log as it was (0 when it was still
  // empty); the column change since wrote no file, so it needed no push.
  assert.match(readFileSync(log, "utf8").trim().split("\n").pop(), /^\d+$/, "the push was told a change number");
  assert.ok(lastPushed() <= Number(pushedSeq),
            `the push was told the change number its files reflect (${lastPushed()}; later changes that wrote no file need no push: ${pushedSeq})`);
  assert.equal(listed()[0], "all", "a process's first push copies everything");
  assertSameFiles(out, webroot, "after the first push");
  const before = listed().length;

  const id = await publishViaApi(site.srv, site.ed, site.rv, "Pushkoala 报道", "正文。", 2);
  await waitFor(async () => (await staticCopy(adm, id)) === "this version is on the static site",
                { what: "the article pushed" });
  assert.ok(readFileSync(join(webroot, "index.html"), "utf8").includes("Pushkoala 报道"), "the new home page is on the web server");
  const sizes = listed().slice(before).map(Number);
  assert.ok(sizes.length >= 1 && sizes.every((n) => n > 0 && n < 300), `then only what changed: ${listed()}`);
  assert.ok(lastPushed() > Number(pushedSeq), `the article's push was told a later change number (${lastPushed()})`);
  assertSameFiles(out, webroot, "after a publish, pushed by list");

  // The DMZ host cannot be reached: the files are written beside the CMS,
  // but the public site does not have them, and the newsroom says so.
  writeFileSync(flag, "");
  const id2 = await publishViaApi(site.srv, site.ed, site.rv, "Pushkoala 第二篇", "正文。", 2);
  section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Push failing") && s; },
                          { what: "the failing push's report" });
  assert.match(section, /<p class="notice error export-error push-error">the push command failed with exit status 255: ssh: connect to host dmz-web port 22: Connection refused<\/p>/);
  assert.match(section, /the public site shows what the last good push carried/);
  assert.ok(readFileSync(join(out, "index.html"), "utf8").includes("Pushkoala 第二篇"), "written beside the CMS");
  assert.ok(!readFileSync(join(webroot, "index.html"), "utf8").includes("Pushkoala 第二篇"), "not on the web server");
  assert.match(await staticCopy(adm, id2), /^the static export is failing/);
  assert.equal(await staticCopy(adm, id), "this version is on the static site", "pushed before the failure");
  assert.match((await adm.get("/admin/")).body, /1 static exports are failing or not responding/);
  assert.match(site.srv.stderr, /error export: the push command failed with exit status 255/);
  let status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 12, "a monitoring check fails");
  assert.match(status.stdout, new RegExp(`^${esc(name)}: PUSH FAILING, \\d+ changes not on the web server; change \\d+, \\d+ pages, follows changes, pushed change \\d+ \\d+ s ago;`, "m"));
  assert.match(status.stdout, /\n {2}push failing since [^:]+:\d\d:\d\d UTC: the push command failed with exit status 255: ssh: connect/);
  const zh = new Client(site.srv, { lang: "zh-CN" });
  await zh.signIn("adm");
  const zhSection = await exportSection(zh, name);
  assert.match(zhSection, /推送失败[\s\S]*推送到网站服务器/);
  // The push's error in the reader's language too, what ssh said kept as it was.
  assert.match(zhSection, /<p class="notice error export-error push-error">推送命令失败，退出状态 255：ssh: connect to host dmz-web port 22: Connection refused<\/p>/);
  await new Client(site.srv, { lang: "en" }).signIn("adm");  // (the language is the account's)
  // While the push fails, the first article is withdrawn: its files go
  // from the export, and must go from the web server with the next push.
  const withdrawn = await apiReview(site.srv, id, "withdraw", site.rv, { reason: "test" });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
  await waitFor(() => !readFileSync(join(out, "index.html"), "utf8").includes("Pushkoala 报道"), { what: "the withdrawal exported" });

  // Mended: the push is retried and carries both waiting changes, by list.
  rmSync(flag);
  section = await waitFor(async () => { const s = await exportSection(adm, name); return s.includes("Up to date") && s; },
                          { what: "the mended push" });
  assert.doesNotMatch(section, /push-error/);
  assert.equal(await staticCopy(adm, id2), "this version is on the static site");
  assert.equal(await staticCopy(adm, id), "removed from the static site too");
  assert.ok(readFileSync(join(webroot, "index.html"), "utf8").includes("Pushkoala 第二篇"));
  assert.ok(listed().slice(1).every((n) => n !== "all"), `every later push by list: ${listed()}`);
  assertSameFiles(out, webroot, "after the failed pushes were made good, the withdrawal's deletions included");
  assert.match(site.srv.stderr, /info export: the push works again/);
});

test("a one-off export with a failing push exits 13; push options are checked", async () => {
  const site = await siteWithNewsroom();
  servers.push(site.srv);
  const out = tempDir();
  const failed = await runCli(["export", "--data", site.dir, "--out", out, "--precompress", "none",
                               "--push-command", "echo 'rsync: connection unexpectedly closed' >&2; exit 12"], { timeoutMs: 60000 });
  assert.equal(failed.code, 13, failed.stderr);
  assert.match(failed.stderr, /the files are written, but the push failed: the push command failed with exit status 12: rsync: connection unexpectedly closed/);
  assert.ok(existsSync(join(out, "index.html")));
  let status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 12);
  assert.match(status.stdout, /PUSH FAILING, \d+ changes not on the web server; .*runs once, not pushed yet;/);
  const ok = await runCli(["export", "--data", site.dir, "--out", out, "--precompress", "none", "--push-command", "true"], { timeoutMs: 60000 });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^pushed change \d+ with the push command$/m);
  status = await runCli(["export-status", "--data", site.dir]);
  assert.equal(status.code, 0, status.stdout);
  assert.match(status.stdout, /: up to date; .*runs once, pushed change \d+ \d+ s ago;/);
  const hung = await runCli(["export", "--data", site.dir, "--out", out, "--push-command", "sleep 30", "--push-timeout", "1"], { timeoutMs: 30000 });
  assert.equal(hung.code, 13);
  assert.match(hung.stderr, /the push command did not finish within 1 s and was stopped/);

  for (const [args, said] of [[["--push-timeout", "0", "--push-command", "true"], /--push-timeout/],
                              [["--push-timeout", "5"], /--push-timeout requires --push-command/],
                              [["--push-command", ""], /--push-command: name the command/]]) {
    const bad = await runCli(["export", "--data", site.dir, "--out", out, ...args]);
    assert.equal(bad.code, 2, `${args.join(" ")}: ${bad.stderr}`);
    assert.match(bad.stderr, said);
  }
  // A follower stopped while its push runs stops the push with it, and
  // does not call the push failed: the web server keeps what the last good
  // push with the same command (by an earlier process) carried.
  const pidFile = join(tempDir(), "push.pid"), hang = join(tempDir(), "hang");
  const hanging = `if [ -e '${hang}' ]; then echo $$ > '${pidFile}'; sleep 60; fi`;
  const good = await runCli(["export", "--data", site.dir, "--out", out, "--precompress", "none", "--push-command", hanging], { timeoutMs: 60000 });
  assert.equal(good.code, 0, good.stderr);
  writeFileSync(hang, "");
  const stopMidPush = async (command) => {
    rmSync(pidFile, { force: true });
    const follower = spawn(BIN, withDatabase(["export", "--data", site.dir, "--out", out, "--precompress", "none", "--follow",
                                              "--push-command", command]),
                           { stdio: ["ignore", "pipe", "pipe"] });
    const stopped = new Promise((r) => follower.on("exit", (code, signal) => r({ code, signal })));
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", { timeoutMs: 30000, what: "the push under way" });
    const pushPid = Number(readFileSync(pidFile, "utf8"));
    follower.kill("SIGTERM");
    const end = await Promise.race([stopped, new Promise((r) => setTimeout(() => r("still running"), 20000))]);
    assert.deepEqual(end, { code: 0, signal: null }, "stopped within seconds, not after the push's 60 s");
    assert.throws(() => process.kill(pushPid, 0), /ESRCH/, "the push's shell is gone");
    return runCli(["export-status", "--data", site.dir]);
  };
  status = await stopMidPush(hanging);
  assert.equal(status.code, 0, status.stdout);
  assert.match(status.stdout, /: up to date; .*runs once, pushed change \d+ \d+ s ago;/);
  // Another command is another web server: what the earlier pushes
  // carried is not claimed for it.
  status = await stopMidPush(`echo $$ > '${pidFile}'; sleep 60`);
  assert.match(status.stdout, /: changes waiting, \d+ changes not on the web server; .*runs once, not pushed yet;/);

  // A one-off export stopped while its push runs takes the push's whole
  // process group with it (the group would otherwise outlive it).
  const onePid = join(tempDir(), "push.pid");
  const oneOff = spawn(BIN, withDatabase(["export", "--data", site.dir, "--out", out, "--precompress", "none",
                                          "--push-command", `echo $$ > '${onePid}'; sleep 60 & sleep 60`]),
                       { stdio: ["ignore", "pipe", "pipe"] });
  const oneEnd = new Promise((r) => oneOff.on("exit", (code, signal) => r({ code, signal })));
  await waitFor(() => existsSync(onePid) && readFileSync(onePid, "utf8").trim() !== "", { timeoutMs: 30000, what: "the one-off push under way" });
  const oneGroup = Number(readFileSync(onePid, "utf8"));
  oneOff.kill("SIGTERM");
  assert.deepEqual(await Promise.race([oneEnd, new Promise((r) => setTimeout(() => r("still running"), 20000))]),
                   { code: null, signal: "SIGTERM" }, "ended by the signal, as before");
  await waitFor(() => { try { process.kill(-oneGroup, 0); return false; } catch (e) { return e.code === "ESRCH"; } },
                { timeoutMs: 5000, what: "the push's process group gone, its background sleep too" });

  const serveBad = await runCli(["serve", "--data", tempDir(), "--push-command", "true"]);
  assert.equal(serveBad.code, 2, serveBad.stderr);
  assert.match(serveBad.stderr, /--push-command requires --export-to/);
});
