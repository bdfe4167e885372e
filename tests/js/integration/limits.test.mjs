// The staff forms' stated limits, each past its edge by one: the answer
// names the limit, and nothing is stored. (Limits tested beside their
// feature live with it; these are the ones that had no test.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { deflateSync } from "node:zlib";
import { startServer, tempDir, queryDb, BIN, withDatabase } from "../lib/server.mjs";
import { addUser, signedIn, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";
let srv, dir, admin, editor, officer;

before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  addUser(dir, "adm", ["admin"]);
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "ro", ["records-officer"]);
  srv = await startServer({ dataDir: dir, demo: false });
  [admin, editor, officer] = [await signedIn(srv, "adm"), await signedIn(srv, "ed"), await signedIn(srv, "ro")];
});
after(async () => { await srv?.stop(); });

const count = (table) => queryDb(dir, `SELECT count(*) FROM ${table}`).trim();

test("the working-day calendar: at most 64 KiB", async () => {
  const before = count("work_calendar");
  await admin.get("/admin/mailbox");
  const line = "2026-10-01 holiday 国庆节\n";
  const r = await admin.post("/admin/mailbox/calendar", { calendar: line.repeat(Math.ceil(65537 / Buffer.byteLength(line))) });
  assert.equal(r.status, 413);
  assert.match(r.body, /The calendar is too long: at most 64 KiB\./);
  assert.equal(count("work_calendar"), before);
});

test("a word list entry: the correct form at most 100 characters, the explanation 300", async () => {
  await admin.get("/admin/word-lists");
  const before = count("word_entries");
  let r = await admin.post("/admin/word-lists", { category: "typo", word: "再接再励", level: "warn", replacement: "厉".repeat(101) });
  assert.equal(r.status, 422);
  assert.match(r.body, /The correct form is too long: at most 100 characters\./);
  r = await admin.post("/admin/word-lists", { category: "sensitive", word: "某词", level: "warn", note: "因".repeat(301) });
  assert.equal(r.status, 422);
  assert.match(r.body, /The explanation is too long: at most 300 characters\./);
  assert.equal(count("word_entries"), before);
  r = await admin.post("/admin/word-lists", { category: "sensitive", word: "某词", level: "warn", note: "因".repeat(300) });
  assert.equal(r.status, 303, "at the limit it is kept");
});

test("a column: a name of at most 100 characters, a description of at most 500", async () => {
  await admin.get("/admin/columns");
  const before = count("columns");
  let r = await admin.post("/admin/columns", { name: "栏".repeat(101), slug: "long-name" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Give the column a name of at most 100 characters\./);
  r = await admin.post("/admin/columns", { name: "工作动态", slug: "long-description", description: "述".repeat(501) });
  assert.equal(r.status, 422);
  assert.match(r.body, /The description is too long: at most 500 characters\./);
  assert.equal(count("columns"), before);
});

// A grey PNG `width` pixels wide and one high, written out by hand.
function png(width) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const head = Buffer.alloc(4); head.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([head, Buffer.from(type), data, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(1, 4); ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)]))), chunk("IEND", Buffer.alloc(0))]);
}

test("media: alt text at most 300 characters; an image at most 12000 pixels a side", async () => {
  await editor.get("/admin/media");
  const before = count("media");
  let r = await editor.upload("/admin/media", [["alt", "图".repeat(301)], ["file", { filename: "ok.png", type: "image/png", data: png(40) }]]);
  assert.equal(r.status, 422);
  assert.match(r.body, /The alt text is too long: at most 300 characters\./);
  r = await editor.upload("/admin/media", [["alt", "一条很宽的图"], ["file", { filename: "wide.png", type: "image/png", data: png(12001) }]]);
  assert.equal(r.status, 422);
  assert.match(r.body, /The image is too large: at most 12000 pixels a side and 50 megapixels\./);
  assert.equal(count("media"), before);
  r = await editor.upload("/admin/media", [["alt", "图".repeat(300)], ["file", { filename: "ok.png", type: "image/png", data: png(40) }]]);
  assert.equal(r.status, 303, "a small image with 300 characters of alt text is kept");
});

test("a member: a phone number of digits, spaces, + and - only, at most 20; a transfer note at most 200", async () => {
  const fields = { name: "示例 限度", gender: "female", birth_date: "1980-01-01", joined_date: "2000-01-01", status: "full" };
  await officer.get("/admin/org/members/2/edit");
  const phoneBefore = queryDb(dir, "SELECT phone FROM members WHERE id = 2").trim();
  for (const phone of ["1".repeat(21), "call 138"]) {
    const r = await officer.post("/admin/org/members/2/edit", { ...fields, phone });
    assert.equal(r.status, 422, phone);
    assert.match(r.body, /A phone number has only digits, spaces, \+ and -, at most 20\./);
  }
  assert.equal(queryDb(dir, "SELECT phone FROM members WHERE id = 2").trim(), phoneBefore);
  const branch = queryDb(dir, "SELECT branch_id FROM members WHERE id = 2").trim();
  const other = queryDb(dir, `SELECT id FROM org_units WHERE kind = 'branch' AND id <> ${branch} ORDER BY id LIMIT 1`).trim();
  await officer.get("/admin/org/members/2");
  const r = await officer.post("/admin/org/members/2/transfer", { branch: other, note: "调".repeat(201) });
  assert.equal(r.status, 422);
  assert.match(r.body, /The note is too long: at most 200 characters\./);
  assert.equal(queryDb(dir, "SELECT branch_id FROM members WHERE id = 2").trim(), branch, "not moved");
});

test("an import workbook whose sheet inflates past 32 MiB is refused unread", async () => {
  const made = spawnSync("/usr/bin/python3", ["-c", `
import io, sys, zipfile
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * (33 << 20) + "</worksheet>")
sys.stdout.buffer.write(out.getvalue())
`], { maxBuffer: 1 << 26 });
  assert.equal(made.status, 0, String(made.stderr));
  assert.ok(made.stdout.length < 1 << 20, `a small file (${made.stdout.length} bytes) that inflates past the limit`);
  const before = count("members");
  await officer.get("/admin/org/import");
  const r = await officer.upload("/admin/org/import", [["file", { filename: "bomb.xlsx", data: made.stdout }]]);
  assert.equal(r.status, 422);
  assert.match(r.body, /The workbook is too large to import\./);
  assert.equal(count("members"), before);
});

test("an API token's label: at most 100 characters", () => {
  const r = spawnSync(BIN, withDatabase(["user", "token", "ed", "--label", "标".repeat(101), "--data", dir]), { encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /The label is too long: at most 100 characters\./);
  assert.doesNotMatch(r.stdout, /pct_/, "no token is printed");
});
