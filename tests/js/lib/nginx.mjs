// Debian's nginx on loopback, started by the test itself: a configuration
// in a temporary prefix that serves `root` the way docs/deploy.md does
// (gzip_static, the export's 404 page, dotfiles denied). With `proxy` (a
// procura node's URL), members' calendar addresses are passed on to it as
// the DMZ's configuration there does. Resolves {url, port, stop()}.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { tempDir, request, sleep } from "./server.mjs";

export const NGINX = process.env.PROCURA_NGINX ?? "/usr/sbin/nginx";

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Its workers run as nobody (when the tests run as root), as a real web
// server's would: `root` and what is in it must be readable by others.
export async function startNginx(root, { proxy } = {}) {
  const prefix = tempDir("procura-nginx-");
  const port = await freePort();
  const user = process.getuid() === 0 ? "user nobody nogroup;\n" : "";
  writeFileSync(join(prefix, "nginx.conf"), `${user}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  types { application/rss+xml rss; }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    gzip_static on;
    error_page 404 /404.html;
    location ~ /\\. { deny all; return 404; }
    location / { try_files $uri $uri/index.html =404; }${proxy ? `
    location ~ "^/admin/calendar/[A-Za-z0-9_-]{43}\\.ics$" {
      limit_except GET { deny all; }
      proxy_pass ${proxy};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }` : ""}
  }
}
`);
  return launch(prefix, port, "/robots.txt");
}

// Runs nginx on <prefix>/nginx.conf and waits until `probe` answers.
async function launch(prefix, port, probe) {
  const proc = spawn(NGINX, ["-p", prefix, "-c", join(prefix, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await request(url + probe); break; } catch (e) {
      if (i > 100 || proc.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await sleep(50);
    }
  }
  return {
    url, port,
    stop: () => new Promise((resolve) => { proc.once("exit", resolve); proc.kill("SIGQUIT"); }),
  };
}

// nginx as the load balancer in front of procura nodes, configured as
// deploy/nginx/procura-cluster.conf is: round robin, passive health
// (max_fails), and a retry on the next node for idempotent requests when
// one fails or is gone. Resolves {url, port, stop()}.
export async function startNginxProxy(upstreams) {
  const prefix = tempDir("procura-nginx-lb-");
  const port = await freePort();
  const user = process.getuid() === 0 ? "user root root;\n" : "";
  const servers = upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join("\n");
  writeFileSync(join(prefix, "nginx.conf"), `${user}worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  upstream procura {
${servers}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 25m;
    location / {
      proxy_pass http://procura;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
    }
  }
}
`);
  return launch(prefix, port, "/healthz");
}
