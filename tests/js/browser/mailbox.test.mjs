// The message workflow in real Chromium: a citizen on a phone (360 px)
// finds the boxes from the footer, writes to the 检察长信箱 and keeps the
// query code; an editor triages, assigns and drafts the reply; a reviewer
// approves it; the citizen looks the answer up, and it is on the public
// list with the phone number masked. axe-core checks every page used.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { ARTIFACTS } from "../lib/server.mjs";
import { PASSWORD, siteWithNewsroom } from "../lib/newsroom.mjs";
import { launch, axeViolations } from "../lib/browser.mjs";

let site, phone;
const staff = [];
const findings = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  site = await siteWithNewsroom();
  phone = await launch({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
});
after(async () => {
  await phone?.close();
  for (const c of staff) await c.close();
  await site?.srv.stop();
});

async function check(page, label) {
  const v = await axeViolations(page);
  if (v.length) findings.push({ label, v });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.ok(!wide, `${label}: no horizontal scrolling`);
}

async function signIn(name) {  // each in a browser of their own
  const ctx = await launch({ viewport: { width: 1280, height: 1000 } });
  staff.push(ctx);
  const page = await ctx.newPage();
  await page.goto(site.srv.url + "/admin/login");
  await page.fill("#name", name);
  await page.fill("#password", PASSWORD);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/admin\/$/);
  return page;
}

test("a citizen's message from a phone to a published answer", async () => {
  const citizen = await phone.newPage();
  await citizen.goto(site.srv.url + "/");
  await citizen.click("footer >> text=我要写信");
  await check(citizen, "mailbox index");
  await citizen.click("text=检察长信箱");
  await citizen.fill("#m-title", "咨询立案监督程序");
  await citizen.fill("#m-body", "请问如何申请立案监督？我的电话13812345678。");
  await citizen.fill("#m-name", "李四");
  await citizen.fill("#m-phone", "12345abc");
  await citizen.check("#m-public");
  await citizen.click("form.mailbox-form button[type=submit]");
  // The bad phone number comes back beside its field, with the text kept.
  await citizen.waitForSelector("#m-phone-error");
  assert.equal(await citizen.inputValue("#m-body"), "请问如何申请立案监督？我的电话13812345678。");
  await check(citizen, "form with an error");
  await citizen.fill("#m-phone", "13812345678");
  await citizen.click("form.mailbox-form button[type=submit]");
  const code = (await citizen.textContent(".query-code strong")).trim();
  assert.match(code, /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  await check(citizen, "sent");
  await citizen.screenshot({ path: join(ARTIFACTS, "mailbox-sent-360.png"), fullPage: true });

  const editor = await signIn("ed");
  await editor.click("nav >> text=公众留言");
  await editor.click("text=咨询立案监督程序");
  await check(editor, "admin message");
  await editor.fill("#t-dept", "控告申诉检察部");
  await editor.click("form[action$=\"/accept\"] button");
  await editor.fill("#r-text", "您可向本院控告申诉检察部提出书面申请，咨询电话 0571-88886666。");
  // The tab keeps a copy of the reply as it is typed, spent once it is saved.
  const keptReplies = () => editor.evaluate(() => Object.keys(sessionStorage).filter((k) => /:reply:\d+$/.test(k)).length);
  await editor.waitForFunction(() => Object.keys(sessionStorage).some((k) => /:reply:\d+$/.test(k)));
  await editor.click("button[value=submit]");
  await editor.waitForSelector("text=答复待审批");
  assert.equal(await keptReplies(), 0, "saved: the copy is spent");

  const reviewer = await signIn("rv");
  await reviewer.goto(site.srv.url + "/admin/messages");
  await reviewer.click("text=咨询立案监督程序");
  await reviewer.click("form[action$=\"/approve\"] button");
  await reviewer.waitForSelector("text=已答复");

  await citizen.goto(site.srv.url + "/mailbox/");
  await citizen.fill("#m-code", code.toLowerCase());
  await citizen.click("form.form button[type=submit]");
  await citizen.waitForSelector("text=答复内容");
  assert.match(await citizen.textContent("main"), /您可向本院控告申诉检察部提出书面申请/);
  await check(citizen, "lookup");
  await citizen.goto(site.srv.url + "/mailbox/");
  const list = await citizen.textContent("main");
  assert.match(list, /咨询立案监督程序/);
  assert.match(list, /138\*{6}78/);
  assert.ok(!list.includes("13812345678") && !list.includes("李四"), "no personal data in public");
  await check(citizen, "public list");
  await citizen.screenshot({ path: join(ARTIFACTS, "mailbox-list-360.png"), fullPage: true });
  assert.deepEqual(findings, []);
});
