// Party organization records: the demo's 29 branches, and who may see whose
// personal data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, withDatabase, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";
import { spawnSync } from "node:child_process";
import { BIN } from "../lib/server.mjs";

let srv, dir;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // loads the demo organization
  await srv.stop();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "cadre-secretary", ["branch-secretary"], undefined, ["--member", "1"]);
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "chief", ["admin"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

test("the records officer sees the 29 branches with their secretaries", async () => {
  const c = new Client(srv);
  const login = await c.signIn("officer");
  assert.equal(login.headers.location, "/admin/", "lands on the dashboard");
  // The records officer's dashboard and menu: records only, every link open to them.
  const dash = await c.get("/admin/");
  assert.equal(dash.status, 200);
  assert.match(dash.body, /<h2 id="h-records">Party records<\/h2>/);
  assert.doesNotMatch(dash.body, /h-drafts/, "no newsroom sections");
  for (const href of ["/admin/training/new", "/admin/org", "/admin/org/import", "/admin/training", "/admin/training/hours"])
    assert.ok(dash.body.includes(`href="${href}"`), href);
  const links = [...new Set([...dash.body.matchAll(/href="(\/admin\/[^"#]*)"/g)].map((m) => m[1]))];
  for (const href of links) assert.equal((await c.get(href)).status, 200, href);
  const page = await c.get("/admin/org");
  assert.equal(page.status, 200);
  assert.match(page.body, /<p>29 party branches under the organ Party Committee, \d+ members in all\.<\/p>/);
  for (const name of ["干部处", "第三检察部", "第六检察部", "第七检察部", "案件管理办公室", "检务督察部"]) {
    assert.ok(page.body.includes(`${name}党支部</a>`), name);
  }
  assert.doesNotMatch(page.body, /\(vacant\)/, "every branch has a secretary");
  // A branch's roster: its committee first (the secretary at the top), then
  // everyone else in pinyin order, and how many there are.
  const roster = (await c.get("/admin/org/branches/3")).body;
  const rows = [...roster.matchAll(/<tr><td><a href="\/admin\/org\/members\/(\d+)">[^<]+<\/a>(?: <span[^>]*>Sample<\/span>)?<\/td><td data-label="Post">([^<]*)<\/td>/g)];
  assert.equal(rows[0][1], "1", "member 1, the secretary, comes first");
  assert.equal(rows[0][2], "Secretary");
  assert.equal(rows.at(-1)[2], "", "the last row holds no post");
  assert.match(roster, new RegExp(`<p id="branch-count">${rows.length} members, of whom 0 probationary\\.</p>`));
});

test("lists mask phones; the member page shows them to those allowed, and is audited", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const branch = await c.get("/admin/org/branches/3");
  assert.match(branch.body, /\*{9}\d{4}/);
  assert.doesNotMatch(branch.body, /555-0100-\d{4}/);
  const member = await c.get("/admin/org/members/1");
  assert.match(member.body, /555-0100-0000/);
  assert.match(member.body, /<dd>Secretary<\/dd>/);
  assert.match(member.body, /Sample data/);
});

test("a branch secretary sees only their own branch", async () => {
  const c = new Client(srv);
  const login = await c.signIn("cadre-secretary");
  assert.equal(login.headers.location, "/admin/");
  // The secretary's dashboard: their branch, the classes it is in, the hours;
  // no link on it, or in its menu, is closed to them.
  const dash = await c.get("/admin/");
  assert.equal(dash.status, 200);
  assert.ok(dash.body.includes('href="/admin/org/branches/3"'), "their branch");
  assert.ok(dash.body.includes('href="/admin/training/hours"'), "the hours");
  assert.doesNotMatch(dash.body, /href="\/admin\/(articles|media|org\/import|training\/new)/);
  for (const href of new Set([...dash.body.matchAll(/href="(\/admin\/[^"#]*)"/g)].map((m) => m[1]))) {
    let res = await c.get(href);
    if (res.status === 303) res = await c.get(res.headers.location);  // the org page opens their branch
    assert.equal(res.status, 200, href);
  }
  const org = await c.get("/admin/org");
  assert.equal(org.status, 303);
  assert.equal(org.headers.location, "/admin/org/branches/3");
  assert.equal((await c.get("/admin/org/branches/3")).status, 200);
  assert.equal((await c.get("/admin/org/members/2")).status, 200, "a member of their branch");
  assert.equal((await c.get("/admin/org/branches/4")).status, 403);
  const other = await c.get("/admin/org/branches/4");
  assert.match(other.body, /only your own branch/);
  assert.match(other.body, /<h1 class="page-title">Not allowed<\/h1>/);
  // Find a member of another branch and try to open them.
  const officer = new Client(srv);
  await officer.signIn("officer");
  const id = (await officer.get("/admin/org/branches/4")).body.match(/\/admin\/org\/members\/(\d+)/)[1];
  assert.equal((await c.get(`/admin/org/members/${id}`)).status, 403);
  assert.equal((await c.post(`/admin/org/members/${id}/transfer`, { branch: "3" })).status, 403);
  // A member who does not exist is not found, not refused.
  const missing = await officer.get("/admin/org/members/999999");
  assert.equal(missing.status, 404);
  assert.match(missing.body, /<h1 class="page-title">Not found<\/h1>/);
  assert.doesNotMatch(missing.body, /Not allowed/);
});

test("nobody else sees members", async () => {
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.get("/admin/org")).status, 403);
  assert.equal((await ed.get("/admin/org/members/1")).status, 403);
  const anon = new Client(srv);
  assert.equal((await anon.get("/admin/org/members/1")).status, 303);
});

test("transfers move a member and keep the history", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const member = (await c.get("/admin/org/branches/5")).body.match(/\/admin\/org\/members\/(\d+)/)[1];
  assert.equal((await c.post(`/admin/org/members/${member}/transfer`, { branch: "9999" })).status, 422);
  const res = await c.post(`/admin/org/members/${member}/transfer`, { branch: "6", note: "Rotation" });
  assert.equal(res.status, 303);
  const page = await c.get(`/admin/org/members/${member}`);
  // The history names the branches and the day, as the audit log does.
  const names = {};
  for (const [, id, name] of (await c.get("/admin/org")).body.matchAll(/href="\/admin\/org\/branches\/(\d+)">([^<]+)<\/a>/g))
    names[id] = name;
  assert.ok(names["5"] && names["6"], "the organisation page lists branches 5 and 6");
  assert.match(page.body, new RegExp(`\\d{4}-\\d{2}-\\d{2}: from ${names["5"]} to ${names["6"]} \\(note: Rotation\\)`));
  const admin = new Client(srv);
  assert.equal((await admin.signIn("chief")).status, 303);
  const audit = await admin.get("/admin/audit?action=member.transfer");
  assert.ok(audit.body.includes(`from ${names["5"]} to ${names["6"]}: Rotation`), "the audit log names the branches");
  assert.ok((await c.get("/admin/org/branches/6")).body.includes(`/admin/org/members/${member}"`));
  const r = spawnSync(BIN, withDatabase(["user", "add", "x", "--role", "branch-secretary", "--member", "99999", "--data", dir]),
    { input: "a long pass phrase\n", encoding: "utf8" });
  assert.notEqual(r.status, 0, "linking to a missing member fails");
});

test("a transferred secretary leaves the post, and with it the access", async () => {
  const officer = new Client(srv);
  await officer.signIn("officer");
  // Member 1 is the Cadre Office branch's secretary, linked to cadre-secretary.
  assert.equal((await officer.post("/admin/org/members/1/transfer", { branch: "7", note: "New post" })).status, 303);
  assert.match((await officer.get("/admin/org")).body, /干部处党支部<\/a><\/td><td[^>]*>干部处<\/td><td[^>]*>\(vacant\)/);
  const sec = new Client(srv);
  await sec.signIn("cadre-secretary");
  assert.equal((await sec.get("/admin/org/branches/3")).status, 403, "no longer a secretary there");
  // Transfer back for the other tests; the post must be given again by the officer.
  assert.equal((await officer.post("/admin/org/members/1/transfer", { branch: "3", note: "Back" })).status, 303);
});

test("members export as formula-safe CSV for the records officer only, audited", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const csv = await c.get("/admin/org/members.csv");
  assert.equal(csv.status, 200);
  assert.match(csv.headers["content-disposition"], /attachment; filename="party-members.csv"/);
  const lines = csv.body.trim().split("\r\n");
  assert.equal(lines[0].replace(/^\ufeff/, ""), "id,name,gender,birth date,joined date,full member date,full membership approved,branch,posts,phone,status,sample", "the import's header");
  assert.equal(lines.length, 1 + 161, "the demo's 160 members and the applicant it admitted");
  assert.ok(lines.every((l) => !/,[=+@-]/.test(l.replace(/,-?\d/g, ""))), "no cell starts with a formula character");
  const sec = new Client(srv);
  await sec.signIn("cadre-secretary");
  assert.equal((await sec.get("/admin/org/members.csv")).status, 403);
});

test("org pages are valid HTML5 and axe-clean", async () => {
  // Validity: the Nu checker over the three page types.
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { validate } = await import("../lib/vnu.mjs");
  const c = new Client(srv);
  await c.signIn("officer");
  const out = tempDir("procura-org-html-");
  const files = [];
  for (const [name, path] of [["dashboard", "/admin/"], ["org", "/admin/org"], ["branch", "/admin/org/branches/3"], ["member", "/admin/org/members/1"],
    ["check", "/admin/org/check"], ["training", "/admin/training"], ["class", "/admin/training/1"]]) {
    const file = join(out, `${name}.html`);
    writeFileSync(file, (await c.get(path)).body);
    files.push(file);
  }
  assert.deepEqual(await validate(files), []);
  // Accessibility in Chromium, signed in through the real form.
  const { launch, axeViolations } = await import("../lib/browser.mjs");
  const { PASSWORD } = await import("../lib/newsroom.mjs");
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(srv.url + "/admin/login");
    await page.fill("#name", "officer");
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/admin\/$/);
    for (const path of ["/admin/", "/admin/org", "/admin/org/branches/3", "/admin/org/members/1", "/admin/org/check", "/admin/training", "/admin/training/1"]) {
      await page.goto(srv.url + path);
      assert.deepEqual(await axeViolations(page), [], path);
    }
  } finally {
    await ctx.close();
  }
});

test("the seed's class: three lectures, six branch exchanges, all 29 secretaries enrolled", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const list = await c.get("/admin/training");
  assert.match(list.body, /机关党支部书记培训班<\/a><\/td><td>2022-07-14<\/td><td>Completed/);
  const page = await c.get("/admin/training/1");
  assert.equal(page.status, 200);
  assert.match(page.body, /<dt>Enrolled<\/dt><dd id="enrolled-count">29 \(withdrawn: 0;/);
  assert.equal([...page.body.matchAll(/<td data-label="Type">Lecture<\/td>/g)].length, 3);
  for (const b of ["干部处", "第三检察部", "第六检察部", "第七检察部", "案件管理办公室", "检务督察部"]) {
    assert.ok(page.body.includes(`<li>${b}党支部: `), b);
  }
  assert.match(page.body, /周勇（政治部主任）/);
  // Enrolling all secretaries again adds nobody; status moves one step.
  assert.equal((await c.post("/admin/training/1/enroll-secretaries")).status, 422, "a completed class");
  assert.equal((await c.post("/admin/training/1/advance")).status, 303);
  assert.match((await c.get("/admin/training/1")).body, /<dt>Status<\/dt><dd id="class-status">Archived/);
  assert.equal((await c.post("/admin/training/1/advance")).status, 422);
});

test("this year's demo classes: each experience exchange names its branch and its speaker", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  for (const id of [2, 3]) {
    const page = (await c.get(`/admin/training/${id}`)).body;
    const list = page.match(/<h2 id="exchanges">[\s\S]*?<\/ul>/)[0];
    const items = list.match(/<li>.*?<\/li>/g) ?? [];
    assert.equal(items.length, 1, list);
    assert.match(items[0], /^<li>\S+党支部: “[^”]+” \([^)]+\)<\/li>$/, "no empty branch or speaker");
  }
});

test("a branch secretary sees the classes they are enrolled in, and cannot run them", async () => {
  const c = new Client(srv);
  await c.signIn("cadre-secretary");
  assert.match((await c.get("/admin/training")).body, /机关党支部书记培训班/);
  assert.equal((await c.get("/admin/training/1")).status, 200);
  assert.equal((await c.post("/admin/training/1/advance")).status, 403);
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.get("/admin/training")).status, 403);
});

test("members whose probation ends within 60 days or has ended are on the dashboard", async () => {
  const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
  const yearBefore = (d) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  const ownBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  const [soon, later] = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${ownBranch} AND id <> 1 ORDER BY id LIMIT 2`).trim().split("\n");
  const ended = queryDb(dir, `SELECT id FROM members WHERE branch_id <> ${ownBranch} ORDER BY id LIMIT 1`).trim();
  const admit = (id, joined) => queryDb(dir, `UPDATE members SET status = 'probationary', joined_date = '${joined}' WHERE id = ${id}`);
  admit(soon, yearBefore(day(10)));    // ends in 10 days
  admit(ended, yearBefore(day(-5)));   // ended 5 days ago
  admit(later, yearBefore(day(200)));  // not for a while
  // `soon` came in through the applicants' pages and has applied for full
  // membership (转正申请); `ended` has no such record here.
  const applicant = queryDb(dir, `INSERT INTO party_applicants (name, gender, birth_date, branch_id, applied_on, activist_on, candidate_on, admitted_on, member_id, created_at)
    VALUES ('Soon', 'female', '1990-01-01', ${ownBranch}, '2020-01-01', '2020-06-01', '2021-07-01', '${yearBefore(day(10))}', ${soon}, 0) RETURNING id`).trim().split("\n")[0];  // psql adds its tag
  queryDb(dir, `INSERT INTO applicant_steps (applicant_id, step, done_on) VALUES (${applicant}, 'full_application', '${day(-3)}')`);
  const officer = new Client(srv);
  await officer.signIn("officer");
  const dash = (await officer.get("/admin/")).body;
  assert.match(dash, new RegExp(`id="probation-${soon}"[^]*?${day(10)}[^]*?Ends in 10 days`));
  assert.match(dash, new RegExp(`id="probation-${ended}"[^]*?${day(-5)}[^]*?Ended 5 days ago</span></td><td class="date"[^>]*></td>`));
  assert.match(dash, new RegExp(`id="probation-${soon}"[^]*?Ends in 10 days</span></td><td class="date"[^>]*>${day(-3)}</td>`));
  queryDb(dir, `DELETE FROM applicant_steps WHERE applicant_id = ${applicant}`);
  assert.match((await officer.get("/admin/")).body, new RegExp(`id="probation-${soon}"[^]*?</span></td><td class="date"[^>]*>not recorded</td>`));
  // One day is said in the singular.
  admit(soon, yearBefore(day(1)));
  admit(ended, yearBefore(day(-1)));
  const tomorrow = (await officer.get("/admin/")).body;
  assert.match(tomorrow, new RegExp(`id="probation-${soon}"[^]*?Ends in 1 day</span>`));
  assert.match(tomorrow, new RegExp(`id="probation-${ended}"[^]*?Ended 1 day ago</span>`));
  admit(soon, yearBefore(day(10)));
  admit(ended, yearBefore(day(-5)));
  queryDb(dir, `DELETE FROM party_applicants WHERE id = ${applicant}`);
  const none = (await officer.get("/admin/")).body;
  assert.match(none, new RegExp(`id="probation-${soon}"`));
  assert.doesNotMatch(none, /Applied for full membership/, "no way in on record: no column");
  assert.doesNotMatch(dash, new RegExp(`id="probation-${later}"`));
  assert.ok(dash.indexOf(`id="probation-${ended}"`) < dash.indexOf(`id="probation-${soon}"`), "soonest first");
  const member = (await officer.get(`/admin/org/members/${soon}`)).body;
  assert.match(member, new RegExp(`id="probation-ends">${day(10)}<`));
  // The test above moved member 1 away and back, vacating the post: the
  // secretary is made secretary again.
  queryDb(dir, `INSERT INTO member_posts (member_id, unit_id, post) VALUES (1, ${ownBranch}, 'secretary') ON CONFLICT DO NOTHING`);
  const sec = new Client(srv);
  await sec.signIn("cadre-secretary");
  const own = (await sec.get("/admin/")).body;
  assert.match(own, new RegExp(`id="probation-${soon}"`));
  assert.doesNotMatch(own, new RegExp(`id="probation-${ended}"`), "another branch's member is not the secretary's");
  // Made a full member: off the list.
  queryDb(dir, `UPDATE members SET status = 'full' WHERE id = ${soon}`);
  assert.doesNotMatch((await sec.get("/admin/")).body, new RegExp(`id="probation-${soon}"`));
});

test("the record check lists the members whose records break the rules, until mended", async () => {
  const officer = new Client(srv);
  await officer.signIn("officer");
  const before = await officer.get("/admin/org/check");
  assert.equal(before.status, 200);
  // A member whose record is sound (the tests above bent some of the
  // demo's records, which are listed already).
  const listed = new Set([...before.body.matchAll(/id="check-member-(\d+)"/g)].map((m) => m[1]));
  const m = queryDb(dir, "SELECT id FROM members WHERE branch_id = 5 ORDER BY id").trim().split("\n").find((id) => !listed.has(id));
  // Their birth date moved so that they joined at seventeen, as an old
  // system or a hand-edited file might have kept it.
  const [name, gender, birth, joined, phone, status, full, branch] =
    queryDb(dir, `SELECT name, gender, birth_date, joined_date, phone, status, full_date, branch_id FROM members WHERE id = ${m}`).trim().split("|");
  const young = `${Number(joined.slice(0, 4)) - 17}${joined.slice(4, 7)}-01`;
  const eighteen = `${Number(young.slice(0, 4)) + 18}${young.slice(4)}`;
  queryDb(dir, `UPDATE members SET birth_date = '${young}' WHERE id = ${m}`);
  const org = (await officer.get("/admin/org")).body;
  assert.match(org, /<p class="notice" id="record-problems">The records of \d+ members break the rules\. <a href="\/admin\/org\/check">Check the records<\/a><\/p>/);
  assert.match((await officer.get("/admin/")).body, /<p id="record-problems-note"><span class="badge overdue">Record check<\/span> <a href="\/admin\/org\/check">The records of \d+ members break the rules\.<\/a><\/p>/,
               "on the records officer's dashboard too");
  const check = (await officer.get("/admin/org/check")).body;
  assert.match(check, new RegExp(`<li id="check-member-${m}"><p class="check-who"><a href="/admin/org/members/${m}">${name}</a>[^]*?` +
                                 `<a href="/admin/org/members/${m}/edit">Edit</a></p>[^]*?` +
                                 `<li>Date joined: One joins the Party at eighteen or older: on ${eighteen} or later\\.</li>`));
  // In Chinese too.
  const zh = new Client(srv, { lang: "zh-CN" });
  await zh.signIn("chief");
  assert.equal((await zh.get("/admin/org/check")).status, 403, "the records officer's page: an admin is not one");
  const zhOfficer = new Client(srv, { lang: "zh-CN" });
  await zhOfficer.signIn("officer");
  assert.match((await zhOfficer.get("/admin/org/check")).body, new RegExp(`<li>入党日期：[^<]*${eighteen}[^<]*</li>`));
  // Mended with the member form: off the list.
  const res = await officer.post(`/admin/org/members/${m}/edit`,
                                 { name, gender, birth_date: birth, joined_date: joined, phone, status, full_date: full, branch });
  assert.equal(res.status, 303, "saved");
  assert.doesNotMatch((await officer.get("/admin/org/check")).body, new RegExp(`id="check-member-${m}"`));
  // A branch secretary and an editor have no such page.
  const sec = new Client(srv);
  await sec.signIn("cadre-secretary");
  assert.equal((await sec.get("/admin/org/check")).status, 403);
});

test("a new site's records officer sets up the organisation, adds branches, renames them, and a member goes in", async () => {
  const newDir = tempDir();
  addUser(newDir, "keeper", ["records-officer"]);
  addUser(newDir, "sec0", ["branch-secretary"]);
  addUser(newDir, "boss0", ["admin"]);
  const site = await startServer({ dataDir: newDir, demo: false });
  try {
    const c = new Client(site);
    await c.signIn("keeper");
    assert.match((await c.get("/admin/")).body, /id="org-setup-note">The party organisation is not set up yet[^<]*<a href="\/admin\/org#org-setup">Set up the party organisation<\/a>/,
      "the dashboard says where to begin");
    let page = await c.get("/admin/org");
    assert.equal(page.status, 200);
    assert.match(page.body, /<h2 id="h-setup">Set up the party organisation<\/h2>/);
    assert.match(page.body, /<input id="o-committee" name="committee" value="Organ Party Committee"/, "the usual name offered");
    assert.match(page.body, /No party branches yet\./);
    assert.doesNotMatch(page.body, /id="add-branch"/, "no branch before the committee");

    // Problems beside the fields, typed text kept, nothing stored.
    let r = await c.post("/admin/org/setup", { institution: "  ", committee: "x".repeat(51) });
    assert.equal(r.status, 422);
    assert.match(r.body, /<a href="#o-institution">Give the name\.<\/a>/);
    assert.match(r.body, /id="o-committee-error">At most 50 characters; this has 51\./);
    assert.match(r.body, new RegExp(`id="o-committee" name="committee" value="${"x".repeat(51)}"`));
    assert.equal(queryDb(newDir, "SELECT count(*) FROM org_units").trim(), "0");
    r = await c.post("/admin/org/setup", { institution: "某县人民检察院", committee: "机关党委" });
    assert.equal(r.status, 303, r.body.slice(0, 400));
    assert.equal(r.headers.location, "/admin/org?done=saved#add-branch");
    r = await c.post("/admin/org/setup", { institution: "又一个", committee: "机关党委" });
    assert.equal(r.status, 409, "once only");

    page = await c.get("/admin/org");
    assert.doesNotMatch(page.body, /id="h-setup"/);
    assert.doesNotMatch((await c.get("/admin/")).body, /org-setup-note/);
    assert.match(page.body, /<h2 id="h-add-branch">Add a party branch under 机关党委<\/h2>/);
    for (const [name, department] of [["第一检察部党支部", "第一检察部"], ["政治部党支部", "政治部"]]) {
      r = await c.post("/admin/org/branches", { name, department, position: "" });
      assert.equal(r.status, 303, r.body.slice(0, 400));
    }
    r = await c.post("/admin/org/branches", { name: "政治部党支部", department: "", position: "x" });
    assert.equal(r.status, 422);
    assert.match(r.body, /id="b-name-error">Another branch is called 政治部党支部\./);
    assert.match(r.body, /id="b-position-error">Give a whole number from 0 to 9999\./);
    assert.equal(queryDb(newDir, "SELECT count(*) FROM org_units WHERE kind = 'branch'").trim(), "2");
    page = await c.get("/admin/org");
    const order = [...page.body.matchAll(/<tr><td><a href="\/admin\/org\/branches\/(\d+)">([^<]+)<\/a><\/td><td[^>]*>([^<]*)<\/td>/g)].map((m) => [m[2], m[3]]);
    assert.deepEqual(order, [["第一检察部党支部", "第一检察部"], ["政治部党支部", "政治部"]], "in the order added");
    const politics = page.body.match(/href="\/admin\/org\/branches\/(\d+)">政治部党支部/)[1];

    // Renamed and moved first, from the branch's own page.
    const branchPage = await c.get(`/admin/org/branches/${politics}`);
    assert.match(branchPage.body, /<details class="add-form" id="edit-branch">/);
    r = await c.post(`/admin/org/units/${politics}`, { name: "政治部（机关党委办公室）党支部", department: "政治部", position: "0" });
    assert.equal(r.status, 303, r.body.slice(0, 400));
    assert.equal(r.headers.location, `/admin/org/branches/${politics}?done=saved`);
    page = await c.get("/admin/org");
    assert.match(page.body, /<tr><td><a href="\/admin\/org\/branches\/\d+">政治部（机关党委办公室）党支部<\/a>[^]*第一检察部党支部/, "first now");
    r = await c.post(`/admin/org/units/${politics}`, { name: "第一检察部党支部", department: "", position: "0" });
    assert.equal(r.status, 422, "names stay unique");
    assert.equal((await c.post("/admin/org/units/999", { name: "无" })).status, 404);

    // A member can now be added to a branch, and the audit log has it all.
    await c.get("/admin/org/members/new");
    r = await c.post("/admin/org/members", { name: "First Member", gender: "female", birth_date: "1980-01-01", joined_date: "2000-01-01", branch: politics, status: "full" });
    assert.equal(r.status, 303, r.body.slice(0, 400));
    const first = r.headers.location.match(/members\/(\d+)/)[1];
    await c.get("/admin/org/members/new");
    r = await c.post("/admin/org/members", { name: "Second Member", gender: "male", birth_date: "1981-01-01", joined_date: "2001-01-01", branch: politics, status: "full" });
    const second = r.headers.location.match(/members\/(\d+)/)[1];

    // The branch committee: the secretary post is appointed on the member's page, one holder at a time.
    const memberPage = (await c.get(`/admin/org/members/${first}`)).body;
    assert.match(memberPage, /<input type="checkbox" id="post-secretary" name="post" value="secretary"> <label for="post-secretary">Secretary<\/label>/);
    r = await c.post(`/admin/org/members/${first}/posts`, { posts_shown: "1", post: "secretary" });
    assert.equal(r.status, 303, r.body.slice(0, 400));
    assert.match((await c.get(`/admin/org/members/${first}`)).body, /id="post-secretary" name="post" value="secretary" checked>/);
    assert.match((await c.get("/admin/org")).body, /政治部（机关党委办公室）党支部<\/a><\/td><td[^>]*>政治部<\/td><td[^>]*>First Member<\/td>/, "the org page names the secretary");
    r = await c.post(`/admin/org/members/${second}/posts`, { posts_shown: "1", post: "secretary" });
    assert.equal(r.status, 422);
    assert.match(r.body, /First Member is this branch&apos;s secretary: take the post from them first, on their page\./);
    assert.equal((await c.post(`/admin/org/members/${second}/posts`, { posts_shown: "1", post: "king" })).status, 422);
    assert.equal((await c.post(`/admin/org/members/${first}/posts`, {})).status, 422, "no form, no clearing");
    assert.match((await c.get(`/admin/org/members/${first}`)).body, /value="secretary" checked>/, "still the secretary");
    assert.equal((await c.post(`/admin/org/members/${second}/posts`, { posts_shown: "1", post: "organization-member" })).status, 303);
    // Linked to the secretary's account, the branch is theirs to see.
    const sec0 = queryDb(newDir, "SELECT id FROM users WHERE name = 'sec0'").trim();
    assert.equal((await c.post(`/admin/org/members/${first}/account`, { user: sec0 })).status, 303);
    const secretary = new Client(site);
    await secretary.signIn("sec0");
    const own = await secretary.get("/admin/org");
    assert.equal(own.status, 303);
    assert.equal(own.headers.location, `/admin/org/branches/${politics}`, "straight to their own branch");
    const chief = queryDb(newDir, "SELECT action || ' ' || detail FROM audit_log WHERE action LIKE 'org.%' OR action = 'member.posts' ORDER BY id");
    assert.match(chief, /^member\.posts posts=secretary@\d{4}-\d{2}-\d{2}$/m);
    assert.match(chief, /^member\.posts posts=organization-member@\d{4}-\d{2}-\d{2}$/m);
    assert.match(chief, /^org\.setup institution=某县人民检察院 committee=机关党委$/m);
    assert.match(chief, /^org\.branch\.create name=第一检察部党支部 department=第一检察部$/m);
    assert.match(chief, /^org\.unit\.update 政治部党支部 -> 政治部（机关党委办公室）党支部$/m);
    // The audit log names the posts in the reader's words, not by their codes.
    const boss = new Client(site, { lang: null });
    await boss.signIn("boss0");
    const log = (await boss.audit("action=member.posts")).body;
    assert.match(log, /职务：书记（自 \d{4}-\d\d-\d\d 起）/, log.slice(0, 2000));
    assert.match(log, /职务：组织委员（自 \d{4}-\d\d-\d\d 起）/);
    assert.doesNotMatch(log, /posts=/);

    // Only the records officer.
    assert.equal((await secretary.post("/admin/org/branches", { name: "X" })).status, 403);
    assert.equal((await secretary.post(`/admin/org/members/${second}/posts`, { posts_shown: "1", post: "secretary" })).status, 403);
  } finally {
    await site.stop();
  }
});
