// Debian's nginx on loopback, started by the test itself: a configuration
// in a temporary prefix that serves `root` the way docs/deploy.md does
// (gzip_static, the export's 404 page, dotfiles denied). Resolves
// {url, port, stop()}.
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

export async function startNginx(root) {
  const prefix = tempDir("procura-nginx-");
  const port = await freePort();
  const user = process.getuid() === 0 ? "user root root;\n" : "";
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
    location / { try_files $uri $uri/index.html =404; }
  }
}
`);
  const proc = spawn(NGINX, ["-p", prefix, "-c", join(prefix, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await request(url + "/robots.txt"); break; } catch (e) {
      if (i > 100 || proc.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await sleep(50);
    }
  }
  return {
    url, port,
    stop: () => new Promise((resolve) => { proc.once("exit", resolve); proc.kill("SIGQUIT"); }),
  };
}
