// Every role's newsroom, walked as its user would, in real Chromium at
// 1280 px and at 360 px: from the dashboard, every link the pages offer
// (breadth first, up to a bound per role) must open — never "Not allowed"
// (403), never missing — and no page nor table may scroll sideways on a
// phone (a grid of months aside). The dashboard of each role at each
// width is kept as a screenshot.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startServer, tempDir, ARTIFACTS } from "../lib/server.mjs";
import { addUser, Client, PASSWORD } from "../lib/newsroom.mjs";
import { launch, axeViolations } from "../lib/browser.mjs";

const PAGES_PER_WALK = 30;  // enough to reach each menu's pages and one of each detail page
let srv;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo: columns, articles, records
  await srv.stop();
  addUser(dir, "adm", ["admin"]);
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "ro", ["records-officer"]);
  addUser(dir, "bs", ["branch-secretary"], undefined, ["--member", "1"]);
  addUser(dir, "mb", ["member"], undefined, ["--member", "2"]);  // a plain member
  srv = await startServer({ dataDir: dir, demo: false });
  const admin = new Client(srv);
  await admin.signIn("adm");
  const cols = (await admin.get("/admin/columns/1")).body;
  const value = (f) => cols.match(new RegExp(`id="c1-${f}" name="[a-z_]+" value="([^"]*)"`))[1];
  const rv = cols.match(/id="c1-r(\d+)"[^>]*> <label for="c1-r\d+">rv</)[1];
  await admin.post("/admin/columns/1", { name: value("name"), slug: value("slug"),
    description: value("desc"), position: value("pos"), reviewer: rv });
});
after(async () => { await srv?.stop(); });

// Links worth following: pages of the newsroom, not downloads or the
// check-in pages that need a code from the projector.
function followable(href) {
  if (!href.startsWith("/admin/")) return false;
  return !/\.(csv|xlsx|ics)(\?|$)/.test(href) && !href.startsWith("/admin/checkin/");
}

async function walk(role, width) {
  const ctx = await launch({ viewport: { width, height: width === 360 ? 740 : 900 } });
  // Closed however the walk ends: a browser left open keeps the file from
  // finishing, and a failed step would then read as a 10-minute timeout.
  try {
    return await walkIn(ctx, role, width);
  } finally {
    await ctx.close();
  }
}

async function walkIn(ctx, role, width) {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/admin/login");
  await page.fill("#name", role);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  assert.match(page.url(), /\/admin\/$/, `${role} lands on the dashboard`);
  await page.screenshot({ path: `${ARTIFACTS}/journey-${role}-${width}.png`, fullPage: true });
  const problems = [];
  const seen = new Set(["/admin/"]);
  const queue = ["/admin/"];
  let visited = 0;
  while (queue.length && visited < PAGES_PER_WALK) {
    const path = queue.shift();
    const res = await page.goto(srv.url + path);
    visited++;
    const status = res.status();
    if (status === 403 || status === 404 || status >= 500) problems.push(`${path}: ${status}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 0) problems.push(`${path}: ${wide} px wider than the screen`);
    // On a phone a list is read without scrolling inside it either: a table
    // becomes cards or fits. Only a grid of months (.life-grid) scrolls.
    if (width === 360) {
      const tables = await page.$$eval("table:not(.life-grid)", (ts) => ts
        .filter((t) => t.offsetParent !== null && t.scrollWidth > t.clientWidth + 1)
        .map((t) => `[${[...t.querySelectorAll("thead th")].map((h) => h.textContent.trim()).join("|")}] ${t.scrollWidth - t.clientWidth} px`));
      for (const t of tables) problems.push(`${path}: table ${t} wider than its box`);
    }
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
    for (const href of links) {
      const clean = href.split("#")[0];
      if (followable(clean) && !seen.has(clean)) {
        seen.add(clean);
        queue.push(clean);
      }
    }
    if (visited <= 3) {  // the first pages of each walk also pass axe-core
      const v = await axeViolations(page);
      if (v.length) problems.push(`${path}: axe ${JSON.stringify(v)}`);
    }
  }
  return { problems, visited };
}

for (const role of ["adm", "ed", "rv", "ro", "bs", "mb"]) {
  for (const width of [1280, 360]) {
    test(`${role} at ${width} px: every link opens, nothing scrolls sideways`, async () => {
      const { problems, visited } = await walk(role, width);
      assert.ok(visited >= 4, `${role} reaches at least four pages (${visited})`);
      assert.deepEqual(problems, []);
    });
  }
}
