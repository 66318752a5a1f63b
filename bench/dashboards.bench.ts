/**
 * Dashboards under load, through the real app in production mode: the national agency table
 * (GET /agencies as the admin) and an agency dashboard (GET /agencies/{id} as that agency's
 * coordinator), each under 100 concurrent connections for 30 s (autocannon), against an
 * authenticated trivial endpoint (GET /api/v1/auth/me) under the same load, measured in the same
 * run before and after the pages; the national SPL directory (page and API, issue 22) likewise. Targets: zero errors and non-2xx answers, and each page's p99
 * <= 5 x the trivial p99 (the mean of its two runs). Exits 1 when one is missed.
 *
 *   npm run bench:seed -- --agencies 615   # once
 *   npm run bench:dashboards -- [--duration 30] [--connections 100]
 */
import autocannon from 'autocannon';
import { numberArg } from './lib/args';
import { BENCH_ADMIN, coordinatorName } from './lib/seed-ids';
import { BenchServer, call, signIn, startServer } from './lib/server';
import { Verdict, conclude } from './lib/stats';

const RATIO_TARGET = 5;
const WARM_UP_SECONDS = 3;

interface Target {
  label: string;
  path: string;
  token: string;
}

interface Load {
  label: string;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

async function hammer(url: string, target: Target, duration: number, connections: number): Promise<Load> {
  const result = await autocannon({
    url: `${url}${target.path}`,
    connections,
    duration,
    headers: { authorization: `Bearer ${target.token}`, accept: 'text/html,application/json' },
  });
  return {
    label: target.label,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

function show(load: Load): void {
  console.log(
    `${load.label.padEnd(34)} p50 ${String(load.p50).padStart(5)} ms  p99 ${String(load.p99).padStart(5)} ms  ` +
      `${load.requests} requests, ${load.failures} errors or non-2xx`,
  );
}

async function run(server: BenchServer): Promise<void> {
  const duration = numberArg('duration', 30);
  const connections = numberArg('connections', 100);
  const admin = await signIn(server.url, BENCH_ADMIN);
  const coordinator = await signIn(server.url, coordinatorName(0));
  const [agency] = JSON.parse((await call(server.url, coordinator, '/api/v1/agencies')).text) as {
    id: string;
  }[];
  const agencies = (JSON.parse((await call(server.url, admin, '/api/v1/agencies')).text) as unknown[]).length;
  const trivial: Target = { label: 'trivial GET /api/v1/auth/me', path: '/api/v1/auth/me', token: admin };
  const pages: Target[] = [
    { label: `national table GET /agencies (${agencies})`, path: '/agencies', token: admin },
    { label: 'agency dashboard GET /agencies/{id}', path: `/agencies/${agency.id}`, token: coordinator },
    { label: 'SPL directory GET /spl-directory', path: '/spl-directory', token: admin },
    { label: 'SPL directory GET /api/v1/spl-directory', path: '/api/v1/spl-directory', token: admin },
  ];
  console.log(`${connections} connections, ${duration} s per run, ${agencies} agencies`);
  for (const target of [trivial, ...pages]) await hammer(server.url, target, WARM_UP_SECONDS, connections);
  const before = await hammer(server.url, trivial, duration, connections);
  show(before);
  const loads: Load[] = [];
  for (const page of pages) {
    loads.push(await hammer(server.url, page, duration, connections));
    show(loads[loads.length - 1]);
  }
  const after = await hammer(
    server.url,
    { ...trivial, label: `${trivial.label} (again)` },
    duration,
    connections,
  );
  show(after);
  const base = (before.p99 + after.p99) / 2;
  const verdicts: Verdict[] = [before, after, ...loads].map((load) => ({
    label: `${load.label}: no errors`,
    ok: load.failures === 0,
    detail: `${load.failures} errors or non-2xx`,
  }));
  for (const load of loads) {
    const ratio = load.p99 / base;
    verdicts.push({
      label: `${load.label}: p99 / trivial p99`,
      ok: ratio <= RATIO_TARGET,
      detail: `${load.p99} / ${base.toFixed(1)} ms = ${ratio.toFixed(2)}x (target <= ${RATIO_TARGET}x)`,
    });
  }
  conclude(verdicts);
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
