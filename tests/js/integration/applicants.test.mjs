// 发展党员 over HTTP against the real server and its database: the demo's
// applicants by stage, entering one (checked: age, order, the activist's
// year), each stage recorded in turn, admission making the probationary
// member's record, the audit, and a secretary kept to their own branch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client, signedIn } from "../lib/newsroom.mjs";
import { readXlsx } from "../lib/xlsx.mjs";

Client.defaultLang = "en";

let srv, dir, ownBranch, otherBranch;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });  // the demo, with five applicants
  await srv.stop();
  ownBranch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 1").trim();
  otherBranch = queryDb(dir, `SELECT id FROM org_units WHERE kind = 'branch' AND id <> ${ownBranch} ORDER BY id LIMIT 1`).trim();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec1", ["branch-secretary"], undefined, ["--member", "1"]);  // secretary of ownBranch
  addUser(dir, "ed", ["editor"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

async function as(name) {
  const c = await signedIn(srv, name);
  await c.get("/admin/");
  return c;
}
const rows = (sql) => queryDb(dir, sql).trim();
const idFrom = (res) => res.headers.location.split("?")[0].split("/").pop();
const daysAgo = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);

test("the officer sees every branch's applicants by stage, furthest first, with who is ready", async () => {
  const c = await as("officer");
  const page = await c.get("/admin/org/applicants");
  assert.equal(page.status, 200);
  const order = [...page.body.matchAll(/<h2 id="stage-(\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(order, ["candidate", "activist", "applicant", "admitted"]);
  assert.equal((page.body.match(/href="\/admin\/org\/applicants\/\d+"/g) ?? []).length, 5);
  // The activist named 430 days ago may be named a candidate now; the one named 240 days ago not yet.
  const activists = page.body.split('id="stage-activist"')[1].split("<h2")[0];
  assert.match(activists, /示例 李敏[\s\S]*?<strong>now<\/strong>/);
  assert.match(activists, new RegExp(`示例 周宁[\\s\\S]*?<td[^>]*>${daysAgo(240 - 365)}</td>`));
  assert.match(page.body, /<a href="\/admin\/org\/members\/\d+">\d{4}-\d\d-\d\d<\/a>/, "the admitted one links to their member record");
  assert.match((await c.get("/admin/org")).body, /id="applicants-link"/);
  assert.match((await c.get("/admin/")).body, /id="applicants-ready-note">.*Activists trained for a year or more, ready to be named candidates: 1\./);
});

test("entering an applicant is checked: age at application, stages in order, a year as an activist", async () => {
  const c = await as("officer");
  await c.get("/admin/org/applicants/new");
  const bad = await c.post("/admin/org/applicants", { name: "Sample Young", gender: "male", birth_date: "2010-01-01", branch: ownBranch, applied_on: "2025-01-01", activist_on: "2025-06-01", candidate_on: "2025-12-01" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /href="#p-applied">One applies to join the Party at eighteen or older: on 2028-01-01 or later\./);
  const early = await c.post("/admin/org/applicants", { name: "Sample Early", gender: "male", birth_date: "1990-01-01", branch: ownBranch, applied_on: "2025-01-01", activist_on: "2025-06-01", candidate_on: "2025-12-01" });
  assert.equal(early.status, 422);
  assert.match(early.body, /href="#p-candidate">A candidate is named after a year or more as an activist: on 2026-06-01 or later\./);
  assert.match(early.body, /id="p-candidate" name="candidate_on" type="date" value="2025-12-01"/, "what was typed stays");
  const before = rows("SELECT count(*) FROM party_applicants");
  assert.equal((await c.post("/admin/org/applicants", { name: "", gender: "x", branch: "99999", applied_on: "soon" })).status, 422);
  assert.equal(rows("SELECT count(*) FROM party_applicants"), before, "nothing written");
});

test("each stage in turn; admission makes the probationary member, audited", async () => {
  const c = await as("sec1");
  await c.get("/admin/org/applicants/new");
  const made = await c.post("/admin/org/applicants", { name: "Sample Way In", gender: "female", birth_date: "1999-03-04", branch: ownBranch, phone: "555-0199-0100", applied_on: daysAgo(800) });
  assert.equal(made.status, 303, made.body);
  const id = idFrom(made);
  let page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, /id="applicant-stage">Applicant</);
  assert.match(page.body, /<h2>Name as an activist \(入党积极分子\)<\/h2>/);
  assert.equal((await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(700) })).status, 303);
  // A candidate a day short of the year: refused on the page, nothing written.
  const short = await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(336) });
  assert.equal(short.status, 422);
  assert.match(short.body, /href="#next-date">A candidate is named after a year or more as an activist: on [\d-]+ or later\./);
  assert.equal(rows(`SELECT candidate_on FROM party_applicants WHERE id = ${id}`), "");
  assert.equal((await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(300) })).status, 303);
  page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, /id="applicant-stage">Candidate</);
  assert.match(page.body, /Once the branch meeting has voted to admit them/);
  // Admission needs two different full members as sponsors.
  const [s1, s2] = rows(`SELECT id FROM members WHERE branch_id = ${ownBranch} AND status = 'full' ORDER BY id LIMIT 2`).split("\n");
  const probationer = rows(`SELECT id FROM members WHERE status = 'probationary' ORDER BY id LIMIT 1`);
  for (const [sponsors, why] of [[{}, /Choose two different full members as sponsors/], [{ sponsor1: s1, sponsor2: s1 }, /Choose two different full members/],
    [{ sponsor1: s1, sponsor2: probationer }, /A sponsor must be a full member of the Party/]]) {
    const refused = await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(10), ...sponsors });
    assert.equal(refused.status, 422);
    assert.match(refused.body, why);
  }
  // A sponsor who became full only after the day of the admission.
  const fullOn = rows(`SELECT full_date FROM members WHERE id = ${s2}`);
  queryDb(dir, `UPDATE members SET full_date = '${daysAgo(5)}' WHERE id = ${s2}`);
  const notYet = await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(10), sponsor1: s1, sponsor2: s2 });
  assert.equal(notYet.status, 422);
  assert.match(notYet.body, new RegExp(`became a full member on ${daysAgo(5)}, after this admission`));
  queryDb(dir, `UPDATE members SET full_date = '${fullOn}' WHERE id = ${s2}`);
  assert.equal(rows(`SELECT admitted_on FROM party_applicants WHERE id = ${id}`), "", "nothing written");
  page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, new RegExp(`<select id="sponsor1" name="sponsor1" required>.*<option value="${s1}">`));
  const admitted = await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(10), sponsor1: s1, sponsor2: s2 });
  assert.equal(admitted.status, 303);
  const member = idFrom(admitted);
  assert.match(admitted.headers.location, /^\/admin\/org\/members\/\d+/);
  assert.equal(rows(`SELECT name || '|' || status || '|' || joined_date || '|' || branch_id || '|' || phone FROM members WHERE id = ${member}`),
    `Sample Way In|probationary|${daysAgo(10)}|${ownBranch}|555-0199-0100`);
  assert.equal(rows(`SELECT member_id || '|' || sponsor1_id || '|' || sponsor2_id FROM party_applicants WHERE id = ${id}`), `${member}|${s1}|${s2}`);
  const record = await c.get(`/admin/org/members/${member}`);
  assert.match(record.body, new RegExp(`id="way-in-applied">${daysAgo(800)}<`), "the member's page keeps the way in");
  assert.match(record.body, new RegExp(`<a href="/admin/org/applicants/${id}" id="way-in-link">`), "and links to the applicant's record");
  assert.equal(rows(`SELECT action FROM audit_log WHERE object_type = 'applicant' AND object_id = ${id} AND action <> 'applicant.view' ORDER BY id`),
    "applicant.create\napplicant.advance\napplicant.advance\napplicant.advance");
  assert.equal(rows(`SELECT detail FROM audit_log WHERE action = 'applicant.advance' AND object_id = ${id} ORDER BY id DESC LIMIT 1`), `admitted on ${daysAgo(10)}`);
  // Once admitted: no further stage, no editing.
  assert.equal((await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(1) })).status, 422);
  assert.equal((await c.get(`/admin/org/applicants/${id}/edit`)).status, 409);
  page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, /id="member-link"/);
  assert.match(page.body, new RegExp(`id="sponsors">${rows(`SELECT name FROM members WHERE id = ${s1}`)}, `));
  assert.doesNotMatch(page.body, /id="advance-form"/);
});

test("an application no longer pursued: stopped with a day and a reason, kept, and taken out of the stages", async () => {
  const c = await as("officer");
  await c.get("/admin/org/applicants/new");
  const made = await c.post("/admin/org/applicants", { name: "Sample Stopping", gender: "male", birth_date: "1995-01-01", branch: ownBranch, applied_on: daysAgo(400), activist_on: daysAgo(380) });
  assert.equal(made.status, 303, made.body);
  const id = idFrom(made);
  const noReason = await c.post(`/admin/org/applicants/${id}/stop`, { stopped_on: daysAgo(3), stop_reason: " " });
  assert.equal(noReason.status, 422);
  assert.match(noReason.body, /href="#stop-reason">Say why the application stopped/);
  assert.match(noReason.body, /<details id="stop-details" class="no-print" open>/, "the form stays open on an error");
  const tooEarly = await c.post(`/admin/org/applicants/${id}/stop`, { stopped_on: daysAgo(401), stop_reason: "Withdrew" });
  assert.equal(tooEarly.status, 422);
  assert.equal((await c.post(`/admin/org/applicants/${id}/stop`, { stopped_on: daysAgo(3), stop_reason: "Withdrew the application" })).status, 303);
  const page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, /id="applicant-stage">No longer pursued</);
  assert.match(page.body, /id="stop-reason-text">Withdrew the application</);
  assert.doesNotMatch(page.body, /id="advance-form"|id="stop-form"/);
  assert.equal((await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(1) })).status, 422);
  assert.equal((await c.post(`/admin/org/applicants/${id}/stop`, { stopped_on: daysAgo(1), stop_reason: "Again" })).status, 422);
  const list = (await c.get("/admin/org/applicants")).body;
  assert.match(list.split('id="stage-stopped"')[1], /Sample Stopping/);
  assert.doesNotMatch(list.split('id="stage-stopped"')[0], /Sample Stopping/);
  assert.equal(rows(`SELECT detail FROM audit_log WHERE action = 'applicant.stop' AND object_id = ${id}`), `on ${daysAgo(3)}: Withdrew the application`);
});

test("the roster as XLSX: every applicant in reach with stage, dates and any stop, audited", async () => {
  const c = await as("officer");
  const res = await c.get("/admin/org/applicants.xlsx");
  assert.equal(res.status, 200);
  const sheet = readXlsx(res.raw).Applicants;
  assert.ok(sheet, "the sheet");
  const header = sheet.findIndex((r) => r[0] === "Name");
  assert.deepEqual(sheet[header].slice(0, 12), ["Name", "Gender", "Date of birth", "Branch", "Phone", "Stage", "Applied", "Activist since", "Candidate since", "Admitted", "Stopped", "Reason"]);
  // Then the ledger: one column per step of the way in, with the day it was done.
  assert.equal(sheet[header].length, 12 + 15);
  assert.equal(sheet[header][12], "Talk with the applicant within a month (谈话)");
  const oath = sheet[header].indexOf("Oath taken (入党宣誓)");
  assert.equal(sheet.find((r) => r[0] === "示例 刘洋")[oath], rows("SELECT done_on FROM applicant_steps s JOIN party_applicants a ON a.id = s.applicant_id WHERE a.name = '示例 刘洋' AND s.step = 'oath'"));
  assert.equal(sheet.length - header - 1, Number(rows("SELECT count(*) FROM party_applicants")));
  assert.ok(sheet.some((r) => r[0] === "示例 刘洋" && r[5] === "Admitted"));
  assert.match(rows("SELECT detail FROM audit_log WHERE action = 'applicant.export' ORDER BY id DESC LIMIT 1"), /^\d+ applicants$/);
  const sec = await as("sec1");
  const own = readXlsx((await sec.get("/admin/org/applicants.xlsx")).raw).Applicants;
  assert.equal(own.length - header - 1, Number(rows(`SELECT count(*) FROM party_applicants WHERE branch_id = ${ownBranch}`)), "a secretary's own branch only");
});

test("a secretary keeps only their own branch's applicants; others have none", async () => {
  const sec = await as("sec1");
  const list = await sec.get("/admin/org/applicants");
  assert.equal(list.status, 200);
  const otherId = rows(`SELECT id FROM party_applicants WHERE branch_id = ${otherBranch} ORDER BY id LIMIT 1`);
  assert.ok(otherId, "the demo has an applicant in another branch");
  assert.doesNotMatch(list.body, new RegExp(`href="/admin/org/applicants/${otherId}"`));
  assert.equal((await sec.get(`/admin/org/applicants/${otherId}`)).status, 403);
  assert.equal((await sec.post(`/admin/org/applicants/${otherId}/advance`, { date: daysAgo(1) })).status, 403);
  assert.equal((await sec.post("/admin/org/applicants", { name: "Sample Elsewhere", gender: "male", birth_date: "1990-01-01", branch: otherBranch, applied_on: daysAgo(5) })).status, 403);
  const own = rows(`SELECT id FROM party_applicants WHERE branch_id = ${ownBranch} AND admitted_on = '' ORDER BY id LIMIT 1`);
  await sec.get(`/admin/org/applicants/${own}/edit`);
  const moved = await sec.post(`/admin/org/applicants/${own}/edit`, { name: "示例 王晓", gender: "female", birth_date: "2000-04-12", branch: otherBranch, applied_on: daysAgo(200) });
  assert.equal(moved.status, 403, "not moved out of reach");
  const ed = await as("ed");
  assert.equal((await ed.get("/admin/org/applicants")).status, 403);
  assert.ok(Number(rows("SELECT count(*) FROM audit_log WHERE action = 'applicant.view'")) > 0, "readings are audited");
});

test("the steps of the way in: dated within their stage, the contacts two full members, deadlines until done, cleared when wrong, audited", async () => {
  const c = await as("officer");
  // The demo's applicant of 200 days has had no talk: a month was the deadline.
  const wang = rows("SELECT id FROM party_applicants WHERE name = '示例 王晓'");
  assert.match((await c.get("/admin/org/applicants")).body,
    new RegExp(`href="/admin/org/applicants/${wang}">示例 王晓</a><br><span class="badge overdue">Overdue: Talk with the applicant within a month \\(谈话\\)</span>`));
  assert.match((await c.get("/admin/")).body, /id="applicants-overdue-note">.*Steps of the way in past their deadline: \d+\./);
  await c.get("/admin/org/applicants/new");
  const made = await c.post("/admin/org/applicants", { name: "Sample Steps", gender: "female", birth_date: "1998-02-03", branch: ownBranch, applied_on: daysAgo(60) });
  assert.equal(made.status, 303, made.body);
  const id = idFrom(made);
  let page = await c.get(`/admin/org/applicants/${id}`);
  assert.match(page.body, /<li id="step-talk">[\s\S]*?not recorded[\s\S]*?class="badge overdue">overdue: due by \d{4}-\d\d-\d\d</);
  assert.doesNotMatch(page.body, /id="step-political_review"/, "a candidate's steps are not an applicant's");
  // Outside the stage, a stage not reached, an unknown step: refused, nothing written.
  const early = await c.post(`/admin/org/applicants/${id}/steps`, { step: "talk", done_on: daysAgo(61) });
  assert.equal(early.status, 422);
  assert.match(early.body, new RegExp(`href="#step-date">Enter a date from ${daysAgo(60)} to ${daysAgo(0)}, YYYY-MM-DD\\.`));
  assert.match(early.body, /<details id="step-details" class="no-print" open>/);
  const later = await c.post(`/admin/org/applicants/${id}/steps`, { step: "political_review", done_on: daysAgo(1) });
  assert.equal(later.status, 422);
  assert.match(later.body, /href="#step-code">This step belongs to a stage not reached yet\./);
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps`, { step: "picnic", done_on: daysAgo(1) })).status, 422);
  assert.equal(rows(`SELECT count(*) FROM applicant_steps WHERE applicant_id = ${id}`), "0");
  // The talk, with who held it and a note.
  const [full1, full2] = rows(`SELECT id FROM members WHERE branch_id = ${ownBranch} AND status = 'full' ORDER BY id LIMIT 2`).split("\n");
  const probationer = rows(`SELECT id FROM members WHERE status = 'probationary' ORDER BY id LIMIT 1`);
  const talked = await c.post(`/admin/org/applicants/${id}/steps`, { step: "talk", done_on: daysAgo(50), person1: full1, note: "In the branch office" });
  assert.equal(talked.status, 303);
  assert.match(talked.headers.location, new RegExp(`^/admin/org/applicants/${id}\\?done=saved#step-talk$`));
  page = await c.get(`/admin/org/applicants/${id}`);
  const name1 = rows(`SELECT name FROM members WHERE id = ${full1}`);
  assert.match(page.body, new RegExp(`<li id="step-talk">[\\s\\S]*?<span class="step-done">${daysAgo(50)}</span>, ${name1} \\(In the branch office\\)`));
  assert.doesNotMatch(page.body.split('id="step-talk"')[1].split("</li>")[0], /overdue/);
  assert.doesNotMatch((await c.get("/admin/org/applicants")).body, /Sample Steps<\/a><br>/, "no longer overdue");
  // Named an activist: the contacts are two different full members.
  assert.equal((await c.post(`/admin/org/applicants/${id}/advance`, { date: daysAgo(20) })).status, 303);
  for (const [people, why] of [[{ person1: full1 }, /Choose two different full members as the contacts\./],
    [{ person1: full1, person2: probationer }, /A contact must be a full member of the Party\./]]) {
    const refused = await c.post(`/admin/org/applicants/${id}/steps`, { step: "contacts", done_on: daysAgo(19), ...people });
    assert.equal(refused.status, 422);
    assert.match(refused.body, why);
  }
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps`, { step: "activist_filed", done_on: daysAgo(19), person1: full1 })).status, 422, "this step names no member");
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps`, { step: "contacts", done_on: daysAgo(19), person1: full1, person2: full2 })).status, 303);
  assert.equal(rows(`SELECT person1_id || '|' || person2_id FROM applicant_steps WHERE applicant_id = ${id} AND step = 'contacts'`), `${full1}|${full2}`);
  // The talk is now of a stage passed: dated before the naming as an activist.
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps`, { step: "talk", done_on: daysAgo(10) })).status, 422);
  // An edit that would leave a recorded step outside its stage is refused.
  await c.get(`/admin/org/applicants/${id}/edit`);
  const moved = await c.post(`/admin/org/applicants/${id}/edit`, { name: "Sample Steps", gender: "female", birth_date: "1998-02-03", branch: ownBranch, applied_on: daysAgo(60), activist_on: daysAgo(18) });
  assert.equal(moved.status, 422);
  assert.match(moved.body, new RegExp(`The step “Two contacts named \\(培养联系人\\)” recorded on ${daysAgo(19)} would fall outside its stage`));
  assert.equal(rows(`SELECT activist_on FROM party_applicants WHERE id = ${id}`), daysAgo(20));
  // A row's link opens the form on its step.
  page = await c.get(`/admin/org/applicants/${id}?step=activist_filed`);
  assert.match(page.body, /<details id="step-details" class="no-print" open>/);
  assert.match(page.body, /<option value="activist_filed" selected>/);
  assert.match(page.body, new RegExp(`href="/admin/org/applicants/${id}\\?step=assessment#step-details"`));
  // Cleared when recorded by mistake; a second clear finds nothing.
  const ask = await c.post(`/admin/org/applicants/${id}/steps/talk/clear`, {});
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Clear the record of the step “Talk with the applicant within a month \(谈话\)”\?/);
  assert.equal(rows(`SELECT count(*) FROM applicant_steps WHERE applicant_id = ${id} AND step = 'talk'`), "1", "asked first");
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps/talk/clear`, { confirm: "1" })).status, 303);
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps/talk/clear`, { confirm: "1" })).status, 404);
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps/picnic/clear`, { confirm: "1" })).status, 404);
  assert.equal(rows(`SELECT step FROM applicant_steps WHERE applicant_id = ${id} ORDER BY step`), "contacts");
  assert.equal(rows(`SELECT action || ':' || detail FROM audit_log WHERE object_type = 'applicant' AND object_id = ${id} AND action LIKE 'applicant.step%' ORDER BY id`),
    `applicant.step:talk on ${daysAgo(50)}\napplicant.step:contacts on ${daysAgo(19)}\napplicant.step_clear:talk`);
  // A candidate's admission form names the steps not recorded yet.
  const chen = rows("SELECT id FROM party_applicants WHERE name = '示例 陈静'");
  assert.match((await c.get(`/admin/org/applicants/${chen}`)).body, /id="missing-steps">[\s\S]*?Public notice \(公示\)[\s\S]*?Pre-review by the higher committee \(预审\)/);
  // The member's record shows the approval and the oath of their way in.
  const liu = rows("SELECT member_id FROM party_applicants WHERE name = '示例 刘洋'");
  const stepOf = (step) => rows(`SELECT done_on FROM applicant_steps s JOIN party_applicants a ON a.id = s.applicant_id WHERE a.name = '示例 刘洋' AND s.step = '${step}'`);
  const record = (await c.get(`/admin/org/members/${liu}`)).body;
  assert.match(record, new RegExp(`id="way-in-approved">${stepOf("approval")}<`));
  assert.match(record, new RegExp(`id="way-in-oath">${stepOf("oath")}<`));
  assert.doesNotMatch(record, /way-in-full-application/, "no application recorded yet");
  // The written application for full membership (转正申请) is a step after admission.
  const liuApplicant = rows("SELECT id FROM party_applicants WHERE name = '示例 刘洋'");
  assert.equal((await c.post(`/admin/org/applicants/${liuApplicant}/steps`, { step: "full_application", done_on: daysAgo(2) })).status, 303);
  assert.match((await c.get(`/admin/org/members/${liu}`)).body, new RegExp(`id="way-in-full-application">${daysAgo(2)}<`));
  // A stopped application takes no steps; another branch's secretary none at all.
  assert.equal((await c.post(`/admin/org/applicants/${id}/stop`, { stopped_on: daysAgo(1), stop_reason: "Moved away" })).status, 303);
  assert.doesNotMatch((await c.get(`/admin/org/applicants/${id}`)).body, /id="step-form"|step-clear/);
  assert.equal((await c.post(`/admin/org/applicants/${id}/steps`, { step: "activist_filed", done_on: daysAgo(1) })).status, 422);
  const otherId = rows(`SELECT id FROM party_applicants WHERE branch_id = ${otherBranch} ORDER BY id LIMIT 1`);
  const sec = await as("sec1");
  assert.equal((await sec.post(`/admin/org/applicants/${otherId}/steps`, { step: "talk", done_on: daysAgo(1) })).status, 403);
  assert.equal((await sec.post(`/admin/org/applicants/${otherId}/steps/talk/clear`, {})).status, 403);
});

test("applicants kept on paper are imported from the template, all or nothing, with their steps", async () => {
  const c = await as("officer");
  const form = await c.get("/admin/org/applicants/import");
  assert.equal(form.status, 200);
  assert.match(form.body, /Required columns: Name, Gender, Date of birth, Branch, Applied\./);
  const template = readXlsx((await c.get("/admin/org/applicants/import-template.xlsx")).raw).Applicants;
  assert.deepEqual(template[0].slice(0, 8), ["Name", "Gender", "Date of birth", "Branch", "Phone", "Applied", "Activist since", "Candidate since"]);
  assert.ok(template[0].includes("Political review (政治审查)"));
  const contactsAt = template[0].indexOf("Two contacts named (培养联系人)");
  assert.equal(template[0][contactsAt + 1], "The two contacts (培养联系人)", "the contacts' names beside their date");
  const branchName = rows(`SELECT name FROM org_units WHERE id = ${ownBranch}`);
  const before = rows("SELECT count(*) FROM party_applicants");
  const header = "Name,Gender,Date of birth,Branch,Applied,Activist since,Talk with the applicant within a month (谈话)";
  // One bad row: nothing is written, each problem named by row and column.
  const bad = `${header}\nSample Paper One,女,1997-05-06,${branchName},${daysAgo(500)},${daysAgo(400)},${daysAgo(450)}\nSample Paper Two,x,1990-01-01,No Such Branch,${daysAgo(300)},,${daysAgo(310)}\n`;
  let res = await c.upload("/admin/org/applicants/import", [["file", { filename: "paper.csv", type: "text/csv", data: Buffer.from(bad) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /<li>Row 3, column B: Choose male or female\.<\/li>/);
  assert.match(res.body, /<li>Row 3, column D: Choose an existing party branch\.<\/li>/);
  assert.match(res.body, new RegExp(`<li>Row 3, column G: Enter a date from ${daysAgo(300)} to ${daysAgo(0)}, YYYY-MM-DD\\.</li>`));
  assert.equal(rows("SELECT count(*) FROM party_applicants"), before, "nothing written");
  assert.equal((await c.upload("/admin/org/applicants/import", [["file", { filename: "x.csv", type: "text/csv", data: Buffer.from("Colour\nred\n") }]])).status, 422);
  // Right: both written, with the step, audited; the list says how many.
  const good = `${header}\nSample Paper One,女,1997-05-06,${branchName},${daysAgo(500)},${daysAgo(400)},${daysAgo(450)}\nSample Paper Two,男,1990-01-01,${branchName},${daysAgo(300)},,${daysAgo(290)}\n`;
  res = await c.upload("/admin/org/applicants/import", [["file", { filename: "paper.csv", type: "text/csv", data: Buffer.from(good) }]]);
  assert.equal(res.status, 303, res.body);
  assert.match(res.headers.location, /^\/admin\/org\/applicants\?imported=2/);
  assert.match((await c.get(res.headers.location)).body, /id="imported-note"><p>2 applicants were imported\.<\/p>/);
  assert.equal(rows("SELECT count(*) FROM party_applicants"), String(Number(before) + 2));
  assert.equal(rows("SELECT a.activist_on || '|' || s.done_on FROM party_applicants a JOIN applicant_steps s ON s.applicant_id = a.id WHERE a.name = 'Sample Paper One' AND s.step = 'talk'"), `${daysAgo(400)}|${daysAgo(450)}`);
  assert.equal(rows("SELECT detail FROM audit_log WHERE action = 'applicant.import' ORDER BY id DESC LIMIT 1"), "2 applicants");
  // Kept on paper with the contacts' names: they become the members named.
  const [c1, c2] = rows(`SELECT name FROM members WHERE branch_id = ${ownBranch} AND status = 'full' AND name IN (SELECT name FROM members GROUP BY name HAVING count(*) = 1) ORDER BY id LIMIT 2`).split("\n");
  const withContacts = `Name,Gender,Date of birth,Branch,Applied,Activist since,Two contacts named (培养联系人),培养联系人\n` +
    `Sample Paper Three,女,1996-02-03,${branchName},${daysAgo(500)},${daysAgo(400)},${daysAgo(390)},${c1}、${c2}\n`;
  res = await c.upload("/admin/org/applicants/import", [["file", { filename: "paper.csv", type: "text/csv", data: Buffer.from(withContacts.replace(c2, "Nobody Such")) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /<li>Row 2, column H: No member is named &quot;Nobody Such&quot;\.<\/li>/);
  res = await c.upload("/admin/org/applicants/import", [["file", { filename: "paper.csv", type: "text/csv", data: Buffer.from(withContacts) }]]);
  assert.equal(res.status, 303, res.body);
  assert.equal(rows("SELECT (SELECT name FROM members WHERE id = s.person1_id) || '|' || (SELECT name FROM members WHERE id = s.person2_id) FROM party_applicants a JOIN applicant_steps s ON s.applicant_id = a.id WHERE a.name = 'Sample Paper Three' AND s.step = 'contacts'"), `${c1}|${c2}`);
  // The same file again: they are on record now.
  res = await c.upload("/admin/org/applicants/import", [["file", { filename: "paper.csv", type: "text/csv", data: Buffer.from(good) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Row 2, column A: This applicant is already on record or earlier in the file\./);
  // A secretary imports into their own branch only.
  const sec = await as("sec1");
  const otherName = rows(`SELECT name FROM org_units WHERE id = ${otherBranch}`);
  res = await sec.upload("/admin/org/applicants/import", [["file", { filename: "p.csv", type: "text/csv", data: Buffer.from(`Name,Gender,Date of birth,Branch,Applied\nSample Elsewhere Paper,男,1990-01-01,${otherName},${daysAgo(30)}\n`) }]]);
  assert.equal(res.status, 422);
  assert.match(res.body, /Row 2, column D: You may keep only your own branch&apos;s applicants\./);
  const ed = await as("ed");
  assert.equal((await ed.get("/admin/org/applicants/import")).status, 403);
});

test("a deadline within two weeks is shown on the list before it is missed", async () => {
  const c = await as("officer");
  await c.get("/admin/org/applicants/new");
  const made = await c.post("/admin/org/applicants", { name: "Sample Soon", gender: "male", birth_date: "1996-02-03", branch: ownBranch, applied_on: daysAgo(20) });
  assert.equal(made.status, 303, made.body);
  const list = (await c.get("/admin/org/applicants")).body;
  assert.match(list, /Sample Soon<\/a><br><span class="badge soon">Due within two weeks: Talk with the applicant within a month \(谈话\)<\/span>/);
  await c.get("/admin/org/applicants/new");
  assert.equal((await c.post("/admin/org/applicants", { name: "Sample Later", gender: "male", birth_date: "1996-02-04", branch: ownBranch, applied_on: daysAgo(5) })).status, 303);
  assert.doesNotMatch((await c.get("/admin/org/applicants")).body, /Sample Later<\/a><br>/, "a month away: nothing yet");
});

test("after the probation, a step of the way in left unrecorded is no longer overdue", async () => {
  const c = await as("officer");
  const applicant = rows("SELECT id FROM party_applicants WHERE name = '示例 刘洋'");
  const member = rows(`SELECT member_id FROM party_applicants WHERE id = ${applicant}`);
  // Admitted 200 days ago, the higher committee's approval never recorded.
  queryDb(dir, `DELETE FROM applicant_steps WHERE applicant_id = ${applicant} AND step = 'approval'`);
  queryDb(dir, `UPDATE party_applicants SET admitted_on = '${daysAgo(200)}' WHERE id = ${applicant}`);
  queryDb(dir, `UPDATE members SET status = 'probationary', full_date = '' WHERE id = ${member}`);
  const approvalRow = async () => (await c.get(`/admin/org/applicants/${applicant}`)).body.split('id="step-approval"')[1].split("</li>")[0];
  assert.match(await approvalRow(), /class="badge overdue">overdue: due by \d{4}-\d\d-\d\d/);
  assert.match((await c.get("/admin/org/applicants")).body, /示例 刘洋<\/a><br><span class="badge overdue">Overdue: Approved by the higher committee/);
  // A full member now: the step stays unrecorded, with no deadline.
  queryDb(dir, `UPDATE members SET status = 'full', full_date = '${daysAgo(5)}' WHERE id = ${member}`);
  const row = await approvalRow();
  assert.match(row, /not recorded/);
  assert.doesNotMatch(row, /badge (overdue|soon)/);
  assert.doesNotMatch((await c.get("/admin/org/applicants")).body, /示例 刘洋<\/a><br><span class="badge/);
});
