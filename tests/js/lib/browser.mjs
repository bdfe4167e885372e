// Debian's Chromium under playwright-core, started the way this project's
// rules require: headless, no sandbox (root), no background networking,
// and a fresh user-data-dir. Never downloads a browser.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { join } from "node:path";
import { tempDir, ARTIFACTS } from "./server.mjs";
import { PASSWORD } from "./newsroom.mjs";

export const CHROMIUM = process.env.PROCURA_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

// A browser context with its own fresh profile directory.
export async function launch(options = {}) {
  return chromium.launchPersistentContext(tempDir("procura-chromium-"), {
    executablePath: CHROMIUM, headless: true, args: FLAGS, ...options,
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// Runs axe-core on the page (WCAG 2.0/2.1 A and AA plus best practices).
// Injected through the DevTools protocol, so the page's CSP stays strict.
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  }));
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

// A page check for one test file: axe-core's findings are added to
// `findings` (the file asserts them empty at the end), the page must not
// scroll sideways (asserted here), and a full-page screenshot is kept as
// ARTIFACTS/`${prefix}-${label}.png` to look at.
export function pageChecker(prefix, findings) {
  return async (page, label) => {
    const v = await axeViolations(page);
    if (v.length) findings.push({ label, v });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 0, `${label} scrolls sideways by ${wide}px`);
    await page.screenshot({ path: join(ARTIFACTS, `${prefix}-${label}.png`), fullPage: true });
  };
}

// Fills in the sign-in form the page shows and waits for the page after it.
export async function signIn(page, name, password = PASSWORD) {
  await page.fill("#name", name);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
}
