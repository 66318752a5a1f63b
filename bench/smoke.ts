/**
 * CI smoke run of every benchmark on a small generated set (20 agencies), in a database of its
 * own that is removed afterwards: with DATABASE_URL, a new database on that server; without, a
 * temporary embedded one (DATA_DIR and UPLOADS_DIR in a temporary folder). Runs are shortened
 * (fewer samples, 5 s load runs, 100,000-line import); each bench still checks its targets.
 * Prints one line per bench and exits 1 when one of them failed or missed a target.
 *
 *   npm run bench:smoke -- [--agencies 20] [--skip upload,hub]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { numberArg } from './lib/args';

const ROOT = join(__dirname, '..');

function benches(agencies: number): [string, string[]][] {
  return [
    ['seed', ['bench/seed.ts', '--agencies', String(agencies)]],
    ['recompute', ['bench/recompute.bench.ts', '--rounds', '2']],
    ['incremental', ['bench/incremental.bench.ts', '--samples', '40']],
    ['dashboards', ['bench/dashboards.bench.ts', '--duration', '5']],
    ['reports', ['bench/reports.bench.ts', '--downloads', '3']],
    ['upload', ['bench/upload.bench.ts']],
    ['hub', ['bench/hub-import.bench.ts', '--lines', '100000']],
    ['score', ['bench/score.bench.ts', '100']],
  ];
}

/** A database of its own for the run, and how to remove it. */
async function scratchDatabase(): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), 'spbe-bench-smoke-'));
    return {
      env: { DATA_DIR: join(dir, 'data'), UPLOADS_DIR: join(dir, 'uploads') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `spbe_bench_smoke_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const uploads = mkdtempSync(join(tmpdir(), 'spbe-bench-smoke-'));
  return {
    env: { DATABASE_URL: url.toString(), UPLOADS_DIR: uploads },
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const agencies = numberArg('agencies', 20);
  const skipIndex = process.argv.indexOf('--skip');
  const skip = new Set(skipIndex > 0 ? process.argv[skipIndex + 1].split(',') : []);
  const db = await scratchDatabase();
  const outcomes: string[] = [];
  let failed = false;
  try {
    for (const [name, args] of benches(agencies)) {
      if (skip.has(name)) {
        outcomes.push(`skipped ${name}`);
        continue;
      }
      console.log(`\n=== ${name}`);
      const started = Date.now();
      const run = spawnSync(process.execPath, ['--require', './scripts/register-ts.js', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...db.env },
        stdio: 'inherit',
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const ok = run.status === 0;
      failed ||= !ok;
      outcomes.push(`${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s, exit ${run.status ?? run.signal})`);
      if (name === 'seed' && !ok) break;
    }
  } finally {
    await db.drop();
  }
  console.log(`\n${outcomes.join('\n')}`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
