// The seed's article in real Chromium: the font-size switcher, axe-core,
// the phone layout, and screenshots for people to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, chmodSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startServer, waitForSearch, ARTIFACTS, BIN, tempDir, withDatabase } from "../lib/server.mjs";
import { startNginx } from "../lib/nginx.mjs";
import { launch, axeViolations } from "../lib/browser.mjs";

let srv, ctx;
const cspErrors = [];
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  srv = await startServer({ args: ["--threads", "2"] });
  await waitForSearch(srv);
  ctx = await launch({ viewport: { width: 1280, height: 900 } });
  ctx.on("console", (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text()); });
});
after(async () => {
  await ctx?.close();
  await srv?.cleanup();
});

const bodyFontPx = (page) => page.$eval(".article-body", (el) => parseFloat(getComputedStyle(el).fontSize));

test("font size: large / medium / small change the body without a reload and are remembered", async () => {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/articles/1/");
  const medium = await bodyFontPx(page);
  await page.evaluate(() => { window.__sameDocument = true; });

  await page.click(".font-size-switcher a[data-fs=large]");
  const large = await bodyFontPx(page);
  assert.ok(large > medium, `large (${large}px) > medium (${medium}px)`);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload");
  assert.equal(await page.getAttribute("a[data-fs=large]", "aria-current"), "true");

  await page.reload();
  assert.equal(await bodyFontPx(page), large, "kept after a reload");
  await page.goto(srv.url + "/articles/2/");
  assert.equal(await bodyFontPx(page), large, "kept on another article");

  await page.click(".font-size-switcher a[data-fs=small]");
  const small = await bodyFontPx(page);
  assert.ok(small < medium, `small (${small}px) < medium (${medium}px)`);
  await page.reload();
  assert.equal(await bodyFontPx(page), small, "small kept after a reload");

  await page.click(".font-size-switcher a[data-fs=medium]");
  assert.equal(await bodyFontPx(page), medium);
  await page.close();
});

test("the article's print button opens the browser's print dialog with the print layout", async () => {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/articles/1/");
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  assert.equal(await page.isVisible(".print-page"), true);
  await page.click(".print-page");
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible(".print-page"), false, "not on paper");
  assert.equal(await page.isVisible(".print-header"), true, "the printed header is");
  await page.close();
});

test("read on a phone: the article's address as a QR code that decodes to it, opened and closed by the button, not on a phone or on paper", async () => {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/articles/38/");
  const button = page.locator(".share-qr");
  assert.equal(await button.textContent(), "手机扫码阅读");
  assert.equal(await page.isVisible("#share-qr-box"), false, "closed until asked");
  await button.click();
  await page.waitForSelector("#share-qr-box img");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  const url = `${srv.url}/articles/38/`;
  assert.equal(await page.textContent(".share-qr-url"), url);
  assert.match(await page.getAttribute("#share-qr-box img", "alt"), new RegExp(`^本文网址的二维码： ${url}$`));
  const png = join(ARTIFACTS, "article-share-qr.png");
  await page.locator("#share-qr-box img").screenshot({ path: png });
  const scan = spawnSync("zbarimg", ["--quiet", "--raw", png], { encoding: "utf8" });
  assert.equal(scan.stdout.trim(), url, "the code carries the page's address");
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS, "article-share-qr-1280.png") });
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#share-qr-box"), false, "not on paper");
  await page.emulateMedia({ media: "screen" });
  await button.click();
  assert.equal(await page.isVisible("#share-qr-box"), false, "the button closes it");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  await page.setViewportSize({ width: 360, height: 740 });
  assert.equal(await button.isVisible(), false, "a phone is already where the code leads");
  await page.close();
});

test("font size without JavaScript: the links carry ?fs=", async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(srv.url + "/articles/1/");
    assert.equal(await page.isVisible(".print-page"), false, "no print button that could not work");
    assert.equal(await page.isVisible(".share-qr"), false, "no code button either");
    const medium = await bodyFontPx(page);
    await page.click(".font-size-switcher a[data-fs=large]");
    assert.match(page.url(), /\?fs=large$/);
    assert.ok((await bodyFontPx(page)) > medium);
    await page.click(".font-size-switcher a[data-fs=small]");
    assert.ok((await bodyFontPx(page)) < medium);
  } finally {
    await noJs.close();
  }
});

// Every public page type, in Chinese (at /) and English (under /en/), in
// the standard and the elderly-friendly mode.
const PAGE_TYPES = ["/", "/columns/highlights/", "/columns/highlights/page/1/", "/columns/notices/",
  "/articles/38/", "/articles/38/?fs=large", "/articles/40/", "/no-such-page",
  "/search?q=%E5%9F%B9%E8%AE%AD", "/search?q=nothingatallxyz", "/search",
  "/en/", "/en/columns/highlights/", "/en/columns/highlights/page/1/", "/en/columns/notices/",
  "/en/articles/1/", "/en/articles/1/?fs=large", "/en/articles/30/", "/en/no-such-page",
  "/en/search?q=training", "/en/search?q=nothingatallxyz"];

test("axe-core finds no violations on any page type, in both languages and both modes", async () => {
  const page = await ctx.newPage();
  for (const care of [false, true]) {
    for (const base of PAGE_TYPES) {
      const path = care ? base + (base.includes("?") ? "&" : "?") + "care=1" : base;
      await page.goto(srv.url + path);
      if (care) assert.match(await page.getAttribute("html", "class"), /\bcare\b/, path);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], `${path}: ${JSON.stringify(v, null, 1)}`);
    }
  }
  await page.goto(srv.url + "/?care=0");
  await page.close();
});

test("phone (360 px): no horizontal scrolling, axe clean; screenshots saved", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(srv.url + "/articles/1/");
  await page.screenshot({ path: join(ARTIFACTS, "article-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/columns/highlights/", "/articles/1/"]) {
    await page.goto(srv.url + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 360 px`);
  }
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(ARTIFACTS, "article-phone.png"), fullPage: true });
  await page.goto(srv.url + "/");
  await page.screenshot({ path: join(ARTIFACTS, "home-phone.png"), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, "home-desktop.png"), fullPage: false });
  await page.close();
});

test("keyboard: the skip link is first and moves focus to the content", async () => {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/articles/1/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.close();
});

test("search from the article page: highlighted results, then filter by column", async () => {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/articles/1/");
  await page.fill("#header-q", "training");
  await page.press("#header-q", "Enter");
  await page.waitForURL(/\/search\?q=training/);
  const marks = await page.$$eval(".snippet mark", (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(marks.length > 0 && marks.every((m) => m.startsWith("train")), JSON.stringify(marks));
  const all = Number((await page.textContent(".list-count")).match(/\d+/)[0]);
  await page.selectOption("#scol", "party-building");
  await page.click(".search-form button");
  await page.waitForURL(/column=party-building/);
  const filtered = Number((await page.textContent(".list-count")).match(/\d+/)[0]);
  assert.ok(filtered < all, `${filtered} < ${all}`);
  await page.screenshot({ path: join(ARTIFACTS, "search.png"), fullPage: true });
  await page.close();
});

test("the strict CSP reported no violations", () => {
  assert.deepEqual(cspErrors, []);
});

// Issue 13: the elderly-friendly mode, in Chinese, on a phone.
test("elderly-friendly mode at 360 px in Chinese: remembered, no overflow, 44 px targets, axe-clean", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(srv.url + "/articles/38/");
  const normalPx = await bodyFontPx(page);
  await page.click("a.care-switch");  // site.js switches in place (without it, a link to ?care=1)
  assert.match(await page.getAttribute("html", "class"), /\bcare\b/);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.ok(await bodyFontPx(page) > normalPx, "larger type");
  assert.equal(await page.textContent("a.care-switch"), "标准版");
  // The picture's caption, the date line and the breadcrumb are black, not
  // the usual grey.
  const colours = await page.evaluate(() => [".article-figure figcaption", ".article-meta", ".breadcrumb ol"].map(
    (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el).color : "missing " + sel; }));
  assert.deepEqual(colours, ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(0, 0, 0)"]);
  await page.screenshot({ path: join(ARTIFACTS, "care-article-zh-360.png"), fullPage: true });
  // Remembered on the next page, through the cookie.
  await page.goto(srv.url + "/columns/highlights/");
  assert.match(await page.getAttribute("html", "class"), /\bcare\b/);
  await page.screenshot({ path: join(ARTIFACTS, "care-column-zh-360.png"), fullPage: true });
  // In lists a title takes the whole line, its tags and date below: beside
  // the date the large type left it three or four characters a line (and
  // the standard type, on a phone, ten).
  for (const path of ["/columns/highlights/", "/", "/?care=0", "/en/columns/highlights/"]) {
    await page.goto(srv.url + path);
    const squeezed = await page.$$eval(".article-list li > a", (links) => links
      .filter((a) => a.getBoundingClientRect().width < a.parentElement.clientWidth - 1)
      .map((a) => a.textContent.slice(0, 12)));
    assert.deepEqual(squeezed, [], `${path}: list titles narrower than their line`);
  }
  await page.goto(srv.url + "/?care=1");
  for (const path of ["/columns/highlights/", "/articles/38/", "/", "/search?q=%E5%9F%B9%E8%AE%AD", "/nope"]) {
    await page.goto(srv.url + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path}: ${overflow}px wider than the screen`);
    const small = await page.$$eval("header a, header button, nav a, .article-meta a, .article-meta button, .pager a, .more a, main input, main button", (els) =>
      els.filter((e) => e.offsetParent !== null)
        .map((e) => ({ text: e.textContent.trim().slice(0, 20), h: e.getBoundingClientRect().height }))
        .filter((r) => r.h < 44));
    assert.deepEqual(small, [], `${path}: tap targets under 44 px`);
    assert.deepEqual(await axeViolations(page), [], `${path}: axe-core`);
  }
  // Switched off again, and the choice is kept. The switch writes its
  // cookie at once with JS, or through the ?care=0 link without it: wait
  // for the cookie before leaving, so the next request cannot overtake it.
  await page.click("a.care-switch");
  const careCookie = async () => (await page.context().cookies()).find((c) => c.name === "__Host-procura_care")?.value;
  for (let i = 0; i < 50 && (await careCookie()) !== "0"; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await careCookie(), "0", "the switch stored the choice");
  await page.goto(srv.url + "/");
  assert.doesNotMatch((await page.getAttribute("html", "class")) ?? "", /\bcare\b/);
  await page.close();
});

// On a static export nothing reads ?care= or ?fs=: site.js switches the
// elderly-friendly view and the font size, and the next page keeps both.
test("the static export: the elderly-friendly view and the font size switch and are remembered without the server", async () => {
  const parent = tempDir();
  chmodSync(parent, 0o755);
  const out = join(parent, "site");
  const r = spawnSync(BIN, withDatabase(["export", "--data", srv.dataDir, "--out", out]), { encoding: "utf8", timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const nginx = await startNginx(out);
  const phone = await launch({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    await page.goto(nginx.url + "/articles/38/");
    assert.doesNotMatch((await page.getAttribute("html", "class")) ?? "", /\bcare\b/);
    const normalPx = await bodyFontPx(page);
    await page.click("a.care-switch");
    assert.match(await page.getAttribute("html", "class"), /\bcare\b/);
    assert.equal(await page.textContent("a.care-switch"), "标准版");
    assert.ok(await bodyFontPx(page) > normalPx, "larger type");
    await page.screenshot({ path: join(ARTIFACTS, "static-care-article-zh-360.png"), fullPage: true });
    await page.goto(nginx.url + "/columns/highlights/");
    assert.match(await page.getAttribute("html", "class"), /\bcare\b/, "kept on the next page");
    assert.equal(await page.textContent("a.care-switch"), "标准版");
    await page.click("a.care-switch");
    assert.doesNotMatch((await page.getAttribute("html", "class")) ?? "", /\bcare\b/);
    assert.equal(await page.textContent("a.care-switch"), "长者模式");
    // The no-JS link, followed (a static server ignores the query): the
    // script honours it and keeps it.
    await page.goto(nginx.url + "/?care=1");
    assert.match(await page.getAttribute("html", "class"), /\bcare\b/);
    await page.goto(nginx.url + "/");
    assert.match(await page.getAttribute("html", "class"), /\bcare\b/);
    await page.goto(nginx.url + "/?care=0");
    // The font size, the same way.
    await page.goto(nginx.url + "/articles/38/");
    await page.click(".font-size-switcher a[data-fs=large]");
    const large = await bodyFontPx(page);
    assert.ok(large > normalPx);
    await page.goto(nginx.url + "/columns/highlights/");
    assert.match(await page.getAttribute("html", "class"), /\bfs-large\b/);
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await phone.close();
    await nginx.stop();
  }
});
