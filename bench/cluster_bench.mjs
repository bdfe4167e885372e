// Several nodes on one PostgreSQL (issue 15), measured; run through
// bench/cluster_bench.sh, which starts the database. Prints:
//  - publish on node 1 → visible on nodes 2 and 3 (article page 200 on
//    both): p50 and p99 over N publishes;
//  - cached article throughput through nginx with 1 node and with 3 nodes,
//    beside nginx serving the same page as a static file (wrk, C
//    connections, interleaved rounds).
// Numbers are printed, never asserted; bench/RESULTS.md records them.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync, mkdirSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, request, pgDatabaseFor } from "../tests/js/lib/server.mjs";
import { addUser, apiToken, api, publishViaApi } from "../tests/js/lib/newsroom.mjs";
import { startNginx, startNginxProxy } from "../tests/js/lib/nginx.mjs";

const N = Number(process.env.N ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DURATION = process.env.DURATION ?? "5s";
const C = process.env.C ?? "64";

const dirs = [tempDir(), tempDir(), tempDir()];
const url = pgDatabaseFor(dirs[0]);
for (const d of dirs.slice(1)) writeFileSync(join(d, ".test-database"), url);
addUser(dirs[0], "ed", ["editor"]);
addUser(dirs[0], "rv", ["reviewer"]);
addUser(dirs[0], "adm", ["admin"]);
const [ed, rv, adm] = ["ed", "rv", "adm"].map((n) => apiToken(dirs[0], n));
const nodes = [];
for (let i = 0; i < 3; i++)
  nodes.push(await startServer({ dataDir: dirs[i], demo: i === 0, args: ["--access-log", "off"] }));
await api(nodes[0], "PUT", "/api/v1/columns/2", { token: adm, json: { name: "党建工作", slug: "party-building", position: 2, reviewer_ids: [2] } });

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const lags = [];
for (let i = 0; i < N; i++) {
  const id = await publishViaApi(nodes[0], ed, rv, `集群测量 ${i}`, "正文。", 2);
  const t0 = process.hrtime.bigint();
  for (const n of [nodes[1], nodes[2]])
    while ((await request(`${n.url}/articles/${id}/`)).status !== 200) { /* poll */ }
  lags.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(`publish → visible on nodes 2 and 3 (${N} publishes): p50 ${pct(lags, 0.5).toFixed(1)} ms, p99 ${pct(lags, 0.99).toFixed(1)} ms, max ${Math.max(...lags).toFixed(1)} ms`);

// The page as a static file, for nginx's own figure.
const site = tempDir();
chmodSync(site, 0o755);  // nginx's workers run as nobody (lib/nginx.mjs)
const page = await request(`${nodes[0].url}/articles/38/`);
mkdirSync(join(site, "articles/38"), { recursive: true });
writeFileSync(join(site, "articles/38/index.html"), page.raw);
writeFileSync(join(site, "robots.txt"), "");
const stat = await startNginx(site);
const one = await startNginxProxy([`${nodes[0].host}:${nodes[0].port}`]);
const three = await startNginxProxy(nodes.map((n) => `${n.host}:${n.port}`));

function wrk(target) {
  return new Promise((resolve) => {
    const p = spawn("wrk", ["-t2", `-c${C}`, `-d${DURATION}`, "--latency", target], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", () => {
      const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
      const p99 = out.match(/99%\s+([\d.]+)(us|ms|s)/);
      const ms = p99 ? Number(p99[1]) * (p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1) : NaN;
      const errors = /Non-2xx|Socket errors/.test(out);
      resolve({ rps, p99: ms, errors });
    });
  });
}
const results = { "nginx static file": [], "nginx → 1 node": [], "nginx → 3 nodes": [] };
for (let r = 0; r < ROUNDS; r++)
  for (const [name, base] of [["nginx static file", stat.url], ["nginx → 1 node", one.url], ["nginx → 3 nodes", three.url]])
    results[name].push(await wrk(`${base}/articles/38/`));
for (const [name, rows] of Object.entries(results)) {
  const rps = rows.map((x) => x.rps), p99 = rows.map((x) => x.p99);
  console.log(`${name.padEnd(18)} req/s median ${pct(rps, 0.5).toFixed(0)} (${rps.map((x) => x.toFixed(0)).join(", ")}), p99 median ${pct(p99, 0.5).toFixed(2)} ms${rows.some((x) => x.errors) ? ", ERRORS" : ""}`);
}
await stat.stop(); await one.stop(); await three.stop();
for (const n of nodes) await n.cleanup();
