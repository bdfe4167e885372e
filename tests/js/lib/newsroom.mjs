// Newsroom helpers: users created through the real CLI, and a signed-in
// HTTP client that behaves like a browser form (cookies, Origin, CSRF).
import { spawnSync } from "node:child_process";
import { BIN, request, withDatabase } from "./server.mjs";

export const PASSWORD = "correct horse battery staple";

// `procura user add NAME --role R...` with the password on stdin.
export function addUser(dataDir, name, roles, password = PASSWORD, extra = []) {
  const r = spawnSync(BIN, withDatabase(["user", "add", name, ...roles.flatMap((x) => ["--role", x]), "--data", dataDir, ...extra]),
    { input: password + "\n", encoding: "utf8" });
  if (r.status !== 0) throw new Error(`user add ${name}: ${r.stderr}`);
  return r;
}

export function cookiesFrom(res) {
  const out = {};
  for (const c of [res.headers["set-cookie"] ?? []].flat()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

// A field whose value is an array is sent once per value (checkboxes).
export const form = (fields) => {
  const p = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) p.append(name, one);
  return p.toString();
};

// A client with a cookie jar for one server. The newsroom speaks the
// site's language (Chinese on the demo) unless `lang` is given: then every
// sign-in also chooses that language on the account page, as a user would.
// Set Client.defaultLang in a test file whose assertions are in English.
export class Client {
  static defaultLang = null;
  constructor(srv, { lang = Client.defaultLang } = {}) {
    this.lang = lang;
    this.srv = srv;
    this.jar = {};
    this.csrf = "";
  }
  cookieHeader() {
    return Object.entries(this.jar).filter(([, v]) => v !== "").map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async get(path, headers = {}) {
    const res = await request(this.srv.url + path, { headers: { Cookie: this.cookieHeader(), ...headers } });
    Object.assign(this.jar, cookiesFrom(res));
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (m && this.jar["__Host-procura_session"]) this.csrf = m[1];
    return res;
  }
  // The audit log page filtered by `query`, with only its entries (the
  // table's body) as the body: a code matched there was written, not merely
  // offered among the filter's suggestions.
  async audit(query) {
    const res = await this.get("/admin/audit?" + query);
    return { ...res, body: (res.body.match(/<tbody>([\s\S]*?)<\/tbody>/) ?? ["", ""])[1] };
  }
  async post(path, fields = {}, { origin = this.srv.url, csrf = true, headers = {} } = {}) {
    const body = form(csrf ? { _csrf: this.csrf, ...fields } : fields);
    const h = { "Content-Type": "application/x-www-form-urlencoded", Cookie: this.cookieHeader(), ...headers };
    if (origin) h.Origin = origin;
    const res = await request(this.srv.url + path, { method: "POST", body, headers: h });
    Object.assign(this.jar, cookiesFrom(res));
    return res;
  }
  // A multipart POST (file uploads) with the CSRF token as a field.
  async upload(path, fields) {
    const { body, type } = multipart([["_csrf", this.csrf], ...fields]);
    const res = await request(this.srv.url + path, {
      method: "POST", body,
      headers: { "Content-Type": type, Cookie: this.cookieHeader(), Origin: this.srv.url },
    });
    Object.assign(this.jar, cookiesFrom(res));
    return res;
  }
  // Approves or returns article `id` as a reviewer would: reads its page
  // first and sends the version read there.
  async review(id, verb, fields = {}) {
    const page = await this.get(`/admin/articles/${id}/`);
    const m = page.body.match(/name="version" value="(\d+)"/);
    return this.post(`/admin/articles/${id}/${verb}`, { ...(m ? { version: m[1] } : {}), ...fields });
  }
  // Signs in (sending `headers` with the form, such as a User-Agent);
  // resolves the POST /admin/login response.
  async signIn(name, password = PASSWORD, { headers = {} } = {}) {
    const page = await this.get("/admin/login");
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)[1];
    const res = await this.post("/admin/login", { _csrf: token, name, password, next: "/admin/" }, { csrf: false, headers });
    if (res.status === 303) {
      await this.get("/admin/account");  // picks up the session's CSRF token
      if (this.lang) {
        const set = await this.post("/admin/account/language", { lang: this.lang });
        if (set.status !== 303) throw new Error(`language ${this.lang}: ${set.status}`);
      }
    }
    return res;
  }
}

// A client signed in as `name` (with PASSWORD) on `srv`; fails the test
// unless the sign-in succeeds.
export async function signedIn(srv, name) {
  const c = new Client(srv);
  const res = await c.signIn(name);
  if (res.status !== 303) throw new Error(`signing in as ${name} answered ${res.status}`);
  return c;
}

// A multipart/form-data body: fields is [[name, value]] or
// [[name, {filename, type, data: Buffer}]].
export function multipart(fields) {
  const boundary = "----procura" + Math.random().toString(16).slice(2);
  const chunks = [];
  for (const [name, value] of fields) {
    if (typeof value === "string") {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type ?? "application/octet-stream"}\r\n\r\n`));
      chunks.push(value.data, Buffer.from("\r\n"));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

// `procura user token NAME`: a fresh API token.
export function apiToken(dataDir, name) {
  const r = spawnSync(BIN, withDatabase(["user", "token", name, "--label", "tests", "--data", dataDir]), { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`user token ${name}: ${r.stderr}`);
  return r.stdout.trim();
}

// One API call; resolves {status, headers, json}.
export async function api(srv, method, path, { token, json, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload = body;
  if (json !== undefined) {
    payload = typeof json === "string" ? json : JSON.stringify(json);
    h["Content-Type"] = "application/json";
  }
  const res = await request(srv.url + path, { method, headers: h, body: payload });
  let parsed = null;
  try { parsed = res.body ? JSON.parse(res.body) : null; } catch { parsed = { unparsable: res.body }; }
  return { status: res.status, headers: res.headers, json: parsed };
}

// Approves or returns article `id` through the API, sending the version
// that a GET of the article reports (what the reviewer read).
export async function apiReview(srv, id, verb, token, json = {}) {
  const got = await api(srv, "GET", `/api/v1/articles/${id}`, { token });
  const version = got.json?.article?.version;
  return api(srv, "POST", `/api/v1/articles/${id}/${verb}`, { token, json: { version, ...json } });
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for `secret` at `offset` seconds
// from now, computed independently of procura with Python's hmac.
export function totp(secret, offset = 0) {
  const py = `
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
step = int((time.time() + int(sys.argv[2])) // 30)
mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))`;
  const r = spawnSync("python3", ["-c", py, secret, String(offset)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`totp: ${r.stderr}`);
  return r.stdout.trim();
}

// Creates article `title` in `column` as `ed`, submits it and has `rv`
// approve it through the API; resolves its id.
export async function publishViaApi(srv, ed, rv, title, body, column) {
  let r = await api(srv, "POST", "/api/v1/articles", { token: ed, json: { column_id: column, title, body } });
  if (r.status !== 201) throw new Error(`create ${title}: ${JSON.stringify(r.json)}`);
  const id = r.json.article.id;
  r = await api(srv, "POST", `/api/v1/articles/${id}/submit`, { token: ed });
  if (r.status !== 200) throw new Error(`submit ${title}: ${JSON.stringify(r.json)}`);
  r = await apiReview(srv, id, "approve", rv);
  if (r.status !== 200) throw new Error(`approve ${title}: ${JSON.stringify(r.json)}`);
  return id;
}

// A demo site with an editor (ed), a reviewer (rv, reviewing column 2,
// "party-building") and an admin (adm), and their API tokens. Resolves
// {dir, srv, ed, rv, adm}.
export async function siteWithNewsroom({ args = [] } = {}) {
  const { startServer, tempDir } = await import("./server.mjs");
  const dir = tempDir();
  addUser(dir, "ed", ["editor"]);
  addUser(dir, "rv", ["reviewer"]);
  addUser(dir, "adm", ["admin"]);
  const t = { ed: apiToken(dir, "ed"), rv: apiToken(dir, "rv"), adm: apiToken(dir, "adm") };
  const srv = await startServer({ dataDir: dir, args });
  const col = await api(srv, "PUT", "/api/v1/columns/2", { token: t.adm, json: { name: "党建工作", slug: "party-building", position: 2, reviewer_ids: [2] } });
  if (col.status !== 200) throw new Error(`column 2: ${JSON.stringify(col.json)}`);
  return { dir, srv, ...t };
}
