import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { benchEnvironment } from './args';
import { BENCH_PASSWORD } from './seed-ids';

const ROOT = join(__dirname, '..', '..');
const BOOT_TIMEOUT_MS = 180_000;

/** The real app in its own process, as `npm start` runs it in production, on the configured database. */
export interface BenchServer {
  url: string;
  pid: number;
  /** Resident memory of the server process now, in bytes (Linux /proc). */
  rss(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServer(): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_PROFILE_DIR=dir: the app writes its V8 CPU profile there when it stops (Chrome DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--require', './scripts/register-ts.js', 'src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...benchEnvironment(),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        SESSION_SECRET: randomBytes(32).toString('hex'),
        // A bench signs in a few times per run from one address.
        LOGIN_RATE_PER_MINUTE: '1000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => stderr);
  return {
    url,
    pid: child.pid!,
    rss: () => rssOf(child.pid!),
    stop: () => stop(child),
  };
}

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr()}`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /health within ${BOOT_TIMEOUT_MS / 1000} s: ${stderr()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/** An access token from the login API, as a machine client gets one. */
export async function signIn(url: string, username: string, password = BENCH_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** GET (or POST with a JSON body) with a Bearer token; throws unless 2xx, returns the body text. */
export async function call(
  url: string,
  token: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${body === undefined ? 'GET' : 'POST'} ${path} answered ${res.status}: ${text}`);
  return { status: res.status, text };
}
