// Issue 12's "portal stalls behind slow work": the cached article page's
// latency under wrk while 4 sign-ins (Argon2id, 64 MiB each) and 2 image
// uploads (libvips re-encoding) run back to back, against the same page
// with nothing else running. Prints wrk's latency lines; asserts nothing.
// Usage: node bench/slow_work.mjs [seconds]   (needs wrk and a build)
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { startServer, tempDir, ROOT } from "../tests/js/lib/server.mjs";
import { addUser, apiToken, api, Client } from "../tests/js/lib/newsroom.mjs";

const seconds = Number(process.argv[2] ?? 10);
const dir = tempDir("procura-slow-work-");
for (let i = 0; i < 4; i++) addUser(dir, `signer${i}`, ["editor"]);
addUser(dir, "uploader", ["editor"]);
const token = apiToken(dir, "uploader");
const jpg = readFileSync(`${ROOT}/tests/fixtures/photo-with-exif.jpg`);
const srv = await startServer({ dataDir: dir, args: ["--access-log", "off"] });
const page = `${srv.url}/articles/1/`;

function wrk() {
  return new Promise((resolve) => {
    const p = spawn("wrk", ["-t1", "-c8", `-d${seconds}s`, "--latency", page]);
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", () => resolve(out));
  });
}
const summary = (out) => out.split("\n").filter((l) => /Latency|50%|90%|99%|Requests\/sec/.test(l)).join("\n");

await fetch(page);  // cached from here on
console.log(`== ${page} alone (${seconds} s, 1 thread, 8 connections)`);
console.log(summary(await wrk()));

let stop = false, signIns = 0, uploads = 0;
const signers = Array.from({ length: 4 }, async (_, i) => {
  while (!stop) {
    const c = new Client(srv);
    const r = await c.signIn(`signer${i}`);
    if (r.status === 303) signIns++;
  }
});
const uploaders = Array.from({ length: 2 }, async () => {
  while (!stop) {
    const r = await api(srv, "POST", "/api/v1/media?filename=photo.jpg&alt=load", { token, body: jpg });
    if (r.status === 201) uploads++;
  }
});
console.log(`== the same, while 4 sign-ins and 2 image uploads run back to back`);
const loaded = await wrk();
stop = true;
await Promise.all([...signers, ...uploaders]);
console.log(summary(loaded));
console.log(`(${signIns} sign-ins and ${uploads} uploads completed meanwhile)`);
await srv.stop();
spawnSync("rm", ["-rf", dir]);
