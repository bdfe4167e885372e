// The newsroom in real Chromium: an editor writes an article with a photo
// and caption and submits it; a reviewer returns it with a reason, then
// approves it after a fix; it shows on the portal in the right column with
// the right date. axe-core checks every admin page used.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { startServer, tempDir, ARTIFACTS, ROOT, queryDb } from "../lib/server.mjs";
import { addUser, Client, PASSWORD } from "../lib/newsroom.mjs";
import { launch, axeViolations } from "../lib/browser.mjs";

let srv, dir, editorCtx, reviewerCtx;
const axeFindings = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = tempDir();
  addUser(dir, "writer", ["editor"]);
  addUser(dir, "checker", ["reviewer"]);  // user 2, the column's reviewer below
  addUser(dir, "chief", ["admin"]);
  addUser(dir, "writer2", ["editor"]);
  srv = await startServer({ dataDir: dir });
  const admin = new Client(srv);
  await admin.signIn("chief");
  await admin.post("/admin/columns/2", { name: "Party Building", slug: "party-building", position: "1", reviewer: "2" });
  editorCtx = await launch({ viewport: { width: 1280, height: 1000 } });
  reviewerCtx = await launch({ viewport: { width: 1280, height: 1000 } });
});
after(async () => {
  await editorCtx?.close();
  await reviewerCtx?.close();
  await srv?.stop();
});

async function check(page, label) {
  const v = await axeViolations(page);
  if (v.length) axeFindings.push({ label, v });
}

async function signIn(ctx, name) {
  const page = await ctx.newPage();
  await page.goto(srv.url + "/admin/");
  assert.match(page.url(), /\/admin\/login\?next=/);
  await check(page, "login");
  await page.fill("#name", name);
  await page.fill("#password", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/admin\/$/);
  await check(page, "dashboard");
  return page;
}

test("editor writes, reviewer returns, editor fixes, reviewer approves, portal shows it", async () => {
  const ed = await signIn(editorCtx, "writer");
  // Upload the photo to the media library first.
  await ed.click("nav >> text=媒体库");
  await check(ed, "media library");
  await ed.setInputFiles("#m-file", join(ROOT, "tests/fixtures/photo-with-exif.jpg"));
  await ed.fill("#m-alt", "Lecture hall test image");
  await Promise.all([ed.waitForNavigation(), ed.click("button:has-text('上传')")]);
  assert.match(await ed.textContent("main"), /photo-with-exif\.jpg/);
  await ed.click("text=新建文章");
  await check(ed, "new article");
  await ed.fill("#e-title", "Organ Party Committee trains branch secretaries");
  await ed.selectOption("#e-column", { label: "Party Building" });
  await ed.fill("#e-author", "Political Department");
  // The lead-image chooser shows each image's thumbnail and file name.
  await ed.check(".image-grid label:has-text('photo-with-exif.jpg')");
  assert.equal(await ed.textContent(".image-grid input:checked + label .hint"), "Lecture hall test image");
  assert.ok(await ed.$eval(".image-grid input:checked + label img", (img) => img.complete && img.naturalWidth > 0),
    "the thumbnail loads");
  await ed.fill("#e-caption", "Zhou Yong gives lectures");
  await ed.fill("#e-alt", "Placeholder illustration of a lecture");
  await ed.fill("#e-body", "The class trained **29** branch secretaries.");
  // Live preview, rendered by the server as the portal will: the title,
  // the date line, the lead image and its caption, the body.
  await ed.waitForFunction(() => document.querySelector("#preview-body").innerHTML.includes("<strong>29</strong>"));
  assert.equal(await ed.textContent("#preview-title"), "Organ Party Committee trains branch secretaries");
  assert.equal(await ed.textContent("#preview-caption"), "Zhou Yong gives lectures");
  assert.equal(await ed.isVisible("#preview-img"), true, "the chosen lead image shows in the preview");
  assert.match(await ed.textContent(".portal-preview .article-meta"), /时间：\s*\d{4}年\d\d月\d\d日[\s\S]*作者：\s*Political Department/);
  await ed.click("button[name=then][value=submit]");
  await ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/);
  assert.equal(await ed.textContent(".notice.done"), "已保存。", "the save is confirmed");
  const articleUrl = ed.url().split("?")[0];
  assert.match(await ed.textContent("strong.status"), /已提交/);
  await check(ed, "editor (submitted)");

  const rv = await signIn(reviewerCtx, "checker");
  await rv.click(`a[href="${new URL(articleUrl).pathname}"]`);
  await rv.fill("#r-reason", "Say where the class was held");
  await rv.click("text=退回撰稿人");
  await rv.waitForURL(`${articleUrl}?done=done`);
  assert.match(await rv.textContent("strong.status"), /草稿/);

  await ed.goto(articleUrl);
  assert.match(await ed.textContent(".notice"), /Say where the class was held/);
  await ed.fill("#e-body", "The class, held in the organ's lecture hall, trained **29** branch secretaries.");
  await ed.click("button[name=then][value=submit]");
  await ed.waitForURL(`${articleUrl}?done=saved`);
  await ed.screenshot({ path: join(ARTIFACTS, "newsroom-editor.png"), fullPage: true });

  await rv.goto(articleUrl);
  await check(rv, "editor (reviewer view)");
  await rv.click("text=审核通过并发布");
  await rv.waitForURL(`${articleUrl}?done=done`);
  assert.match(await rv.textContent("strong.status"), /已发布/);
  await rv.goto(new URL(articleUrl).origin + "/admin/articles/" + articleUrl.match(/(\d+)\/$/)[1] + "/revisions");
  await check(rv, "revisions");

  // The portal: right column, today's date (UTC+8), the figure and caption.
  const id = articleUrl.match(/(\d+)\/$/)[1];
  const portal = await editorCtx.newPage();
  await portal.goto(srv.url + "/columns/party-building/");
  await portal.click("text=Organ Party Committee trains branch secretaries");
  assert.equal(new URL(portal.url()).pathname, `/articles/${id}/`);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.match(await portal.getAttribute("time", "datetime"), new RegExp(`^${today}T`));
  assert.equal(await portal.textContent("figcaption"), "Zhou Yong gives lectures");
  assert.match(await portal.getAttribute("figure img", "srcset"), /-w480\.jpg 480w, .*-w960\.jpg 960w/);
  assert.match(await portal.textContent(".article-body"), /lecture hall/);
  assert.match(await portal.textContent(".breadcrumb"), /Party Building/);
  await portal.screenshot({ path: join(ARTIFACTS, "newsroom-published.png"), fullPage: true });
});

test("the word lists' findings appear as the text is typed, marked in the preview", async () => {
  const ed = await editorCtx.newPage();  // signed in by the test before
  await ed.goto(srv.url + "/admin/articles/new");
  assert.equal(await ed.isHidden("#live-findings"), true, "nothing found yet");
  await ed.fill("#e-title", "工作动态");
  await ed.fill("#e-body", "本文件属 機 . 密 材料，全院干警再接再励。");
  await ed.waitForSelector("#live-findings:not([hidden]) li");
  const items = await ed.$$eval("#live-findings li", (lis) => lis.map((li) => [li.textContent, li.className]));
  assert.equal(items.length, 2, JSON.stringify(items));
  assert.match(items[0][0], /正文含有“機 \. 密”（涉密标识），不得发布。/);
  assert.equal(items[0][1], "block");
  assert.match(items[1][0], /再接再励.*再接再厉/);
  await ed.waitForSelector("#preview-body mark.finding");
  assert.deepEqual(await ed.$$eval("#preview-body mark.finding", (m) => m.map((x) => x.textContent)), ["機 . 密", "再接再励"]);
  await check(ed, "editor with live findings");
  // Cleared text, cleared findings.
  await ed.fill("#e-body", "本周召开会议。");
  await ed.waitForSelector("#live-findings", { state: "hidden" });
  await ed.close();
});

test("an image older than the picker's newest 30 is found by name, chosen and saved", async () => {
  const rows = [];
  for (let i = 1; i <= 35; i++) rows.push(`('later-${i}.jpg', 'image/jpeg', 10, '', 1, 'image', 'later-${i}.jpg')`);
  queryDb(dir, `INSERT INTO media (stored_name, mime, byte_size, alt_text, created_at, kind, original_name) VALUES ${rows.join(", ")}`);
  const ed = await editorCtx.newPage();
  await ed.goto(srv.url + "/admin/articles/new");
  assert.equal(await ed.locator(".image-grid label:has-text('photo-with-exif.jpg')").count(), 0, "not among the newest 30");
  assert.match(await ed.textContent("#e-media-older"), /最新的 30 张/);
  await ed.fill("#e-media-q", "PHOTO-with");
  await ed.press("#e-media-q", "Enter");  // searches; does not submit the article form
  await ed.waitForFunction(() => document.querySelector("#e-media-found").textContent !== "");
  assert.match(await ed.textContent("#e-media-found"), /找到 1 张/);
  assert.match(ed.url(), /\/admin\/articles\/new$/);
  await ed.check(".image-grid label:has-text('photo-with-exif.jpg')");
  assert.ok(await ed.$eval(".image-grid input:checked + label img", (img) => img.complete && img.naturalWidth > 0));
  assert.equal(await ed.isVisible("#preview-img"), true, "the preview takes the found image");
  await check(ed, "editor (image search)");
  await ed.fill("#e-media-q", "nothing-like-this");
  await ed.click("#e-media-find");
  await ed.waitForFunction(() => /没有/.test(document.querySelector("#e-media-found").textContent));
  await ed.fill("#e-title", "An older photo chosen");
  await ed.selectOption("#e-column", { label: "Party Building" });
  await ed.fill("#e-alt", "Lecture hall test image");
  await ed.fill("#e-body", "Text.");
  await ed.click("p.buttons button:not([name])");
  await ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/);
  assert.equal(await ed.textContent(".image-grid input:checked + label .image-name"), "photo-with-exif.jpg");
  await ed.close();
});

// A second picture goes into the body at the cursor, on a paragraph of its
// own, with its caption; the preview shows both, and the saved article
// keeps them.
test("a picture is put into the body at the cursor and shows in the preview", async () => {
  const ed = await editorCtx.newPage();
  await ed.goto(srv.url + "/admin/articles/new");
  assert.equal(await ed.isVisible("#e-body-img"), true, "script shows the picture box");
  await ed.fill("#e-body", "第一段。\n第二段。");
  await ed.$eval("#e-body", (t) => t.setSelectionRange(4, 4));  // after 第一段。
  await ed.click("#e-body-img-insert");
  assert.equal(await ed.evaluate(() => document.activeElement.id), "e-body-img", "nothing chosen: the choice is asked for");
  assert.equal(await ed.inputValue("#e-body"), "第一段。\n第二段。", "and nothing inserted");
  // An image found with the lead image's search is offered here too.
  await ed.fill("#e-media-q", "PHOTO-with");
  await ed.click("#e-media-find");
  await ed.waitForFunction(() => [...document.querySelectorAll("#e-body-img option")].some((o) => o.textContent === "photo-with-exif.jpg"));
  await ed.selectOption("#e-body-img", { label: "photo-with-exif.jpg" });
  await ed.fill("#e-body-img-caption", '政治部主任 "授课"  现场');
  await ed.$eval("#e-body", (t) => t.setSelectionRange(4, 4));
  await ed.click("#e-body-img-insert");
  const body = await ed.inputValue("#e-body");
  assert.match(body, /^第一段。\n\n!\[[^\]]*\]\(\/media\/[0-9a-f]{24}\.jpg "政治部主任 \\"授课\\" 现场"\)\n\n第二段。$/, body);
  assert.equal(await ed.inputValue("#e-body-img-caption"), "", "the next picture starts without a caption");
  await ed.waitForSelector("#preview-body figure img[src^='/media/']");
  assert.ok(await ed.$eval("#preview-body img[src^='/media/']", (img) => img.complete && img.naturalWidth > 0), "the preview loads it");
  assert.equal(await ed.textContent("#preview-body figure figcaption"), '政治部主任 "授课" 现场', "the caption under it");
  await check(ed, "editor (picture in the text)");
  await ed.fill("#e-title", "A picture in the text");
  await ed.selectOption("#e-column", { label: "Party Building" });
  await ed.click("p.buttons button:not([name])");
  await ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/);
  assert.match(await ed.inputValue("#e-body"), /!\[[^\]]*\]\(\/media\/[0-9a-f]{24}\.jpg "政治部主任/);
  await ed.close();
});

// The formatting buttons write the Markdown a writer would otherwise have
// to know: bold and link wrap the selection, subheading and lists mark
// lines (and take the mark off again); each change can be undone.
test("the body's formatting buttons mark the text, the preview follows, and Ctrl+Z takes a change back", async () => {
  const ed = await editorCtx.newPage();
  await ed.goto(srv.url + "/admin/articles/new");
  assert.equal(await ed.isVisible("[data-md-toolbar]"), true, "script shows the buttons");
  const text = "第一段文字。\n工作要求\n学习\n\n落实";
  const body = () => ed.inputValue("#e-body");
  const select = (a, b) => ed.$eval("#e-body", (t, [x, y]) => t.setSelectionRange(x, y), [a, b]);
  await ed.fill("#e-body", text);
  await select(0, 3);
  await ed.click("[data-md=bold]");
  assert.equal(await body(), "**第一段**文字。\n工作要求\n学习\n\n落实");
  assert.deepEqual(await ed.$eval("#e-body", (t) => [t.selectionStart, t.selectionEnd]), [2, 5], "the words stay selected");
  await ed.keyboard.press("Control+z");
  assert.equal(await body(), text, "Ctrl+Z takes it back");
  await select(9, 9);  // inside 工作要求
  await ed.click("[data-md=heading]");
  assert.equal(await body(), "第一段文字。\n## 工作要求\n学习\n\n落实");
  await select(15, 21);  // from 学习 to 落实, a blank line between
  await ed.click("[data-md=numbered]");
  assert.equal(await body(), "第一段文字。\n## 工作要求\n1. 学习\n\n2. 落实", "blank lines stay blank");
  await ed.click("[data-md=list]");
  assert.equal(await body(), "第一段文字。\n## 工作要求\n- 学习\n\n- 落实", "one kind of list becomes the other");
  await ed.click("[data-md=list]");
  assert.equal(await body(), "第一段文字。\n## 工作要求\n学习\n\n落实", "and the mark comes off");
  // Ctrl+K: a link, its address selected to be typed over.
  const end = (await body()).length;
  await select(end, end);
  await ed.keyboard.press("Control+k");
  const linkText = await ed.getAttribute("[data-md-toolbar]", "data-link-text");
  await ed.keyboard.type("https://www.gov.cn/");
  assert.equal(await body(), `第一段文字。\n## 工作要求\n学习\n\n落实[${linkText}](https://www.gov.cn/)`);
  await ed.waitForSelector("#preview-body h2");
  assert.equal(await ed.textContent("#preview-body h2"), "工作要求");
  await ed.waitForSelector("#preview-body a[href='https://www.gov.cn/']");
  // The help is there with or without script.
  await ed.click(".md-help summary");
  assert.equal(await ed.isVisible(".md-help table"), true);
  await check(ed, "editor (formatting buttons and help)");
  await ed.close();
});

// Text from a word processor comes one paragraph a line, indented with
// full-width spaces: pasted, it becomes Markdown's paragraphs, so the
// portal does not run the lines together.
test("text pasted from a word processor is made into paragraphs, and Ctrl+Z gives back the lines", async () => {
  const ed = await editorCtx.newPage();
  await ed.goto(srv.url + "/admin/articles/new");
  const paste = (text) => ed.$eval("#e-body", (t, x) => {
    const data = new DataTransfer();
    data.setData("text/plain", x);
    t.focus();
    t.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  assert.equal(await ed.textContent("[data-md-note]"), "", "nothing said before a paste");
  await paste("\u3000\u3000近日，省检察院举办党支部书记培训班。\r\n\u3000\u3000周勇全程授课。\r\n\r\n\u3000\u3000省检察院29名党支部书记参加培训。");
  assert.equal(await ed.inputValue("#e-body"), "近日，省检察院举办党支部书记培训班。\n\n周勇全程授课。\n\n省检察院29名党支部书记参加培训。");
  assert.notEqual(await ed.textContent("[data-md-note]"), "", "the writer is told");
  await ed.waitForFunction(() => document.querySelectorAll("#preview-body p").length === 3);
  await ed.keyboard.press("Control+z");
  assert.equal(await ed.inputValue("#e-body"), "", "Ctrl+Z takes the paste back");
  // Markdown's own paragraphs, and one line, are pasted as they are
  // (the browser pastes them: a synthetic event inserts nothing).
  await paste("第一段。\n\n第二段。");
  assert.equal(await ed.inputValue("#e-body"), "");
  await paste("一行文字。");
  assert.equal(await ed.inputValue("#e-body"), "");
  // Cells copied from a spreadsheet become a table, a | in a cell kept as text.
  await paste("姓名\t支部\r\n王五\t第一支部\r\n赵六\tA|B\r\n");
  assert.equal(await ed.inputValue("#e-body"), "| 姓名 | 支部 |\n| --- | --- |\n| 王五 | 第一支部 |\n| 赵六 | A\\|B |");
  assert.equal(await ed.textContent("[data-md-note]"), await ed.getAttribute("[data-md-note]", "data-table-text"));
  await ed.waitForSelector("#preview-body .table-scroll table td");
  assert.deepEqual(await ed.$$eval("#preview-body td", (tds) => tds.map((td) => td.textContent)), ["王五", "第一支部", "赵六", "A|B"]);
  await ed.keyboard.press("Control+z");
  assert.equal(await ed.inputValue("#e-body"), "", "Ctrl+Z takes the table back");
  // The table button: a skeleton on its own lines, the first heading selected to be typed over.
  await ed.fill("#e-body", "前文。");
  await ed.$eval("#e-body", (t) => t.setSelectionRange(3, 3));
  await ed.click("[data-md=table]");
  const head = await ed.getAttribute("[data-md-toolbar]", "data-table-head");
  const cell = await ed.getAttribute("[data-md-toolbar]", "data-table-cell");
  await ed.keyboard.type("姓名");
  assert.equal(await ed.inputValue("#e-body"), `前文。\n\n| 姓名 | ${head} |\n| --- | --- |\n| ${cell} | ${cell} |`);
  await ed.close();
});

test("a document older than the newest 30 is found by name in place and attached", async () => {
  const rows = ["('old-plan.pdf', 'application/pdf', 10, '', 1, 'document', 'Wombat work plan.pdf')"];
  for (let i = 1; i <= 31; i++) rows.push(`('minutes-${i}.pdf', 'application/pdf', 10, '', 1, 'document', 'minutes-${i}.pdf')`);
  queryDb(dir, `INSERT INTO media (stored_name, mime, byte_size, alt_text, created_at, kind, original_name) VALUES ${rows.join(", ")}`);
  const ed = await editorCtx.newPage();
  await ed.goto(srv.url + "/admin/articles/new");
  await ed.fill("#e-title", "A plan attached");
  await ed.selectOption("#e-column", { label: "Party Building" });
  await ed.fill("#e-body", "Text.");
  await ed.click("p.buttons button:not([name])");
  await ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/);
  const editUrl = ed.url();
  assert.equal(await ed.locator("#att-media option", { hasText: "Wombat work plan.pdf" }).count(), 0, "not among the newest 30");
  assert.match(await ed.textContent("#att-older"), /最新的 30 个/);
  await ed.fill("#e-body", "Unsaved text.");
  await ed.fill("#att-q", "WOMBAT");
  await ed.press("#att-q", "Enter");  // fills the list in place
  await ed.waitForFunction(() => document.querySelector("#att-found").textContent !== "");
  assert.match(await ed.textContent("#att-found"), /找到 1 个/);
  assert.equal(ed.url(), editUrl, "the page was not reloaded");
  assert.equal(await ed.inputValue("#e-body"), "Unsaved text.");
  assert.equal(await ed.$eval("#att-media", (s) => s.options[s.selectedIndex].text), "Wombat work plan.pdf");
  assert.equal(await ed.isHidden("#att-older"), true);
  await check(ed, "editor (document search)");
  await Promise.all([ed.waitForNavigation(), ed.click("form[action$='/attachments'] button[type=submit]")]);
  assert.equal(await ed.locator("#attachments-h ~ ul a", { hasText: "Wombat work plan.pdf" }).count(), 1, "attached");
  await ed.fill("#att-q", "no-such-document");
  await ed.click(".doc-search button");
  await ed.waitForFunction(() => /没有/.test(document.querySelector("#att-found").textContent));
  assert.equal(await ed.locator("#att-media option").count(), 1, "only the prompt is left");
  await ed.close();
});

// Leaving the editor with typed text not yet saved: the browser asks
// first (and staying keeps the text); saving is not leaving.
test("leaving an article with unsaved text asks first; saving does not", async () => {
  const ctx = await launch({ viewport: { width: 1280, height: 1000 } });
  try {
    const ed = await signIn(ctx, "writer");
    await ed.goto(srv.url + "/admin/articles/new");
    const dialogs = [];
    ed.on("dialog", (d) => { dialogs.push(d.type()); d.dismiss(); });
    // Nothing typed yet: a link leaves without a word.
    await Promise.all([ed.waitForURL(/\/admin\/$/), ed.click(".admin-nav a[href='/admin/']")]);
    assert.deepEqual(dialogs, []);
    await ed.goto(srv.url + "/admin/articles/new");
    await ed.click("#e-title");
    await ed.keyboard.type("还没保存的标题");
    await ed.click(".admin-nav a[href='/admin/']");
    await ed.waitForTimeout(500);
    assert.deepEqual(dialogs, ["beforeunload"], "the browser asked");
    assert.match(ed.url(), /\/admin\/articles\/new$/, "staying: still on the form");
    assert.equal(await ed.inputValue("#e-title"), "还没保存的标题");
    await ed.selectOption("#e-column", { label: "Party Building" });
    await ed.fill("#e-body", "正文。");
    await Promise.all([ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/), ed.click("p.buttons button:not([name])")]);
    assert.deepEqual(dialogs, ["beforeunload"], "saving asked nothing");
  } finally {
    await ctx.close();
  }
});

// The session ends (30 minutes idle) while an article is being written:
// the save is refused, but the tab kept a copy, offered back in that tab
// after signing in again; a save that goes through spends it. (Last: it
// ends every session.)
test("text typed before the session ended is offered back after signing in again", async () => {
  const ctx = await launch({ viewport: { width: 1280, height: 1000 } });
  try {
    const ed = await signIn(ctx, "writer");
    await ed.goto(srv.url + "/admin/articles/new");
    assert.equal(await ed.isVisible("#draft-restore"), false, "nothing to offer yet");
    await ed.fill("#e-title", "午休前写的稿件");
    await ed.fill("#e-body", "第一段。\n第二段。");
    await ed.selectOption("#e-column", { label: "Party Building" });
    await ed.waitForFunction(() => Object.keys(sessionStorage).includes("procura-draft:writer:article:new"));
    queryDb(dir, "DELETE FROM sessions");
    const [refused] = await Promise.all([ed.waitForNavigation(), ed.click("p.buttons button:not([name])")]);
    assert.equal(refused.status(), 403, "the session has ended: the save is refused");
    // Signing in again from the refusal, in the same tab, leads back to
    // the form.
    await check(ed, "session ended");
    await Promise.all([ed.waitForNavigation(), ed.click("#sign-in-again")]);
    await ed.fill("#name", "writer");
    await ed.fill("#password", PASSWORD);
    await ed.click("button[type=submit]");
    await ed.waitForURL(/\/admin\/articles\/new$/);
    assert.equal(await ed.isVisible("#draft-restore"), true, "the copy is offered");
    assert.match(await ed.textContent("[data-draft-time]"), /^[(（]\d{4}.+[)）]$/, "when it was typed");
    await check(ed, "editor (a kept copy offered)");
    assert.equal(await ed.inputValue("#e-title"), "");
    await ed.click("[data-draft-use]");
    assert.equal(await ed.inputValue("#e-title"), "午休前写的稿件");
    assert.equal(await ed.inputValue("#e-body"), "第一段。\n第二段。");
    assert.equal(await ed.isVisible("#draft-restore"), false);
    await ed.waitForFunction(() => document.querySelectorAll("#preview-body p").length === 2);
    await ed.selectOption("#e-column", { label: "Party Building" });
    await ed.click("p.buttons button:not([name])");
    await ed.waitForURL(/\/admin\/articles\/\d+\/\?done=saved$/);
    await ed.goto(srv.url + "/admin/articles/new");
    assert.equal(await ed.isVisible("#draft-restore"), false, "saved: nothing more to offer");
    // Another account signed in on the same tab is not offered a copy.
    await ed.fill("#e-title", "writer's unsaved title");
    await ed.waitForFunction(() => sessionStorage.getItem("procura-draft:writer:article:new") !== null);
    await ed.goto(srv.url + "/admin/");
    await ed.click("form[action='/admin/logout'] button");
    await ed.goto(srv.url + "/admin/");
    await ed.fill("#name", "writer2");
    await ed.fill("#password", PASSWORD);
    await ed.click("button[type=submit]");
    await ed.waitForURL(/\/admin\/$/);
    assert.equal((await ed.goto(srv.url + "/admin/articles/new")).status(), 200);
    assert.equal(await ed.inputValue("#e-title"), "");
    assert.equal(await ed.isVisible("#draft-restore"), false, "not another account's copy");
  } finally {
    await ctx.close();
  }
});

test("axe-core found no violations on the admin pages used", () => {
  assert.deepEqual(axeFindings, []);
});
