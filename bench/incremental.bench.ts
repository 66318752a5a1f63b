/**
 * Incremental recompute through the real app: a coordinator moves one evidence item between
 * draft and submitted (POST .../evidence/{id}/status), then reads the agency's levels
 * (GET .../periods/{year}/levels) until the new facts hash shows; the time from sending the
 * change to reading the new levels is one sample. The baseline, measured in the same run and
 * interleaved with the samples, is an authenticated trivial endpoint (GET /api/v1/auth/me).
 * Target: p95(change -> new levels) <= 5 x p95(trivial). Exits 1 when missed.
 *
 *   npm run bench:seed -- --agencies 615   # once
 *   npm run bench:incremental -- [--samples 200] [--agency 1]
 */
import { numberArg } from './lib/args';
import { coordinatorName } from './lib/seed-ids';
import { BenchServer, call, signIn, startServer } from './lib/server';
import { conclude, median, ms, quantile, ratioVerdict, timed } from './lib/stats';

const RATIO_TARGET = 5;
const TRIVIAL_PER_SAMPLE = 4;

interface Item {
  id: string;
  status: 'draft' | 'submitted';
}

interface Context {
  url: string;
  token: string;
  levelsPath: string;
  evidencePath: string;
  hash: string;
}

async function levelsHash(c: Context): Promise<string> {
  return (JSON.parse((await call(c.url, c.token, c.levelsPath)).text) as { factsHash: string }).factsHash;
}

/** One sample: the status change, then reads of the levels until they carry the new facts. */
async function change(c: Context, item: Item): Promise<number> {
  const next = item.status === 'draft' ? 'submitted' : 'draft';
  const { ms: took } = await timed(async () => {
    await call(c.url, c.token, `${c.evidencePath}/${item.id}/status`, { status: next });
    for (let read = 0; ; read++) {
      const hash = await levelsHash(c);
      if (hash !== c.hash) return (c.hash = hash);
      if (read > 100) throw new Error('the levels never showed the change');
    }
  });
  item.status = next;
  return took;
}

async function run(server: BenchServer): Promise<void> {
  const samples = numberArg('samples', 200);
  const agencyIndex = numberArg('agency', 1) - 1;
  const year = new Date().getFullYear();
  const token = await signIn(server.url, coordinatorName(agencyIndex));
  const [agency] = JSON.parse((await call(server.url, token, '/api/v1/agencies')).text) as { id: string }[];
  const c: Context = {
    url: server.url,
    token,
    levelsPath: `/api/v1/agencies/${agency.id}/periods/${year}/levels`,
    evidencePath: `/api/v1/agencies/${agency.id}/evidence`,
    hash: '',
  };
  c.hash = await levelsHash(c);
  const listed = JSON.parse(
    (await call(server.url, token, `${c.evidencePath}?year=${year}&status=draft&pageSize=50`)).text,
  ) as { items: Item[]; total: number };
  const items = listed.items.slice(0, 20);
  if (items.length === 0) throw new Error('no draft evidence to move: run npm run bench:seed first');
  console.log(`agency ${agency.id}: ${listed.total} draft items, moving ${items.length} of them in turn`);
  const trivial: number[] = [];
  const incremental: number[] = [];
  const trivialCall = () => call(server.url, token, '/api/v1/auth/me');
  // Warm-up: connections, JIT, plans.
  for (let i = 0; i < 20; i++) {
    await trivialCall();
    await change(c, items[i % items.length]);
  }
  for (let i = 0; i < samples; i++) {
    for (let k = 0; k < TRIVIAL_PER_SAMPLE; k++) trivial.push((await timed(trivialCall)).ms);
    incremental.push(await change(c, items[i % items.length]));
  }
  // Leave the items as the seed made them.
  for (const item of items) if (item.status === 'submitted') await change(c, item);
  const p95 = { trivial: quantile(trivial, 0.95), incremental: quantile(incremental, 0.95) };
  console.log(
    `trivial (GET /api/v1/auth/me): median ${ms(median(trivial))}, p95 ${ms(p95.trivial)} (${trivial.length} requests)`,
  );
  console.log(
    `status change -> new levels:   median ${ms(median(incremental))}, p95 ${ms(p95.incremental)} (${incremental.length} changes)`,
  );
  conclude([ratioVerdict('p95 incremental / p95 trivial', p95.incremental, p95.trivial, RATIO_TARGET)]);
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
