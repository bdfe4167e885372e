// Two-step sign-in for staff (issue 11, item 19), over real HTTP. The TOTP
// codes are computed independently of procura, with Python's hmac (RFC 6238).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { startServer, request, tempDir } from "../lib/server.mjs";
import { addUser, Client, totp } from "../lib/newsroom.mjs";

// The assertions below read the English newsroom (the Chinese one: i18n tests).
Client.defaultLang = "en";

let srv, dir;
before(async () => {
  dir = tempDir();
  addUser(dir, "chief", ["admin"]);
  addUser(dir, "ed", ["editor"]);
  srv = await startServer({ dataDir: dir, args: ["--require-mfa"] });
});
after(async () => { await srv.stop(); });


async function enrol(c) {
  await c.get("/admin/account/mfa");  // the page's form token
  assert.equal((await c.post("/admin/account/mfa/start")).status, 303);
  const page = await c.get("/admin/account/mfa");
  assert.match(page.body, /<svg[^>]*role="img"/, "a QR code to scan");
  const secret = page.body.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)[1].replace(/ /g, "");
  const wrong = await c.post("/admin/account/mfa/confirm", { code: "12345" });
  assert.equal(wrong.status, 422);
  const done = await c.post("/admin/account/mfa/confirm", { code: totp(secret) });
  assert.equal(done.status, 200, done.body.slice(0, 300));
  const codes = [...done.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  return { secret, codes };
}

// Password, then the second step; resolves the second step's response.
async function signInWithCode(name, code) {
  const c = new Client(srv);
  const first = await c.signIn(name);
  assert.equal(first.status, 200, "the password alone gives the second-step form");
  assert.match(first.body, /name="ticket"/);
  const ticket = first.body.match(/name="ticket" value="([^"]+)"/)[1];
  const csrf = first.body.match(/name="_csrf" value="([^"]+)"/)[1];
  const res = await c.post("/admin/login/mfa", { _csrf: csrf, ticket, code, next: "/admin/" }, { csrf: false });
  if (res.status === 303) await c.get("/admin/");
  return { c, res };
}

let chiefSecret, chiefCodes;

test("an admin must set up two-step sign-in before anything else, with a QR code and recovery codes", async () => {
  const c = new Client(srv);
  assert.equal((await c.signIn("chief")).status, 303);
  const home = await c.get("/admin/");
  assert.equal(home.status, 303);
  assert.equal(home.headers.location, "/admin/account/mfa");
  assert.match((await c.get("/admin/account/mfa")).body, /Your role needs two-step sign-in/);
  const refused = await c.post("/admin/columns", { name: "X", slug: "x" });
  assert.equal(refused.status, 403);
  assert.match(refused.body, /Set up two-step sign-in first/);
  ({ secret: chiefSecret, codes: chiefCodes } = await enrol(c));
  assert.equal((await c.get("/admin/")).status, 200, "in once it is on");
  // An editor is not required to.
  const ed = new Client(srv);
  await ed.signIn("ed");
  assert.equal((await ed.get("/admin/")).status, 200);
});

test("signing in takes the password and a current code; a code is never accepted twice", async () => {
  const wrong = await signInWithCode("chief", "000000" === totp(chiefSecret) ? "111111" : "000000");
  assert.equal(wrong.res.status, 401);
  assert.match(wrong.res.body, /验证码不正确/);  // not signed in yet: the site's language
  const next = totp(chiefSecret, 30);  // the enrolment used this step's code already
  const ok = await signInWithCode("chief", next);
  assert.equal(ok.res.status, 303);
  assert.equal((await ok.c.get("/admin/users")).status, 200);
  const replay = await signInWithCode("chief", next);
  assert.equal(replay.res.status, 401);
  assert.match(replay.res.body, /已经用过/);
});

test("a recovery code works once; an admin's reset is audited and ends the second step", async () => {
  const rec = await signInWithCode("chief", chiefCodes[0].toUpperCase());
  assert.equal(rec.res.status, 303);
  const again = await signInWithCode("chief", chiefCodes[0]);
  assert.equal(again.res.status, 401);
  assert.match((await rec.c.get("/admin/account/mfa")).body, /<strong>on<\/strong>. You have 9 unused recovery codes\./, "one used");
  // The editor turns it on, loses the phone; the admin turns it off.
  const ed = new Client(srv);
  await ed.signIn("ed");
  await enrol(ed);
  const before = new Client(srv);
  assert.equal((await before.signIn("ed")).status, 200, "ed now has a second step");
  const reset = await rec.c.post("/admin/users/ed", { action: "mfa-reset" });
  assert.equal(reset.status, 303, reset.body.slice(0, 300));
  const after = new Client(srv);
  assert.equal((await after.signIn("ed")).status, 303, "password only again");
  assert.match((await rec.c.audit("action=user.mfa")).body, /user\.mfa-reset/);
});
