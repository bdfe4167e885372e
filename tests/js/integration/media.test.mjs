// The media library over real HTTP: uploads typed by content, images
// re-encoded without metadata, explicit limits, attachments on the portal.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startServer, request, tempDir, ROOT, rawExchange, queryDb } from "../lib/server.mjs";
import { addUser, Client, multipart } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";

const fixture = (name) => readFileSync(join(ROOT, "tests/fixtures", name));
let srv, dir, ed;

before(async () => {
  dir = tempDir();
  addUser(dir, "writer", ["editor", "reviewer"]);
  addUser(dir, "chief", ["admin"]);
  srv = await startServer({ dataDir: dir });
  const chief = new Client(srv);
  await chief.signIn("chief");
  await chief.post("/admin/columns/4", { name: "Procuratorial Work", slug: "procuratorial-work", position: "3", reviewer: "1" });
  ed = new Client(srv);
  await ed.signIn("writer");
});
after(async () => { await srv.stop(); });

async function upload(client, filename, data, { alt = "", csrf = true, type } = {}) {
  const fields = [];
  if (csrf) fields.push(["_csrf", client.csrf]);
  fields.push(["alt", alt], ["file", { filename, data, type }]);
  const { body, type: ct } = multipart(fields);
  return request(srv.url + "/admin/media", {
    method: "POST", body,
    headers: { "Content-Type": ct, Cookie: client.cookieHeader(), Origin: srv.url },
  });
}

function storedImages() {
  return readdirSync(join(dir, "media")).filter((f) => f.endsWith(".jpg"));
}

test("an image upload is re-encoded: EXIF and GPS gone, responsive sizes made", async () => {
  const before = new Set(storedImages());
  const res = await upload(ed, "camera/IMG_0001.jpg", fixture("photo-with-exif.jpg"), { alt: "A gradient test image" });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  const added = storedImages().filter((f) => !before.has(f));
  assert.equal(added.length, 4, "the image and three sizes");
  for (const f of added) {
    assert.match(f, /^[0-9a-f]{24}(-w\d+)?\.jpg$/, "server-generated name");
    const bytes = readFileSync(join(dir, "media", f));
    assert.equal(bytes.indexOf("Exif"), -1, f);
    assert.equal(bytes.indexOf("GPSLatitude"), -1, f);
  }
  const page = await ed.get("/admin/media");
  assert.match(page.body, /IMG_0001\.jpg<\/a> <span class="hint">2000×1200/);
  const served = await request(srv.url + "/media/" + added.find((f) => !f.includes("-w")));
  assert.equal(served.headers["content-type"], "image/jpeg");
  assert.equal(served.headers["content-disposition"], undefined, "images show inline");
  const variant = await request(srv.url + "/media/" + added.find((f) => f.includes("-w480")));
  assert.equal(variant.status, 200, "responsive sizes are served too");
  assert.equal((await request(srv.url + "/media/ffffffffffffffffffffffff-w480.jpg")).status, 404);
});

test("a polyglot keeps only the image", async () => {
  const before = new Set(storedImages());
  assert.equal((await upload(ed, "x.jpg", fixture("polyglot.jpg"), { alt: "x" })).status, 303);
  for (const f of storedImages().filter((x) => !before.has(x))) {
    assert.equal(readFileSync(join(dir, "media", f)).indexOf("<script"), -1);
  }
});

test("refusals: wrong magic bytes, truncated image, no file, a ../ name, no CSRF token", async () => {
  let res = await upload(ed, "photo.jpg", Buffer.from("<html><script>alert(1)</script></html>"));
  assert.equal(res.status, 422);
  assert.match(res.body, /This file type is not supported/);
  res = await upload(ed, "cut.jpg", fixture("photo-with-exif.jpg").subarray(0, 700));
  assert.equal(res.status, 422);
  assert.match(res.body, /The image (file cannot be read|cannot be saved)/);
  res = await upload(ed, "", Buffer.alloc(0));
  assert.equal(res.status, 422);
  const before = readdirSync(join(dir, "media")).length;
  res = await upload(ed, "../../../../tmp/evil.pdf", fixture("sample.pdf"));
  assert.equal(res.status, 303);
  assert.equal(readdirSync(join(dir, "media")).length, before + 1, "stored inside media/ only");
  assert.match((await ed.get("/admin/media?kind=document")).body, />evil\.pdf<\/a>/);
  res = await upload(ed, "a.pdf", fixture("sample.pdf"), { csrf: false });
  assert.equal(res.status, 403);
});

test("an upload over 20 MiB gets 413; a 2 MiB form elsewhere gets 413 too", async () => {
  const big = `POST /admin/media HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${22 * 1024 * 1024}\r\n\r\n`;
  assert.match((await rawExchange(srv.port, big)).data, /^HTTP\/1\.1 413 /);
  const form = `POST /admin/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`;
  assert.match((await rawExchange(srv.port, form)).data, /^HTTP\/1\.1 413 /);
});

test("a document attached to an article is listed on the portal and downloads", async () => {
  assert.equal((await upload(ed, "工作报告.pdf", fixture("sample.pdf"))).status, 303);
  const lib = await ed.get("/admin/media?kind=document");
  const mediaId = lib.body.match(/<a href="\/admin\/media\/(\d+)">工作报告\.pdf<\/a>/)[1];
  assert.doesNotMatch(lib.body, /filter-reset/, "nothing to reset before a search");
  assert.match((await ed.get("/admin/media?kind=document&q=" + encodeURIComponent("工作"))).body, /<a class="filter-reset" href="\/admin\/media\?kind=document">Show all<\/a>/);
  const created = await ed.post("/admin/articles/", { title: "Annual report published", column: "4", body: "See the attachment.", then: "submit" });
  const id = created.headers.location.match(/(\d+)/)[1];
  assert.equal((await ed.post(`/admin/articles/${id}/attachments`, { media: mediaId })).status, 303);
  assert.equal((await ed.review(id, "approve")).status, 303);
  const page = await request(srv.url + `/articles/${id}/`);
  const link = page.body.match(/<a href="(\/media\/[0-9a-f]{24}\.pdf)" download>工作报告\.pdf<\/a> <span class="meta">\(PDF, 1 KB\)<\/span>/);
  assert.ok(link, "listed under the article");
  const file = await request(srv.url + link[1]);
  assert.equal(file.headers["content-type"], "application/pdf");
  assert.match(file.headers["content-disposition"], /^attachment; filename="[0-9a-f]{24}\.pdf"; filename\*=UTF-8''%E5%B7%A5/);
  // In use: cannot be deleted. Detaching it from the published article
  // waits for review like any edit: still public until approved.
  assert.equal((await ed.post(`/admin/media/${mediaId}/delete`, { confirm: "1" })).status, 422);
  // The file's own page says where it is used and offers no delete button.
  let filePage = await ed.get(`/admin/media/${mediaId}`);
  assert.equal(filePage.status, 200);
  assert.match(filePage.body, new RegExp(`<ul id="media-uses"><li><a href="/admin/articles/${id}/">Article “Annual report published”</a></li></ul>`));
  assert.doesNotMatch(filePage.body, /\/delete"/);
  assert.match(filePage.body, /<textarea class="code-line" id="media-markdown" readonly rows="3"[^>]*>\[工作报告\.pdf\]\(\/media\/[0-9a-f]{24}\.pdf\)<\/textarea>/);
  // Removing asks first, naming the file; nothing changes until confirmed.
  const ask = await ed.post(`/admin/articles/${id}/attachments/${mediaId}/remove`);
  assert.equal(ask.status, 200);
  assert.match(ask.body, /Remove 工作报告\.pdf from this article\?/);
  assert.doesNotMatch((await ed.get(`/admin/articles/${id}/`)).body, /to be removed when the edit is approved/);
  assert.equal((await ed.post(`/admin/articles/${id}/attachments/${mediaId}/remove`, { confirm: "1" })).status, 303);
  assert.match((await request(srv.url + `/articles/${id}/`)).body, /工作报告/, "still public until approved");
  assert.match((await ed.get(`/admin/articles/${id}/`)).body, /to be removed when the edit is approved/);
  assert.equal((await ed.review(id, "approve")).status, 303);
  assert.doesNotMatch((await request(srv.url + `/articles/${id}/`)).body, /工作报告/);
  filePage = await ed.get(`/admin/media/${mediaId}`);
  assert.match(filePage.body, /<p id="media-unused">/);
  assert.match(filePage.body, new RegExp(`<form method="post" action="/admin/media/${mediaId}/delete"`));
  assert.equal((await ed.post(`/admin/media/${mediaId}/delete`, { confirm: "1" })).status, 303);
  assert.equal((await ed.get(`/admin/media/${mediaId}`)).status, 404, "gone");
  assert.equal((await ed.get("/admin/media/x")).status, 404);
  assert.equal((await request(srv.url + link[1])).status, 404);
  const audit = new Client(srv);
  await audit.signIn("chief");
  const log = (await audit.audit("action=media.")).body;
  assert.match(log, /media\.upload/);
  assert.match(log, /media\.delete/);
});

test("an attachment added to a published article goes public only when a reviewer approves it", async () => {
  assert.equal((await upload(ed, "通知.pdf", fixture("sample.pdf"))).status, 303);
  const lib = await ed.get("/admin/media?kind=document");
  const mediaId = lib.body.match(/<a href="\/admin\/media\/(\d+)">通知\.pdf<\/a>/)[1];
  const created = await ed.post("/admin/articles/", { title: "Notice published", column: "4", body: "Text.", then: "submit" });
  const id = created.headers.location.match(/(\d+)/)[1];
  assert.equal((await ed.review(id, "approve")).status, 303);
  assert.equal((await ed.post(`/admin/articles/${id}/attachments`, { media: mediaId })).status, 303);
  assert.doesNotMatch((await request(srv.url + `/articles/${id}/`)).body, /通知\.pdf/, "not public before review");
  assert.match((await ed.get(`/admin/articles/${id}/`)).body, /to be added when the edit is approved/);
  // Returning the edit drops the addition; adding again and approving publishes it.
  assert.equal((await ed.review(id, "return", { reason: "Wrong file" })).status, 303);
  assert.doesNotMatch((await ed.get(`/admin/articles/${id}/`)).body, /通知\.pdf<\/a>/);
  assert.equal((await ed.post(`/admin/articles/${id}/attachments`, { media: mediaId })).status, 303);
  assert.equal((await ed.review(id, "approve")).status, 303);
  assert.match((await request(srv.url + `/articles/${id}/`)).body, /通知\.pdf/);
});

test("uploading to the media library drops no cached page", async () => {
  const { accessLog, waitFor } = await import("../lib/server.mjs");
  await request(srv.url + "/columns/notices/?probe=before");
  assert.equal((await upload(ed, "unused.pdf", fixture("sample.pdf"))).status, 303);
  await request(srv.url + "/columns/notices/?probe=after");
  const line = await waitFor(() => accessLog(srv).find((r) => r.target === "/columns/notices/?probe=after"), { what: "log line" });
  assert.equal(line.cache, "hit", "the page cached before the upload is still served");
});

test("the article form itself takes a new lead image and documents, before the first save", async () => {
  const { body, type } = multipart([["_csrf", ed.csrf], ["title", "Form uploads"], ["column", "4"],
    ["author", "Newsroom"], ["body", "Text."], ["lead_media", ""], ["lead_caption", "A caption"],
    ["lead_alt", "A gradient test image"],
    ["lead_upload", { filename: "lead.jpg", data: fixture("photo-with-exif.jpg"), type: "image/jpeg" }],
    ["attach_upload", { filename: "report.pdf", data: fixture("sample.pdf"), type: "application/pdf" }]]);
  const res = await request(srv.url + "/admin/articles/", {
    method: "POST", body, headers: { "Content-Type": type, Cookie: ed.cookieHeader(), Origin: srv.url } });
  assert.equal(res.status, 303, res.body.slice(0, 400));
  const id = res.headers.location.match(/articles\/(\d+)\//)[1];
  const page = (await ed.get(`/admin/articles/${id}/`)).body;
  assert.match(page, /<input type="radio" id="e-media-(\d+)" name="lead_media" value="\1" checked><label for="e-media-\1"><img src="\/media\/[^"]+" alt="" loading="lazy"><span class="image-name">lead\.jpg<\/span>/,
    "the uploaded image is the lead image, shown with its name");
  assert.match(page, /<a href="\/media\/[^"]+">report\.pdf<\/a>/, "the document is attached");
  // A document given as the lead image is refused, and what was typed is kept.
  const bad = multipart([["_csrf", ed.csrf], ["title", "Wrong lead"], ["column", "4"], ["body", "Kept text."],
    ["lead_alt", "x"], ["lead_upload", { filename: "lead.pdf", data: fixture("sample.pdf"), type: "application/pdf" }]]);
  const refused = await request(srv.url + "/admin/articles/", {
    method: "POST", body: bad.body, headers: { "Content-Type": bad.type, Cookie: ed.cookieHeader(), Origin: srv.url } });
  assert.equal(refused.status, 422);
  assert.match(refused.body, /The lead image must be a JPEG, PNG or WebP picture\./);
  assert.match(refused.body, /Kept text\./);
  // The media library shows thumbnails.
  assert.match((await ed.get("/admin/media")).body, /<img class="media-thumb" src="\/media\/[^"]+" alt="" loading="lazy">lead\.jpg/);
});

// A library of years: one kind at a time, 40 to a page, found by name or
// alt text; the editor's picker lists the newest 30 and the chosen image.
test("the library pages and searches; the editor's picker shows the newest 30, the chosen one and finds older ones", async () => {
  const rows = [];
  for (let i = 1; i <= 45; i++) {
    const n = String(i).padStart(2, "0");
    rows.push(`('bulk-${n}.jpg', 'image/jpeg', 10, 'Bulkwombat ${n}', 1, 'image', 'bulk-${n}.jpg')`);
  }
  rows.push("('bulk-plan.pdf', 'application/pdf', 10, '', 1, 'document', 'Bulkwombat plan.pdf')");
  queryDb(dir, `INSERT INTO media (stored_name, mime, byte_size, alt_text, created_at, kind, original_name) VALUES ${rows.join(", ")}`);
  const shown = (body) => [...body.matchAll(/<td[^>]*>Bulkwombat (\d\d)<\/td>/g)].map((m) => m[1]);

  const first = await ed.get("/admin/media?q=bulkwombat");
  assert.equal(first.status, 200);
  assert.match(first.body, /45 found for “bulkwombat”/, "any case");
  assert.equal(shown(first.body).length, 40);
  assert.equal(shown(first.body)[0], "45", "newest first");
  assert.match(first.body, /<span class="current" aria-current="page">Page 1 of 2<\/span>/);
  assert.match(first.body, /<a href="\/admin\/media\?kind=image&amp;q=bulkwombat&amp;page=2" rel="next">/);
  assert.match(first.body, /<a href="\/admin\/media\?kind=document&amp;q=bulkwombat">Documents \(1\)<\/a>/);
  const second = await ed.get("/admin/media?kind=image&q=bulkwombat&page=2");
  assert.deepEqual(shown(second.body), ["05", "04", "03", "02", "01"]);
  assert.match(second.body, /rel="prev"/);
  assert.doesNotMatch(second.body, /rel="next"/);
  assert.deepEqual(shown((await ed.get("/admin/media?kind=image&q=bulkwombat&page=99")).body), ["05", "04", "03", "02", "01"],
    "past the last page: the last page");
  const docs = await ed.get("/admin/media?kind=document&q=Bulkwombat");
  assert.match(docs.body, />Bulkwombat plan\.pdf<\/a>/);
  assert.match(docs.body, /aria-current="page">Documents \(1\)</);
  assert.doesNotMatch(docs.body, /bulk-45\.jpg/);
  const odd = await ed.get("/admin/media?q=" + encodeURIComponent("<b>100%</b>"));
  assert.match(odd.body, /0 found for “&lt;b&gt;100%&lt;\/b&gt;”/);
  assert.match(odd.body, /No images here\./);

  const json = await ed.get("/admin/media.json?q=BULK-03");
  assert.equal(json.status, 200);
  assert.match(json.headers["content-type"], /^application\/json/);
  const found = JSON.parse(json.body);
  assert.equal(found.total, 1);
  assert.equal(found.items[0].name, "bulk-03.jpg");
  assert.equal(found.items[0].alt, "Bulkwombat 03");
  assert.equal(found.items[0].private, false);
  assert.equal(found.items[0].markdown, "![Bulkwombat 03](/media/bulk-03.jpg)", "what the editor puts in a body");
  const docJson = JSON.parse((await ed.get("/admin/media.json?kind=document&q=bulkwombat")).body);
  assert.deepEqual(docJson.items.map((d) => d.name), ["Bulkwombat plan.pdf"]);
  const wrongKind = await ed.get("/admin/media.json?kind=video");
  assert.equal(wrongKind.status, 400);
  assert.match(JSON.parse(wrongKind.body).error, /^kind: "image" or "document"/);

  const oldest = Number(queryDb(dir, "SELECT id FROM media WHERE stored_name = 'bulk-01.jpg'").trim());
  const form = await ed.get("/admin/articles/new");
  const picked = (body) => [...body.matchAll(/name="lead_media" value="(\d+)"/g)].length;
  assert.equal(picked(form.body), 30);
  assert.match(form.body, /bulk-45\.jpg/);
  assert.doesNotMatch(form.body, /bulk-15\.jpg/);
  assert.match(form.body, /The 30 newest of \d+ images are shown\./);
  assert.match(form.body, /<div class="image-search" data-image-search [^>]*hidden>/, "script shows the search");
  assert.match(form.body, /<select id="e-body-img"[^>]*><option value="">Choose an image<\/option><option value="!\[Bulkwombat 45\]\(\/media\/bulk-45\.jpg\)">bulk-45\.jpg<\/option>/,
    "the newest images offered for the body, as Markdown");
  const made = await ed.post("/admin/articles/", { title: "Old picture", column: "4", body: "Text.",
    lead_media: String(oldest), lead_alt: "An old picture" });
  assert.equal(made.status, 303, made.body.slice(0, 300));
  const edit = await ed.get(made.headers.location.replace(/\?.*$/, ""));
  assert.equal(picked(edit.body), 31, "the newest 30 and the chosen one");
  assert.match(edit.body, new RegExp(`id="e-media-${oldest}" name="lead_media" value="${oldest}" checked><label[^>]*><img[^>]*><span class="image-name">bulk-01\\.jpg`));
});

// The attach list on the editor: the newest 30 documents not yet attached,
// and a search by name (a GET of the editor without script).
test("the editor lists the newest 30 documents to attach and finds older ones by name", async () => {
  const rows = [];
  for (let i = 1; i <= 35; i++) {
    const n = String(i).padStart(2, "0");
    rows.push(`('doc-${n}.pdf', 'application/pdf', 10, '', 1, 'document', 'Quokka minutes ${n}.pdf')`);
  }
  queryDb(dir, `INSERT INTO media (stored_name, mime, byte_size, alt_text, created_at, kind, original_name) VALUES ${rows.join(", ")}`);
  const made = await ed.post("/admin/articles/", { title: "Minutes", column: "4", body: "Text." });
  assert.equal(made.status, 303, made.body.slice(0, 300));
  const editUrl = made.headers.location.replace(/\?.*$/, "");
  const id = editUrl.match(/articles\/(\d+)\//)[1];
  const listed = (body) => [...body.matchAll(/<option value="\d+">Quokka minutes (\d\d)\.pdf<\/option>/g)].map((m) => m[1]);
  let page = (await ed.get(editUrl)).body;
  assert.equal(listed(page).length, 30);
  assert.equal(listed(page)[0], "35", "newest first");
  assert.ok(!listed(page).includes("05"), "older ones are not listed");
  assert.match(page, /The 30 newest of \d+ documents are listed\./);
  assert.match(page, /<form method="get" action="\/admin\/articles\/\d+\/#attachments-h" class="doc-search"/);

  const newest = queryDb(dir, "SELECT id FROM media WHERE stored_name = 'doc-35.pdf'").trim();
  assert.equal((await ed.post(`/admin/articles/${id}/attachments`, { media: newest })).status, 303);
  page = (await ed.get(editUrl)).body;
  assert.match(page, /<a href="\/media\/doc-35\.pdf">Quokka minutes 35\.pdf<\/a>/, "attached");
  assert.ok(!listed(page).includes("35"), "an attached document is not offered again");
  assert.equal(listed(page).length, 30);
  assert.match(page, new RegExp(`data-attached="${newest}"`));

  const search = (await ed.get(editUrl + "?doc_q=" + encodeURIComponent("MINUTES 0"))).body;
  assert.deepEqual(listed(search), ["09", "08", "07", "06", "05", "04", "03", "02", "01"]);
  assert.match(search, /<p role="status" id="att-found">9 found; the newest are listed\.<\/p>/);
  assert.match(search, /value="MINUTES 0"/);
  const none = (await ed.get(editUrl + "?doc_q=" + encodeURIComponent("<nothing>"))).body;
  assert.equal(listed(none).length, 0);
  assert.match(none, /No document matches\./);
  assert.match(none, /value="&lt;nothing&gt;"/);
});

// A file something still shows cannot be deleted: the refusal names the
// first place (an article's lead image, a body that shows one of its
// sizes, a meeting's photos), and the file stays served.
test("deleting a file still in use is refused, naming where it is used", async () => {
  const mediaOf = async (name) => {
    assert.equal((await upload(ed, name, fixture("photo-with-exif.jpg"), { alt: "In use" })).status, 303);
    const [id, stored] = queryDb(dir, `SELECT id, stored_name FROM media WHERE original_name = '${name}' ORDER BY id DESC LIMIT 1`).trim().split("|");
    return { id, stored, stem: stored.replace(/\.jpg$/, "") };
  };
  const refused = async (m, pattern) => {
    for (const fields of [{}, { confirm: "1" }]) {  // said before asking to confirm, and after
      const r = await ed.post(`/admin/media/${m.id}/delete`, fields);
      assert.equal(r.status, 422, r.body.slice(0, 300));
      assert.match(r.body, pattern);
      assert.doesNotMatch(r.body, /Delete this file from the media library\?/);
    }
    assert.equal(queryDb(dir, `SELECT count(*) FROM media WHERE id = ${m.id}`).trim(), "1", "kept");
    assert.equal((await request(srv.url + "/media/" + m.stored)).status, 200, "still served");
  };
  const lead = await mediaOf("lead-in-use.jpg");
  const made = await ed.post("/admin/articles/", { title: "Lead kept", column: "4", body: "Text.",
    lead_media: lead.id, lead_alt: "A picture", then: "submit" });
  assert.equal(made.status, 303, made.body.slice(0, 300));
  const articleId = made.headers.location.match(/(\d+)/)[1];
  assert.equal((await ed.review(articleId, "approve")).status, 303);
  await refused(lead, /<p>The file is still used by the article “Lead kept” \(its lead image, body or attachments\); remove it there first\.<\/p>/);
  assert.match((await request(srv.url + `/articles/${articleId}/`)).body, new RegExp(lead.stem), "the page still shows it");

  const inline = await mediaOf("inline-in-use.jpg");
  assert.equal((await ed.post("/admin/articles/", { title: "Picture in the text", column: "4",
    body: `Before.\n\n![Lecture](/media/${inline.stem}-w640.jpg)\n\nAfter.` })).status, 303);
  assert.equal((await ed.post("/admin/articles/", { title: "Second use", column: "4",
    body: `![Again](/media/${inline.stored})` })).status, 303);
  await refused(inline, /The file is still used in 2 places, the first the article “Picture in the text”; remove it from them first\./);
  // Each place is listed under the refusal, an article linked to its editor.
  const listed = (await ed.post(`/admin/media/${inline.id}/delete`)).body.match(/<ul id="media-uses">(.*?)<\/ul>/)[1];
  const links = [...listed.matchAll(/<li><a href="\/admin\/articles\/(\d+)\/">Article “([^”]+)”<\/a><\/li>/g)].map((m) => m[2]);
  assert.deepEqual(links, ["Picture in the text", "Second use"]);

  const photo = await mediaOf("meeting-photo.jpg");
  const meeting = queryDb(dir, "SELECT id, topic FROM meetings ORDER BY id LIMIT 1").trim().split("|");
  queryDb(dir, `UPDATE meetings SET photos = '${photo.id}' WHERE id = ${meeting[0]}`);
  assert.match((await ed.post(`/admin/media/${photo.id}/delete`)).body, /<ul id="media-uses"><li>Branch meeting “[^”]+”<\/li><\/ul>/,
    "a meeting is named, not linked: its page is the records roles'");
  await refused(photo, new RegExp(`The file is a photo of the branch meeting “${meeting[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”; remove it from the meeting first\\.`));

  const unused = await mediaOf("not-used.jpg");
  assert.equal((await ed.post(`/admin/media/${unused.id}/delete`, { confirm: "1" })).status, 303);
  assert.equal((await request(srv.url + "/media/" + unused.stored)).status, 404);
});

// A picture in a body is drawn like the lead image: its size, so the page
// does not jump, its responsive sizes, lazy loading.
test("a picture in the body gets its size, responsive sizes and lazy loading on the portal", async () => {
  assert.equal((await upload(ed, "in-body.jpg", fixture("photo-with-exif.jpg"), { alt: "In the body" })).status, 303);
  const stored = queryDb(dir, "SELECT stored_name FROM media WHERE original_name = 'in-body.jpg' ORDER BY id DESC LIMIT 1").trim();
  const stem = stored.replace(/\.jpg$/, "");
  const made = await ed.post("/admin/articles/", { title: "Body picture", column: "4", then: "submit",
    body: `Before.\n\n![讲课 [现场]](/media/${stored} "标题")\n\n![seal](/static/img/emblem.svg)\n\nAfter.` });
  assert.equal(made.status, 303, (made.body.match(/<main[\s\S]*?<\/main>/) ?? [made.body])[0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));
  const id = made.headers.location.match(/(\d+)/)[1];
  assert.equal((await ed.review(id, "approve")).status, 303);
  const page = (await request(srv.url + `/articles/${id}/`)).body;
  const img = page.match(new RegExp(`<img src="/media/${stem}\\.jpg"[^>]*>`))[0];
  assert.match(img, /alt="讲课 \[现场\]" width="2000" height="1200" srcset="[^"]+" sizes="\(min-width: 48rem\) 48rem, 100vw" loading="lazy" decoding="async" \/>$/, img);
  // Its title is the caption under it, as the lead image's is.
  assert.ok(page.includes(`<figure class="article-figure">${img}<figcaption>标题</figcaption></figure>`), page);
  const sizes = img.match(/srcset="([^"]+)"/)[1].split(", ");
  assert.ok(sizes.length >= 2 && sizes.at(-1) === `/media/${stored} 2000w`, sizes.join(" | "));
  for (const s of sizes) assert.equal((await request(srv.url + s.split(" ")[0])).status, 200, s);
  assert.match(page, /<img src="\/static\/img\/emblem\.svg" alt="seal" \/>/, "not from the library: left as written");
});

test("an image's alt text is set on its page, until a published article shows the image", async () => {
  assert.equal((await upload(ed, "undescribed.jpg", fixture("photo-with-exif.jpg"))).status, 303);
  const id = queryDb(dir, "SELECT id FROM media WHERE original_name = 'undescribed.jpg'").trim();
  let page = await ed.get(`/admin/media/${id}`);
  assert.match(page.body, /None: screen readers say nothing about this picture\./);
  assert.match(page.body, new RegExp(`<form method="post" action="/admin/media/${id}/alt"`));
  // Too long: refused, what was typed kept, nothing stored.
  const long = "图".repeat(301);
  let r = await ed.post(`/admin/media/${id}/alt`, { alt: long });
  assert.equal(r.status, 422);
  assert.match(r.body, /<div class="notice error" role="alert" id="alt-error"><p>The alt text is too long: at most 300 characters\.<\/p>/);
  assert.match(r.body, new RegExp(`<input id="m-alt" name="alt" maxlength="300" value="${long}" aria-invalid="true" aria-describedby="alt-error">`));
  assert.equal(queryDb(dir, `SELECT alt_text FROM media WHERE id = ${id}`).trim(), "");
  r = await ed.post(`/admin/media/${id}/alt`, { alt: "  会场全景：主席台与听众  " });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  assert.equal(r.headers.location, `/admin/media/${id}?done=saved`);
  assert.equal(queryDb(dir, `SELECT alt_text FROM media WHERE id = ${id}`).trim(), "会场全景：主席台与听众");
  page = await ed.get(`/admin/media/${id}`);
  assert.match(page.body, /<dd>会场全景：主席台与听众<\/dd>/);
  // The editor's picker offers the new text.
  const json = JSON.parse((await ed.get("/admin/media.json?q=" + encodeURIComponent("会场全景"))).body);
  assert.equal(json.items[0].alt, "会场全景：主席台与听众");
  assert.equal(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'media.alt' AND object_id = ${id}`).trim(), "— → 会场全景：主席台与听众");
  // Once a published article shows it, its alt text there is that article's, changed through review.
  const created = await ed.post("/admin/articles/", { title: "Alt lock", column: "4", body: "Text.", lead_media: id, lead_alt: "The article's own words", then: "submit" });
  assert.equal(created.status, 303, created.body.slice(0, 300));
  const article = created.headers.location.match(/(\d+)/)[1];
  assert.match((await ed.get(`/admin/media/${id}`)).body, /<form method="post" action="\/admin\/media\/\d+\/alt"/, "not published yet: still editable");
  assert.equal((await ed.review(article, "approve")).status, 303);
  page = await ed.get(`/admin/media/${id}`);
  assert.doesNotMatch(page.body, /\/alt"/);
  assert.match(page.body, /<p class="hint" id="alt-locked">The published article “Alt lock” shows this image: its alt text there is changed in that article, through review\.<\/p>/);
  r = await ed.post(`/admin/media/${id}/alt`, { alt: "Changed behind the reviewer's back" });
  assert.equal(r.status, 422);
  assert.equal(queryDb(dir, `SELECT alt_text FROM media WHERE id = ${id}`).trim(), "会场全景：主席台与听众");
  // A document has no alt text; a file that is not there is a 404.
  assert.equal((await upload(ed, "no-alt.pdf", fixture("sample.pdf"))).status, 303);
  const doc = queryDb(dir, "SELECT id FROM media WHERE original_name = 'no-alt.pdf'").trim();
  r = await ed.post(`/admin/media/${doc}/alt`, { alt: "x" });
  assert.equal(r.status, 422);
  assert.match(r.body, /Only an image has alt text\./);
  assert.equal((await ed.post("/admin/media/999999/alt", { alt: "x" })).status, 404);
});
