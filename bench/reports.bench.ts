/**
 * Reports through the real app in production mode, on the generated national set:
 *   (a) the agency summary PDF (GET /api/v1/agencies/{id}/periods/{year}/reports/summary.pdf,
 *       45 units, ~500 evidence rows) as the agency's coordinator: median of 10 downloads < 1 s;
 *   (b) the national roll-up PDF (GET /api/v1/periods/{year}/reports/rollup.pdf) as the admin, for
 *       every agency: complete in < 30 s, streamed (chunked, written as it is read) with the
 *       server's resident memory growing by less than 100 MB while it is written.
 * Each figure is printed with its ratio to the budget; exits 1 when a target is missed.
 *
 *   npm run bench:seed -- --agencies 615   # once
 *   npm run bench:reports -- [--downloads 10]
 */
import { numberArg } from './lib/args';
import { BENCH_ADMIN, coordinatorName } from './lib/seed-ids';
import { BenchServer, call, signIn, startServer } from './lib/server';
import { Verdict, conclude, median, ms } from './lib/stats';

const AGENCY_PDF_BUDGET_MS = 1000;
const ROLLUP_BUDGET_MS = 30_000;
const ROLLUP_RSS_BUDGET_MB = 100;
const MB = 1024 * 1024;

interface Download {
  status: number;
  type: string;
  /** `chunked` when the server streams without knowing the length first. */
  encoding: string;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  head: string;
}

/** Reads the whole body as it arrives, keeping only its size and first bytes. */
async function download(
  url: string,
  token: string,
  onChunk: () => void = () => undefined,
): Promise<Download> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  let firstByteMs = 0;
  let head = '';
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) {
      firstByteMs = performance.now() - started;
      head = Buffer.from(value.subarray(0, 8)).toString('latin1');
    }
    bytes += value.length;
    onChunk();
  }
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    encoding: res.headers.get('transfer-encoding') ?? `length ${res.headers.get('content-length')}`,
    bytes,
    firstByteMs,
    totalMs: performance.now() - started,
    head,
  };
}

function assertPdf(label: string, d: Download): void {
  if (d.status !== 200 || !d.head.startsWith('%PDF')) {
    throw new Error(`${label} answered ${d.status} ${d.type} (${d.bytes} bytes) instead of a PDF`);
  }
}

async function agencyPdf(server: BenchServer, year: number): Promise<Verdict> {
  const downloads = numberArg('downloads', 10);
  const token = await signIn(server.url, coordinatorName(0));
  const [agency] = JSON.parse((await call(server.url, token, '/api/v1/agencies')).text) as { id: string }[];
  const url = `${server.url}/api/v1/agencies/${agency.id}/periods/${year}/reports/summary.pdf`;
  for (let i = 0; i < 2; i++) assertPdf('agency PDF', await download(url, token));
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < downloads; i++) {
    const d = await download(url, token);
    assertPdf('agency PDF', d);
    times.push(d.totalMs);
    bytes = d.bytes;
  }
  const m = median(times);
  console.log(`agency PDF: median ${ms(m)} over ${downloads} downloads, ${(bytes / 1024).toFixed(0)} KB`);
  return {
    label: 'agency PDF median < 1 s',
    ok: m < AGENCY_PDF_BUDGET_MS,
    detail: `${ms(m)} = ${(m / AGENCY_PDF_BUDGET_MS).toFixed(2)} of the budget`,
  };
}

async function rollupPdf(server: BenchServer, year: number): Promise<Verdict[]> {
  const token = await signIn(server.url, BENCH_ADMIN);
  const agencies = (JSON.parse((await call(server.url, token, '/api/v1/agencies')).text) as unknown[]).length;
  const before = server.rss();
  let peak = before;
  const sample = () => (peak = Math.max(peak, server.rss()));
  const timer = setInterval(sample, 50);
  const d = await download(`${server.url}/api/v1/periods/${year}/reports/rollup.pdf`, token, sample).finally(
    () => clearInterval(timer),
  );
  assertPdf('roll-up PDF', d);
  const growth = (peak - before) / MB;
  console.log(
    `roll-up PDF (${agencies} agencies): ${ms(d.totalMs)}, first byte after ${ms(d.firstByteMs)}, ` +
      `${(d.bytes / MB).toFixed(1)} MB (${d.encoding}), server RSS ${(before / MB).toFixed(0)} MB + ${growth.toFixed(1)} MB at peak`,
  );
  return [
    {
      label: 'roll-up PDF < 30 s',
      ok: d.totalMs < ROLLUP_BUDGET_MS,
      detail: `${ms(d.totalMs)} = ${(d.totalMs / ROLLUP_BUDGET_MS).toFixed(2)} of the budget`,
    },
    {
      label: `roll-up PDF streamed, server RSS growth < ${ROLLUP_RSS_BUDGET_MB} MB`,
      ok: growth < ROLLUP_RSS_BUDGET_MB && d.encoding === 'chunked',
      detail: `+${growth.toFixed(1)} MB, ${d.encoding}`,
    },
  ];
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const year = new Date().getFullYear();
    conclude([await agencyPdf(server, year), ...(await rollupPdf(server, year))]);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
