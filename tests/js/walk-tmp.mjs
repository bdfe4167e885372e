import { launch } from "./lib/browser.mjs";
const base = "http://127.0.0.1:8099";
const urls = process.argv.slice(2);
const browser = await launch({});
for (const w of [360, 1280]) {
  const page = await browser.newPage();
  await page.setViewportSize({ width: w, height: 800 });
  for (const u of urls) {
    await page.goto(base + u);
    const name = u.replace(/[^a-z0-9]+/gi, "_") || "root";
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 0) console.log("SIDEWAYS", u, w, wide);
    await page.screenshot({ path: `/tmp/walk/${name}-${w}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
