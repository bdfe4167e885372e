// Members report training taken elsewhere themselves (学时申报) over
// HTTP: the form with a certificate checked by content, the records
// officer's queue with confirm and return, the member's withdrawal, who
// may download a certificate, and that only a confirmed report counts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, queryDb, ROOT } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
const year = today.slice(0, 4);
const pdf = readFileSync(join(ROOT, "tests/fixtures/sample.pdf"));
const photo = readFileSync(join(ROOT, "tests/fixtures/photo-with-exif.jpg"));

let srv, dir, plain, attendee;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  plain = "3";
  const branch = queryDb(dir, `SELECT branch_id FROM members WHERE id = ${plain}`).trim();
  const secretary = queryDb(dir, `SELECT member_id FROM member_posts WHERE unit_id = ${branch} AND post = 'secretary'`).trim();
  attendee = queryDb(dir, `SELECT id FROM members WHERE id NOT IN (${plain}, ${secretary}) ORDER BY id LIMIT 1`).trim();
  addUser(dir, "officer", ["records-officer"]);
  addUser(dir, "sec", ["branch-secretary"], undefined, ["--member", secretary]);
  addUser(dir, "plain", ["member"], undefined, ["--member", plain]);
  addUser(dir, "other", ["member"], undefined, ["--member", attendee]);
  addUser(dir, "unlinked", ["member"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const fields = (extra = {}) => Object.entries({
  title: "学习贯彻党的二十届三中全会精神网络专题班", organizer: "中国干部网络学院", kind: "online",
  start_date: today, end_date: today, hours: "12", note: "", ...extra,
});
const send = (c, extra, file) => c.upload("/admin/training/reports", file ? [...fields(extra), ["certificate", file]] : fields(extra));
const certificates = () => readdirSync(join(dir, "certificates"), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
const yearTotal = async (c, path) =>
  Number((await c.get(path)).body.match(new RegExp(`<p id="year-${year}-summary">([\\d.]+) hours of`))[1]);
const audited = (action) => queryDb(dir, `SELECT count(*) FROM audit_log WHERE action = '${action}'`).trim();

test("a member reports a course with a certificate; it waits, and does not count until confirmed", async () => {
  const me = new Client(srv);
  await me.signIn("plain");
  const own = (await me.get("/admin/training/mine")).body;
  assert.match(own, /<a href="\/admin\/training\/reports\/new" class="button" id="report-training">Report training taken elsewhere<\/a>/);
  const totalBefore = await yearTotal(me, "/admin/training/mine");
  const form = await me.get("/admin/training/reports/new");
  assert.equal(form.status, 200);
  assert.match(form.body, /<form method="post" action="\/admin\/training\/reports" class="form narrow" enctype="multipart\/form-data">/);
  assert.match(form.body, /<input id="o-certificate" name="certificate" type="file" accept="application\/pdf,image\/jpeg,image\/png,image\/webp"/);
  assert.match(form.body, /<input type="radio" id="o-kind-o" name="kind" value="online" checked>/, "online is the usual case");

  // Every problem at once, the certificate's included; nothing is kept.
  const bad = await send(me, { hours: "0", end_date: "2999-01-01" }, { filename: "cert.exe", data: Buffer.from("MZ\x90\x00 not a certificate") });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /<a href="#o-hours">Hours must be more than 0 and at most 1000\.<\/a>/);
  assert.match(bad.body, /<a href="#o-certificate">Use a PDF, JPEG, PNG or WebP file for the certificate\.<\/a>/);
  assert.match(bad.body, /<a href="#o-end">Record a course once it has ended/);
  assert.match(bad.body, /value="中国干部网络学院"/, "what was typed comes back");
  assert.equal(queryDb(dir, "SELECT count(*) FROM outside_training WHERE state <> 'confirmed'").trim(), "0");
  assert.deepEqual(existsSync(join(dir, "certificates")) ? certificates() : [], []);

  const r = await send(me, {}, { filename: "证书.jpg", type: "image/jpeg", data: photo });
  assert.equal(r.status, 303, r.body);
  assert.equal(r.headers.location, "/admin/training/mine?done=reported#reports");
  const [id, state, cert, name, mime] = queryDb(dir, "SELECT id || '|' || state || '|' || certificate || '|' || certificate_name || '|' || certificate_mime FROM outside_training WHERE state = 'reported'").trim().split("|");
  assert.equal(state, "reported");
  assert.match(cert, /^[0-9a-f]{32}\.jpg$/, "a name the server chose");
  assert.equal(name, "证书.jpg");
  assert.equal(mime, "image/jpeg");
  assert.deepEqual(certificates(), [cert]);
  assert.equal(audited("training.report.add"), "1");

  const page = (await me.get("/admin/training/mine?done=reported")).body;
  assert.match(page, /Sent\. The records officer will confirm it or tell you what is missing\./);
  assert.match(page, new RegExp(`<li id="report-${id}"><strong>学习贯彻党的二十届三中全会精神网络专题班</strong> · 中国干部网络学院 · <span class="date">${today}</span> · 12 hours<br>\\s*<span class="badge soon">Awaiting the records officer</span>`));
  assert.equal(await yearTotal(me, "/admin/training/mine"), totalBefore, "not counted yet");
  assert.match((await me.get("/admin/")).body, /<dd id="my-reports"><a href="\/admin\/training\/mine#reports">1 report awaits the records officer\.<\/a><\/dd>/);
  assert.equal(queryDb(dir, `SELECT count(*) FROM outside_training WHERE member_id = ${plain} AND state = 'reported'`).trim(), "1");

  // The certificate: the member's own download, re-encoded without its GPS data.
  const got = await me.get(`/admin/training/reports/${id}/certificate`);
  assert.equal(got.status, 200);
  assert.equal(got.headers["content-type"], "image/jpeg");
  assert.match(got.headers["content-disposition"], /^attachment; filename="certificate\.jpg"; filename\*=UTF-8''%E8%AF%81%E4%B9%A6\.jpg$/);
  assert.equal(got.headers["x-content-type-options"], "nosniff");
  assert.equal(got.raw.subarray(0, 2).toString("hex"), "ffd8");
  assert.equal(got.raw.indexOf("GPSLatitude"), -1);
  // Nobody else's but the records officer's, whose reading is audited.
  for (const who of ["other", "sec"]) {
    const c = new Client(srv);
    await c.signIn(who);
    assert.equal((await c.get(`/admin/training/reports/${id}/certificate`)).status, 403, who);
  }
  const off = new Client(srv);
  await off.signIn("officer");
  assert.equal((await off.get(`/admin/training/reports/${id}/certificate`)).status, 200);
  assert.equal(audited("training.report.certificate"), "1");
});

test("the officer sees the queue, returns a report with a reason, and the member withdraws it", async () => {
  const off = new Client(srv);
  await off.signIn("officer");
  const id = queryDb(dir, "SELECT id FROM outside_training WHERE state = 'reported'").trim();
  const dash = (await off.get("/admin/")).body;
  assert.match(dash, /<p id="reports-waiting-note"><span class="badge soon">Training reports<\/span> <a href="\/admin\/training\/reports">1 training report awaits your decision\.<\/a><\/p>/);
  assert.match((await off.get("/admin/training")).body, /<a href="\/admin\/training\/reports" id="reports-queue-link">/);
  const queue = (await off.get("/admin/training/reports")).body;
  assert.match(queue, new RegExp(`<tr id="report-${id}">\\s*<td data-label="Member"><a href="/admin/org/members/${plain}/training">`));
  assert.match(queue, new RegExp(`<a href="/admin/training/reports/${id}/certificate">Download`));
  // The officer may correct what was reported (the hours on the certificate) before confirming.
  assert.match(queue, new RegExp(`<a href="/admin/training/outside/${id}/edit" class="correct-link">Correct it first`));
  const correct = await off.get(`/admin/training/outside/${id}/edit`);
  assert.equal(correct.status, 200);
  assert.match(correct.body, new RegExp(`<a href="/admin/training/reports#report-${id}">Cancel</a>`), "back to the queue");
  assert.match(correct.body, new RegExp(`<a href="/admin/training/reports/${id}/certificate" id="outside-certificate">证书.jpg</a>`), "the certificate to check against");
  const fixed = await off.post(`/admin/training/outside/${id}/edit`, { title: "学习贯彻党的二十届三中全会精神网络专题班", organizer: "中国干部网络学院", kind: "online", start_date: today, end_date: today, hours: "12", note: "核对证书" });
  assert.equal(fixed.status, 303, fixed.body);
  assert.equal(fixed.headers.location, `/admin/training/reports?done=saved#report-${id}`);
  assert.equal(queryDb(dir, `SELECT state || '|' || note FROM outside_training WHERE id = ${id}`).trim(), "reported|核对证书", "still awaiting a decision");
  // The member's archive, as the officer reads it, links to the decision.
  assert.match((await off.get(`/admin/org/members/${plain}/training`)).body, new RegExp(`<a href="/admin/training/reports#report-${id}">Decide`));

  const noReason = await off.post(`/admin/training/reports/${id}/return`, { reason: "  " });
  assert.equal(noReason.status, 422);
  assert.match(noReason.body, new RegExp(`<span class="field-error" id="reason-${id}-error">`));
  assert.equal(queryDb(dir, `SELECT state FROM outside_training WHERE id = ${id}`).trim(), "reported");
  const back = await off.post(`/admin/training/reports/${id}/return`, { reason: "证书照片看不清，请重新拍摄。" });
  assert.equal(back.status, 303);
  assert.equal(queryDb(dir, `SELECT state || '|' || review_note FROM outside_training WHERE id = ${id}`).trim(), "returned|证书照片看不清，请重新拍摄。");
  assert.equal(audited("training.report.return"), "1");
  assert.equal((await off.post(`/admin/training/reports/${id}/confirm`, {})).status, 409, "decided already");
  assert.match((await off.get("/admin/training/reports")).body, /<p class="empty" id="reports-none">No report awaits a decision\.<\/p>/);
  assert.doesNotMatch((await off.get("/admin/")).body, /reports-waiting-note/);

  const me = new Client(srv);
  await me.signIn("plain");
  const page = (await me.get("/admin/training/mine")).body;
  assert.match(page, new RegExp(`<li id="report-${id}">[\\s\\S]*?<span class="badge due-missing">Returned</span> 证书照片看不清，请重新拍摄。`));
  assert.match((await me.get("/admin/")).body, /<dd id="my-reports"><a href="\/admin\/training\/mine#reports"><span class="badge due-missing">1 of your training reports was returned: see why\.<\/span><\/a><\/dd>/);
  // Someone else's report is not theirs to withdraw.
  const other = new Client(srv);
  await other.signIn("other");
  assert.equal((await other.post(`/admin/training/reports/${id}/withdraw`, { confirm: "1" })).status, 403);
  const ask = await me.post(`/admin/training/reports/${id}/withdraw`, {});
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Withdraw your report of 学习贯彻党的二十届三中全会精神网络专题班\?/);
  const cert = queryDb(dir, `SELECT certificate FROM outside_training WHERE id = ${id}`).trim();
  const gone = await me.post(`/admin/training/reports/${id}/withdraw`, { confirm: "1" });
  assert.equal(gone.status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM outside_training WHERE id = ${id}`).trim(), "0");
  assert.ok(!certificates().includes(cert), "its certificate goes with it");
  assert.equal(audited("training.report.withdraw"), "1");
});

test("a returned report is changed as asked and sent again, its certificate replaced", async () => {
  const me = new Client(srv);
  await me.signIn("plain");
  assert.equal((await send(me, { title: "党史学习教育专题网络培训", hours: "20" }, { filename: "旧证书.jpg", type: "image/jpeg", data: photo })).status, 303);
  const [id, oldCert] = queryDb(dir, "SELECT id || '|' || certificate FROM outside_training WHERE state = 'reported'").trim().split("|");
  const off = new Client(srv);
  await off.signIn("officer");
  assert.equal((await off.post(`/admin/training/reports/${id}/return`, { reason: "证书所载学时为 10 学时。" })).status, 303);

  assert.match((await me.get("/admin/training/mine")).body, new RegExp(`<a href="/admin/training/reports/${id}/edit" class="no-print">Change the report`));
  const form = await me.get(`/admin/training/reports/${id}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.body, /<p class="notice" id="report-why"><strong>Returned by the records officer:<\/strong> 证书所载学时为 10 学时。<\/p>/);
  assert.match(form.body, new RegExp(`<p id="report-certificate">Certificate on file: <a href="/admin/training/reports/${id}/certificate">旧证书.jpg</a>`));
  assert.match(form.body, new RegExp(`<form method="post" action="/admin/training/reports/${id}/edit" class="form narrow" enctype="multipart/form-data">`));
  assert.match(form.body, /<input id="o-hours" name="hours" value="20"/, "what was reported is filled in");
  assert.match(form.body, /<button type="submit">Send it again<\/button>/);
  const other = new Client(srv);
  await other.signIn("other");
  assert.equal((await other.get(`/admin/training/reports/${id}/edit`)).status, 403);

  const edit = (extra, file) => me.upload(`/admin/training/reports/${id}/edit`, file ? [...fields({ title: "党史学习教育专题网络培训", ...extra }), ["certificate", file]] : fields({ title: "党史学习教育专题网络培训", ...extra }));
  const bad = await edit({ hours: "abc" });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Hours must be more than 0 and at most 1000\./);
  assert.match(bad.body, /id="report-why"/, "the reason stays in view");
  assert.equal(queryDb(dir, `SELECT state FROM outside_training WHERE id = ${id}`).trim(), "returned");
  const r = await edit({ hours: "10" }, { filename: "新证书.pdf", type: "application/pdf", data: pdf });
  assert.equal(r.status, 303, r.body);
  const [state, note, hours, cert, name] = queryDb(dir, `SELECT state || '|' || review_note || '|' || hours || '|' || certificate || '|' || certificate_name FROM outside_training WHERE id = ${id}`).trim().split("|");
  assert.deepEqual([state, note, Number(hours), name], ["reported", "", 10, "新证书.pdf"]);
  assert.match(cert, /^[0-9a-f]{32}\.pdf$/);
  assert.ok(certificates().includes(cert) && !certificates().includes(oldCert), "the new certificate replaces the old");
  assert.equal(audited("training.report.edit"), "1");
  assert.match((await off.get("/admin/training/reports")).body, new RegExp(`<tr id="report-${id}">`), "back in the queue");

  // Changed without a new file: the certificate stays.
  assert.equal((await edit({ hours: "10", note: "第 2 次提交" })).status, 303);
  assert.equal(queryDb(dir, `SELECT certificate FROM outside_training WHERE id = ${id}`).trim(), cert);
  // Once confirmed, it is no longer the member's to change.
  assert.equal((await off.post(`/admin/training/reports/${id}/confirm`, {})).status, 303);
  assert.equal((await me.get(`/admin/training/reports/${id}/edit`)).status, 409);
  assert.equal((await edit({ hours: "100" })).status, 409);
  assert.equal(Number(queryDb(dir, `SELECT hours FROM outside_training WHERE id = ${id}`)), 10);
});

test("a confirmed report counts, and can no longer be withdrawn", async () => {
  const me = new Client(srv);
  await me.signIn("plain");
  const before = await yearTotal(me, "/admin/training/mine");
  assert.equal((await send(me, { kind: "centralized", hours: "16" }, { filename: "结业证书.pdf", type: "application/pdf", data: pdf })).status, 303);
  const id = queryDb(dir, "SELECT id FROM outside_training WHERE state = 'reported'").trim();
  const off = new Client(srv);
  await off.signIn("officer");
  assert.equal((await off.post(`/admin/training/reports/${id}/confirm`, {})).status, 303);
  assert.equal(audited("training.report.confirm"), "2");
  assert.equal(await yearTotal(me, "/admin/training/mine"), before + 16);
  const page = (await me.get("/admin/training/mine")).body;
  assert.match(page, new RegExp(`<tr id="outside-${id}">[\\s\\S]*?<a href="/admin/training/reports/${id}/certificate" class="no-print">Certificate`));
  assert.doesNotMatch(page, /id="reports"/, "nothing left waiting");
  assert.equal((await me.post(`/admin/training/reports/${id}/withdraw`, { confirm: "1" })).status, 409);
  const pdfBack = await me.get(`/admin/training/reports/${id}/certificate`);
  assert.ok(pdfBack.raw.equals(pdf), "a PDF is kept as sent");
  // The annual ledger counts it like one the officer recorded.
  assert.match((await off.get(`/admin/training/hours?year=${year}`)).body, /学习贯彻党的二十届三中全会精神网络专题班 \(中国干部网络学院\) 16 h \(elsewhere\)/);
  // Deleting it (entered by mistake) takes its certificate too.
  const cert = queryDb(dir, `SELECT certificate FROM outside_training WHERE id = ${id}`).trim();
  assert.equal((await off.post(`/admin/training/outside/${id}/delete`, { confirm: "1" })).status, 303);
  assert.ok(!certificates().includes(cert));
});

test("limits and who may report", async () => {
  const me = new Client(srv);
  await me.signIn("plain");
  const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
  const r = await send(me, {}, { filename: "big.pdf", type: "application/pdf", data: big });
  assert.equal(r.status, 422);
  assert.match(r.body, /The certificate is too large: at most 10 MiB\./);
  // A report without a certificate is allowed; the officer may ask for one.
  assert.equal((await send(me, { title: "党章党规学习" })).status, 303);
  const id = queryDb(dir, "SELECT id FROM outside_training WHERE state = 'reported'").trim();
  assert.equal((await me.get(`/admin/training/reports/${id}/certificate`)).status, 404);
  const off = new Client(srv);
  await off.signIn("officer");
  assert.match((await off.get("/admin/training/reports")).body, /None sent/);
  // An account without a member record has nothing to report from.
  const u = new Client(srv);
  await u.signIn("unlinked");
  const form = await u.get("/admin/training/reports/new");
  assert.equal(form.status, 404);
  assert.match(form.body, /Your account is not linked to a party member record\./);
  assert.equal((await send(u, {})).status, 404);
  // Only the records officer decides.
  assert.equal((await me.post(`/admin/training/reports/${id}/confirm`, {})).status, 403);
});

test("the Chinese pages", async () => {
  const me = new Client(srv, { lang: "zh-CN" });
  await me.signIn("plain");
  const form = (await me.get("/admin/training/reports/new")).body;
  assert.match(form, /<h1[^>]*>申报外出培训学时<\/h1>/);
  assert.match(form, /<button type="submit">提交申报<\/button>/);
  assert.match((await me.get("/admin/training/mine")).body, /<span class="badge soon">待党务管理员审核<\/span>/);
  const off = new Client(srv, { lang: "zh-CN" });
  await off.signIn("officer");
  assert.match((await off.get("/admin/")).body, /有 1 份学时申报待您审核。/);
  assert.match((await off.get("/admin/training/reports")).body, /<h1[^>]*>待审核的学时申报<\/h1>/);
  const waiting = queryDb(dir, "SELECT id FROM outside_training WHERE state = 'reported'").trim();
  assert.match((await off.get(`/admin/training/outside/${waiting}/edit`)).body, /<dt>申报时间<\/dt>/);
});

// A long queue (a province's many members) is read with one query of the
// members, a short one member by member: both name each member and branch.
test("a queue of many reports names each member and their branch", async () => {
  const off = new Client(srv);
  await off.signIn("officer");
  const people = queryDb(dir, "SELECT m.id || '|' || m.name || '|' || u.name FROM members m JOIN org_units u ON u.id = m.branch_id WHERE m.status <> 'transferred-out' ORDER BY m.id DESC LIMIT 25")
    .trim().split("\n").map((l) => l.split("|"));
  const values = people.map(([id], i) => `(${id}, '批量课程${i}', '省委党校', 'online', '2026-03-01', '2026-03-02', 2, 1767225600, 'reported')`).join(", ");
  queryDb(dir, `INSERT INTO outside_training (member_id, title, organizer, kind, start_date, end_date, hours, recorded_at, state) VALUES ${values}`);
  try {
    const queue = (await off.get("/admin/training/reports")).body;
    for (const [id, name, branch] of people)
      assert.match(queue, new RegExp(`<a href="/admin/org/members/${id}/training">${name}</a><br><span class="hint">${branch}</span>`), name);
  } finally {
    queryDb(dir, "DELETE FROM outside_training WHERE title LIKE '批量课程%'");
  }
});
