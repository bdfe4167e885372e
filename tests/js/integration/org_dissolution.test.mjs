// Dissolving a party branch (撤销支部) over HTTP against the real server and
// the demo's 29 branches: the form's problems beside its fields with
// nothing changed, the people moved with a transfer each and the posts
// ended (and a secretary's access with them), the branch kept with its
// meetings but gone from every list of standing branches, and only the
// records officer may do it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

// Today and tomorrow at the site's +08:00.
const dayAt = (offsetDays) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
const today = dayAt(0), tomorrow = dayAt(1);

let srv, dir, gone, target, busy, busyDay, goneMembers, goneSecretary, goneKept, gonePlanned;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo organisation and its meetings
  await srv.stop();
  // A branch with meetings on record (its minutes filed) in the past; another
  // to dissolve, with meetings only planned after today; a third to take the people.
  [busy, busyDay] = queryDb(dir, "SELECT branch_id, held_on FROM meetings WHERE records_filed_at IS NOT NULL ORDER BY held_on DESC, id LIMIT 1").trim().split("|");
  const branches = queryDb(dir, "SELECT id FROM org_units WHERE kind = 'branch' ORDER BY id").trim().split("\n");
  gone = branches.find((b) => b !== busy);
  target = branches.find((b) => b !== gone && b !== busy);
  assert.ok(busy && gone && target, "the demo has branches to work with");
  goneKept = queryDb(dir, `SELECT count(*) FROM meetings WHERE branch_id = ${gone} AND held_on <= '${today}'`).trim();
  gonePlanned = Number(queryDb(dir, `SELECT count(*) FROM meetings WHERE branch_id = ${gone} AND held_on > '${today}'`).trim());
  goneMembers = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${gone} AND status <> 'transferred-out' ORDER BY id`).trim().split("\n");
  assert.ok(goneMembers.length >= 3, "a branch with people");
  goneSecretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${gone} AND post = 'secretary'`).trim();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "gone-sec", ["branch-secretary"], undefined, ["--member", goneSecretary]);
  addUser(dir, "ed", ["editor"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const dissolvedOn = (b) => queryDb(dir, `SELECT dissolved_on FROM org_units WHERE id = ${b}`).trim();

test("the form refuses what is wrong, by field, and changes nothing", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const page = await c.get(`/admin/org/branches/${gone}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<details class="add-form" id="dissolve-branch">/);
  assert.match(page.body, new RegExp(`${goneMembers.length} members and \\d+ applicants still on the way in move to the branch you choose`));
  assert.ok(!page.body.includes(`<option value="${gone}">`), "not offered as its own target");
  assert.match(page.body, /<select id="d-move-to" name="move_to"[^>]* required/, "someone must move");

  let r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: "", note: "" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="d-move-to-error">Members or applicants remain in the branch \(\d+\): choose the branch they move to\./);
  assert.match(r.body, /<details class="add-form" id="dissolve-branch" open>/, "the form stays open");
  r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: gone, note: "", confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Choose another branch that stands\./);
  r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: tomorrow, move_to: target, note: "x".repeat(201), confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="d-day-error">A branch is dissolved today or on a day gone by, not ahead of time\./);
  assert.match(r.body, /id="d-note-error">At most 200 characters; this has 201\./);
  assert.match(r.body, new RegExp(`<option value="${target}" selected>`), "the choice kept");
  r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: "2026-02-30", move_to: target, confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Give the date as YYYY-MM-DD/);
  // A branch whose minutes are on record after the day stood on it.
  const dayBefore = new Date(Date.parse(busyDay) - 86400e3).toISOString().slice(0, 10);
  r = await c.post(`/admin/org/branches/${busy}/dissolve`, { day: dayBefore, move_to: target, confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`id="d-day-error">The branch has meetings on record after that day \\(the first on ${busyDay}\\): it stood until then, so dissolve it on a later day\\.`));
  assert.equal(dissolvedOn(busy), "");
  assert.equal((await c.post("/admin/org/branches/99999/dissolve", { day: today, move_to: target })).status, 404);
  assert.equal(dissolvedOn(gone), "", "nothing stored");
  assert.equal(queryDb(dir, `SELECT count(*) FROM members WHERE branch_id = ${gone} AND status <> 'transferred-out'`).trim(), String(goneMembers.length));

  // Nobody but the records officer.
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: target })).status, 403);
  const sec = new Client(srv);
  await sec.signIn("gone-sec");
  assert.equal((await sec.get(`/admin/org/branches/${gone}`)).status, 200, "the secretary's own branch, for now");
  assert.doesNotMatch((await sec.get(`/admin/org/branches/${gone}`)).body, /id="dissolve-branch"/);
  assert.equal((await sec.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: target })).status, 403);
  assert.equal(dissolvedOn(gone), "");
});

test("a dissolved branch's people move, its posts end, and it is kept out of the standing lists", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const sec = new Client(srv);
  await sec.signIn("gone-sec");
  const before = Number(queryDb(dir, `SELECT count(*) FROM members WHERE branch_id = ${target}`).trim());
  // Asked first, naming what is to happen; nothing done until confirmed.
  const name = queryDb(dir, `SELECT name FROM org_units WHERE id = ${gone}`).trim();
  const targetName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${target}`).trim();
  let r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: target, note: "机关党委〔2026〕12号" });
  assert.equal(r.status, 200);
  assert.ok(r.body.includes(`Dissolve ${name} as of ${today}, its people moving to ${targetName}? Its committee posts end and meetings planned after that day are cancelled. If the branch is restored, those still in ${targetName} may move back with it and take up their posts again.`), r.body.slice(0, 2000));
  assert.match(r.body, /<input type="hidden" name="confirm" value="1">/);
  assert.equal(dissolvedOn(gone), "");
  r = await c.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: target, note: "机关党委〔2026〕12号", confirm: "1" });
  assert.equal(r.status, 303, r.body.slice(0, 400));
  assert.equal(r.headers.location, `/admin/org/branches/${gone}?done=dissolved`);
  assert.equal(dissolvedOn(gone), today);

  // Everyone moved, each with a transfer on record; the committee posts ended.
  assert.equal(queryDb(dir, `SELECT count(*) FROM members WHERE branch_id = ${gone} AND status <> 'transferred-out'`).trim(), "0");
  assert.equal(Number(queryDb(dir, `SELECT count(*) FROM members WHERE branch_id = ${target}`).trim()), before + goneMembers.length);
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_transfers WHERE from_branch = ${gone} AND to_branch = ${target} AND note = '机关党委〔2026〕12号'`).trim(), String(goneMembers.length));
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_posts WHERE unit_id = ${gone}`).trim(), "0");
  // Its meetings up to the day kept; those planned after it cancelled.
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings WHERE branch_id = ${gone} AND held_on <= '${today}'`).trim(), goneKept);
  assert.equal(queryDb(dir, `SELECT count(*) FROM meetings WHERE branch_id = ${gone} AND held_on > '${today}'`).trim(), "0");
  assert.equal(queryDb(dir, `SELECT count(*) FROM party_applicants WHERE branch_id = ${gone} AND admitted_on = '' AND stopped_on = ''`).trim(), "0");
  const member = await c.get(`/admin/org/members/${goneMembers[1]}`);
  assert.match(member.body, /机关党委〔2026〕12号/, "the transfer, on the member's page");
  assert.equal((await sec.get(`/admin/org/branches/${gone}`)).status, 403, "no longer a secretary there");
  assert.match(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'org.branch.dissolve'"),
    new RegExp(`on ${today}; ${goneMembers.length} members and \\d+ applicants moved to #${target}, ${gonePlanned} planned meetings cancelled: 机关党委〔2026〕12号`));

  // Its page says so, without the form; the org page keeps it apart.
  const page = await c.get(`/admin/org/branches/${gone}`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`id="dissolved-notice"><p>This branch was dissolved on ${today}\\.</p><p>Decision or reason: 机关党委〔2026〕12号</p>`));
  assert.match(page.body, /<p class="empty" id="branch-count">No members in this branch\.<\/p>/);
  assert.match((await c.get(`/admin/org/branches/${gone}?done=dissolved`)).body, /The branch was dissolved\./);
  assert.doesNotMatch(page.body, /id="dissolve-branch"/);
  const org = await c.get("/admin/org");
  assert.match(org.body, /28 party branches/);
  assert.doesNotMatch(org.body, new RegExp(`<tr><td><a href="/admin/org/branches/${gone}">`));
  assert.match(org.body, new RegExp(`<summary>Dissolved branches \\(1\\)</summary>[^]*<a href="/admin/org/branches/${gone}">[^<]+</a>: dissolved on ${today} · 机关党委〔2026〕12号`));
  assert.equal((await c.post(`/admin/org/branches/${gone}/dissolve`, { day: today, move_to: target, confirm: "1" })).status, 409, "once");

  // No picker offers it; nothing new goes in.
  for (const [path, offers] of [["/admin/org/members/new", target], [`/admin/org/members/${goneMembers[0]}`, busy], ["/admin/org/applicants/new", target]]) {
    const form = await c.get(path);
    assert.equal(form.status, 200, path);
    // Only a post held before may name it, as dissolved.
    const pastPosts = form.body.match(/<details class="add-form" id="add-former-post"[^]*?<\/details>/)?.[0] ?? "";
    if (pastPosts) assert.match(pastPosts, new RegExp(`<option value="${gone}">[^<]+ \\(dissolved ${today}\\)</option>`));
    // (The account picker lists users, whose ids may equal the branch's.)
    const pickers = form.body.replace(pastPosts, "").replace(/<select id="a-user"[^]*?<\/select>/, "");
    assert.ok(!pickers.includes(`<option value="${gone}"`), path);
    if (offers) assert.ok(pickers.includes(`<option value="${offers}"`), `${path} offers the standing branches`);
  }
  await c.get("/admin/org/members/new");
  r = await c.post("/admin/org/members", { name: "迟到者", gender: "male", birth_date: "1990-01-01", joined_date: "2015-07-01", branch: gone, status: "full" });
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`That branch was dissolved on ${today}: choose a branch that stands\\.`));
  r = await c.post(`/admin/org/members/${goneMembers[0]}/transfer`, { branch: gone, note: "" });
  assert.equal(r.status, 422, "no transfers into it");
  r = await c.post("/admin/org/branches", { name, department: "", position: "" });
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`The branch dissolved on ${today} is called ${name}: rename it first, on its page\\.`));

  // Organisational life: its meetings kept, nothing more due, none after the day.
  const life = await c.get(`/admin/branch-life/branches/${gone}?year=${today.slice(0, 4)}`);
  assert.equal(life.status, 200);
  assert.match(life.body, /id="dissolved-notice"/);
  assert.doesNotMatch(life.body, /id="h-due"/);
  const overview = await c.get(`/admin/branch-life?year=${today.slice(0, 4)}`);
  assert.equal(overview.status, 200);
  assert.ok(!overview.body.includes(`/admin/branch-life/branches/${gone}?`) && !overview.body.includes(`/admin/branch-life/branches/${gone}"`), "not in the overview");
  r = await c.post(`/admin/branch-life/branches/${gone}/meetings`, { kind: "members", topic: "撤销后", held_on: tomorrow, starts_at: "09:00" });
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`This branch was dissolved on ${today}: its meetings were held on or before that day\\.`));
});

test("the Chinese newsroom names it", async () => {
  const c = new Client(srv, { lang: "zh-CN" });
  await c.signIn("officer");
  const org = await c.get("/admin/org");
  assert.match(org.body, /已撤销的党支部（1）/);
  assert.match(org.body, /<p>机关党委下设 28 个党支部，共有党员 \d+ 名。<\/p>/);
  const gonePage = await c.get(`/admin/org/branches/${gone}`);
  assert.match(gonePage.body, /<summary>恢复该支部<\/summary>/);
  assert.match(gonePage.body, /<legend>随支部调回<\/legend>/);
  const page = await c.get(`/admin/org/branches/${target}`);
  assert.match(page.body, /<summary>撤销本支部<\/summary>/);
});

test("the pages of a dissolution are valid HTML5 and axe-clean", async () => {
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { validate } = await import("../lib/vnu.mjs");
  const c = new Client(srv);
  await c.signIn("officer");
  const out = tempDir("procura-dissolve-html-");
  const files = [];
  const pages = [["org", "/admin/org"], ["dissolved", `/admin/org/branches/${gone}`], ["life", `/admin/branch-life/branches/${gone}`]];
  for (const [name, path] of pages) files.push(join(out, `${name}.html`)), writeFileSync(files.at(-1), (await c.get(path)).body);
  const refused = await c.post(`/admin/org/branches/${target}/dissolve`, { day: "soon", move_to: "" });
  assert.equal(refused.status, 422);
  files.push(join(out, "refused.html")), writeFileSync(files.at(-1), refused.body);
  assert.deepEqual(await validate(files), []);
  const { launch, axeViolations, signIn } = await import("../lib/browser.mjs");
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(srv.url + "/admin/login");
    await signIn(page, "officer");
    for (const [, path] of pages) {
      await page.goto(srv.url + path);
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.goto(`${srv.url}/admin/org/branches/${target}`);
    await page.click("#dissolve-branch summary");
    assert.deepEqual(await axeViolations(page), [], "the open form");
  } finally {
    await ctx.close();
  }
});

// Last: a branch dissolved by mistake is restored; the members it moved out
// who are still where they went may come back with it, the others one by one.
test("a dissolved branch is restored once confirmed, with the members ticked, and stands in every list again", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const name = queryDb(dir, `SELECT name FROM org_units WHERE id = ${gone}`).trim();
  const targetName = queryDb(dir, `SELECT name FROM org_units WHERE id = ${target}`).trim();
  const branchOf = (m) => queryDb(dir, `SELECT branch_id FROM members WHERE id = ${m}`).trim();
  // The secretary comes back with the branch; another stays; a third has moved on.
  const [back, stays, movedOnId] = [goneSecretary, ...goneMembers.filter((m) => m !== goneSecretary)];
  // One of them has moved on since: not offered.
  let r = await c.post(`/admin/org/members/${movedOnId}/transfer`, { branch: busy, note: "" });
  assert.equal(r.status, 303);
  let page = (await c.get(`/admin/org/branches/${gone}`)).body;
  assert.match(page, new RegExp(`<details class="add-form no-print" id="restore-branch"><summary>Restore this branch</summary>\\s*<form method="post" action="/admin/org/branches/${gone}/restore"`));
  const offered = [...page.matchAll(/name="move_back" value="(\d+)" checked> [^<]+ <span class="hint">now in ([^<]+)<\/span>/g)];
  assert.deepEqual(offered.map((m) => m[1]).sort(), goneMembers.filter((m) => m !== movedOnId).sort(), "all but the one who moved on, ticked");
  assert.match(page, new RegExp(`name="move_back" value="${back}" checked> [^<]+ <span class="hint">now in [^<]+</span> <span class="hint">held here: Secretary</span>`), "the post the dissolution ended");
  assert.match(page, /<input type="checkbox" id="r-posts" name="posts" value="1" checked> <label for="r-posts">Give those moved back the committee posts they held here, from the day each was taken<\/label>/);
  assert.ok(offered.every((m) => m[2] === targetName), "each where the dissolution moved them");
  // Not for the secretary of a standing branch, nor an editor.
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.post(`/admin/org/branches/${gone}/restore`, { confirm: "1" })).status, 403);
  assert.equal(dissolvedOn(gone), today);
  // Asked first, saying what happens.
  r = await c.post(`/admin/org/branches/${gone}/restore`, {});
  assert.equal(r.status, 200);
  assert.ok(r.body.includes(`Restore ${name}? It stands again, empty: members can be moved back into it one by one.`));
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: [back, stays] });
  assert.equal(r.status, 200);
  assert.ok(r.body.includes(`Restore ${name}? Members moved back into it: 2, each with a transfer on record. Their committee posts can be given again on their own pages.`));
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: [back, stays], posts_shown: "1", posts: "1" });
  assert.ok(r.body.includes(`Restore ${name}? Members moved back into it: 2, each with a transfer on record, with the committee posts they held there given back.`));
  assert.equal(dissolvedOn(gone), today);
  // Refused by field, nothing changed: one who moved on, a bad id, a long note.
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: [back, movedOnId], confirm: "1" });
  assert.equal(r.status, 422);
  const movedOn = queryDb(dir, `SELECT name FROM members WHERE id = ${movedOnId}`).trim();
  assert.ok(r.body.includes(`id="r-move-back-error">${movedOn} did not leave with the branch&apos;s dissolution, or has moved since: move them on their own page.`));
  assert.match(r.body, /id="restore-branch" open>/);
  assert.match(r.body, new RegExp(`name="move_back" value="${back}" checked>`), "what was ticked stays ticked");
  assert.match(r.body, new RegExp(`name="move_back" value="${stays}">`), "what was not stays unticked");
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: "99999", confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="r-move-back-error">There is no such member\./);
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: "x", confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Tick members from the list\./);
  r = await c.post(`/admin/org/branches/${gone}/restore`, { note: "长".repeat(201), confirm: "1" });
  assert.equal(r.status, 422);
  assert.match(r.body, /id="r-note-error">At most 200 characters; this has 201\./);
  assert.equal(dissolvedOn(gone), today);
  assert.equal(branchOf(back), target);
  // A standing branch took its name meanwhile: refused, until renamed.
  queryDb(dir, `UPDATE org_units SET name = '${name}' WHERE id = ${target}`);
  r = await c.post(`/admin/org/branches/${gone}/restore`, { confirm: "1" });
  assert.equal(r.status, 409);
  assert.ok(r.body.includes(`A standing branch is called ${name} now: rename one of the two first.`));
  assert.equal(dissolvedOn(gone), today);
  queryDb(dir, `UPDATE org_units SET name = '${name}（合并后）' WHERE id = ${target}`);
  // Restored with one member ticked.
  const secretaryPost = queryDb(dir, `SELECT since || '|' || ended_on FROM member_post_history WHERE member_id = ${back} AND unit_id = ${gone} AND post = 'secretary'`).trim();
  assert.equal(secretaryPost.split("|")[1], today, "ended with the dissolution");
  r = await c.post(`/admin/org/branches/${gone}/restore`, { move_back: back, posts_shown: "1", posts: "1", note: " 机关党委〔2026〕15号 ", confirm: "1" });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/admin/org/branches/${gone}?done=restored`);
  assert.equal(dissolvedOn(gone), "");
  assert.equal(queryDb(dir, `SELECT dissolved_note FROM org_units WHERE id = ${gone}`).trim(), "");
  assert.equal(branchOf(back), gone, "moved back");
  assert.equal(branchOf(stays), target, "not ticked: stays");
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_transfers WHERE member_id = ${back} AND from_branch = ${target} AND to_branch = ${gone} AND note = '机关党委〔2026〕15号'`).trim(), "1");
  assert.match(queryDb(dir, "SELECT detail FROM audit_log WHERE action = 'org.branch.restore'"),
    new RegExp(`${name}, dissolved on ${today}: 机关党委〔2026〕12号; members moved back: 1, posts given back: 1: 机关党委〔2026〕15号`));
  // The secretary holds the post again from its first day, as if never ended, with the access it gives.
  assert.equal(queryDb(dir, `SELECT since FROM member_posts WHERE member_id = ${back} AND unit_id = ${gone} AND post = 'secretary'`).trim(), secretaryPost.split("|")[0]);
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_post_history WHERE member_id = ${back} AND unit_id = ${gone}`).trim(), "0");
  const sec = new Client(srv);
  await sec.signIn("gone-sec");
  assert.equal((await sec.get(`/admin/org/branches/${gone}`)).status, 200, "a secretary there again");
  page = (await c.get(`/admin/org/branches/${gone}?done=restored`)).body;
  assert.match(page, /The branch stands again\./);
  assert.doesNotMatch(page, /id="dissolved-notice"|id="restore-branch"/);
  assert.match(page, /id="dissolve-branch"/, "it may be dissolved again");
  assert.match(page, /<p id="branch-count">1 member, of whom \d probationary\.<\/p>/, "one member, said in the singular");
  // Back in the standing lists: the org page, and a member's transfer picker.
  assert.match((await c.get("/admin/org")).body, new RegExp(`<tr><td><a href="/admin/org/branches/${gone}">`));
  assert.ok((await c.get(`/admin/org/members/${stays}`)).body.includes(`<option value="${gone}"`));
  r = await c.post(`/admin/org/members/${stays}/transfer`, { branch: gone, note: "支部恢复" });
  assert.equal(r.status, 303, "another moves back on their own page");
  assert.equal(branchOf(stays), gone);
  assert.match((await c.get(`/admin/org/branches/${gone}`)).body, /<p id="branch-count">2 members, of whom \d probationary\.<\/p>/);
  // Once: a standing branch has nothing to restore.
  r = await c.post(`/admin/org/branches/${gone}/restore`, { confirm: "1" });
  assert.equal(r.status, 409);
  assert.match(r.body, /This branch stands; there is nothing to restore\./);
  assert.equal((await c.post("/admin/org/branches/99999/restore", { confirm: "1" })).status, 404);
});
