import { launch, axeViolations } from "./lib/browser.mjs";
import { startServer, tempDir } from "./lib/server.mjs";
import { addUser, PASSWORD } from "./lib/newsroom.mjs";
const dir = tempDir();
let srv = await startServer({ dataDir: dir });
await srv.stop();
addUser(dir, "ed", ["editor"]);
srv = await startServer({ dataDir: dir, demo: false });
for (const w of [1280, 360]) {
  const ctx = await launch({ viewport: { width: w, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(srv.url + "/admin/login"); await p.fill("#name", "ed"); await p.fill("#password", PASSWORD);
  await Promise.all([p.waitForNavigation(), p.click("button[type=submit]")]);
  await p.goto(srv.url + "/admin/articles/38/");
  await p.screenshot({ path: `/tmp/shots/editor-${w}.png`, fullPage: true });
  console.log(w, JSON.stringify(await axeViolations(p)), await p.evaluate(() => document.documentElement.scrollWidth));
  await ctx.close();
}
await srv.stop(); process.exit(0);
