/**
 * A throwaway nginx (Debian's package, installed when missing and root) in front of several app
 * servers on loopback: round-robin, a failed server taken out for a few seconds, the client's
 * address passed on (the sign-in rate limit counts per client, ADR 11), and a response header
 * naming the server that answered — so a test can see requests alternate. Used by the
 * multi-instance test and `npm run scale:demo`. stop() is synchronous (safe in an exit handler).
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const NGINX = "/usr/sbin/nginx";
const ROOT = path.resolve(import.meta.dirname, "..");

export type NginxProxy = { url: string; port: number; stop(): void };

export function ensureNginx(): void {
  if (existsSync(NGINX)) return;
  execFileSync("bash", [path.join(ROOT, "scripts/ensure-debian-package.sh"), NGINX, "nginx"], { stdio: "inherit" });
}

export function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  const servers = upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n");
  return `# gradlab throwaway proxy (scripts/nginx-proxy.ts)
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 2m;
  upstream gradlab {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gradlab;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      # A server that refuses the connection is skipped; a request already sent is never resent
      # (a POST is the client's to retry, with the same requestId).
      proxy_next_upstream error timeout;
      add_header X-GradLab-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts nginx on `port`, balancing over the app servers on `upstreams`; resolves once it listens. */
export async function startProxy(port: number, upstreams: number[]): Promise<NginxProxy> {
  ensureNginx();
  const dir = mkdtempSync(path.join(tmpdir(), "gradlab-nginx-"));
  // As root nginx's workers run as "nobody": they must be able to write their temp folders.
  chmodSync(dir, 0o755);
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(dir, port, upstreams));
  const child = spawn(NGINX, ["-c", conf, "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "";
      stop();
      throw new Error(`nginx exited: ${stderr}${log}`);
    }
    try {
      await fetch(url, { method: "HEAD" });
      break;
    } catch {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`nginx did not listen on ${port}: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, port, stop };
}
