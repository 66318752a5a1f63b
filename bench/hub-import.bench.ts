/**
 * Throughput and memory of the F5 analytics import against a bare baseline, on a generated
 * 1,000,000-line apim_metrics.log:
 *   (a) baseline: readline over the file + JSON.parse of each line's JSON part, nothing kept;
 *   (b) ours: parseHubFile (detection, validation, hashing, daily buckets, exact percentiles).
 * Each side runs in its own child process so its peak RSS is its own. Targets: ours/baseline
 * lines per second >= 0.25 and our peak RSS < 300 MB; the exit code is 1 when one is missed.
 *
 *   node --require ./scripts/register-ts.js bench/hub-import.bench.ts [--lines 1000000]
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { parseHubFile } from '../src/hub/parsers';

const RATIO_TARGET = 0.25;
const RSS_TARGET_MB = 300;

interface Measure {
  lines: number;
  seconds: number;
  peakRssMb: number;
  buckets?: number;
}

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Cheap deterministic scrambling, so API, application, key type and day vary independently. */
const mix = (i: number, salt: number): number => Math.imul(i ^ salt, 2654435761) >>> 7;

/**
 * A WSO2-shaped event line: 40 APIs x 25 applications x 2 key types x 31 days (up to 62,000
 * daily buckets, the high-cardinality case for memory), 3% faults, a few 4 s outliers, six
 * platform and browser pairs.
 */
function line(i: number): string {
  const fault = i % 33 === 0;
  const event = fault ? faultEvent(i) : responseEvent(i);
  const name = fault ? 'apim:faulty' : 'apim:response';
  return `10:15:30,451 [-] [PassThroughMessageProcessor-12]  INFO ELKCounterMetric apimMetrics: ${name}, properties :${JSON.stringify(event)}\n`;
}

function commonFields(i: number) {
  const api = mix(i, 0x9e37) % 40;
  const app = mix(i, 0x7f4a) % 25;
  const day = String(1 + (i % 31)).padStart(2, '0');
  const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')}`;
  return {
    apiCreator: `opd${api % 8}@bandung.go.id`,
    apiCreatorTenantDomain: 'bandung.go.id',
    apiId: `00000000-0000-4000-8000-${String(api).padStart(12, '0')}`,
    apiName: `LayananOpd${api}`,
    apiType: 'HTTP',
    apiVersion: '1.0.0',
    applicationId: `11111111-1111-4111-8111-${String(app).padStart(12, '0')}`,
    applicationName: `Aplikasi${app}`,
    applicationOwner: `app${app}@bandung.go.id`,
    correlationId: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
    gatewayType: 'SYNAPSE',
    keyType: mix(i, 0x1234) % 10 === 0 ? 'SANDBOX' : 'PRODUCTION',
    regionId: 'default',
    requestTimestamp: `2024-01-${day}T${time}Z`,
  };
}

function faultEvent(i: number) {
  return {
    ...commonFields(i),
    errorCode: 900803,
    errorMessage: 'APPLICATION_LEVEL_LIMIT_EXCEEDED',
    errorType: 'THROTTLED',
    eventType: 'fault',
    proxyResponseCode: 429,
    targetResponseCode: -1,
    properties: {},
  };
}

/**
 * OS and browser families as the gateway writes them; varied per event so that a bucket holds
 * several names, the costly case for the device counts (issue 22: calls by device).
 */
const DEVICES: Array<[platform: string, userAgent: string]> = [
  ['Windows', 'Chrome'],
  ['Windows', 'Edge'],
  ['Android', 'Chrome Mobile WebView'],
  ['iOS', 'Mobile Safari'],
  ['Mac OS X', 'Safari'],
  ['UNKNOWN', 'UNKNOWN'],
];

function responseEvent(i: number) {
  const common = commonFields(i);
  const [platform, userAgent] = DEVICES[mix(i, 0x5a5a) % DEVICES.length];
  const context = `/t/bandung.go.id/${common.apiName.toLowerCase()}/1.0.0`;
  const latency = 20 + ((i * 2654435761) % 997) + (i % 500 === 0 ? 4000 : 0);
  const code = i % 50 === 0 ? 503 : i % 20 === 0 ? 404 : 200;
  return {
    ...common,
    apiMethod: 'GET',
    apiResourceTemplate: '/data/{id}',
    apiContext: context,
    backendLatency: latency - 15,
    destination: 'http://10.10.1.5:8080/data',
    eventType: 'response',
    platform,
    properties: { apiContext: context, userName: 'warga@carbon.super' },
    proxyResponseCode: code,
    requestMediationLatency: 9,
    responseCacheHit: false,
    responseLatency: latency,
    responseMediationLatency: 6,
    targetResponseCode: code,
    userAgent,
    userIp: '172.16.2.70',
    userName: 'warga@carbon.super',
  };
}

async function generate(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  for (let start = 0; start < lines; start += 10_000) {
    let chunk = '';
    for (let i = start; i < Math.min(lines, start + 10_000); i += 1) chunk += line(i);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Peak RSS sampled every 50 ms while `work` runs. */
async function measure(work: () => Promise<Omit<Measure, 'seconds' | 'peakRssMb'>>): Promise<Measure> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ...result, seconds, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function baseline(path: string): Promise<{ lines: number }> {
  let lines = 0;
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const text of rl) {
    const open = text.indexOf('{', text.indexOf('properties :'));
    if (open >= 0) JSON.parse(text.slice(open));
    lines += 1;
  }
  return { lines };
}

async function ours(path: string): Promise<{ lines: number; buckets: number }> {
  let buckets = 0;
  const result = await parseHubFile({ path }, { hubId: 'bench', onRecord: () => void (buckets += 1) });
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return { lines: result.counts.rowsRead, buckets };
}

async function child(kind: string, path: string): Promise<void> {
  const result = await measure(() => (kind === 'ours' ? ours(path) : baseline(path)));
  process.stdout.write(JSON.stringify(result));
}

function runChild(kind: string, path: string): Measure {
  const output = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', kind, path], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output) as Measure;
}

async function main(): Promise<void> {
  const lines = argValue('--lines', 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const path = join(dir, 'apim_metrics.log');
  try {
    await generate(path, lines);
    console.log(`generated ${lines} lines, ${(statSync(path).size / 1024 / 1024).toFixed(0)} MB`);
    const base = runChild('baseline', path);
    const mine = runChild('ours', path);
    const rate = (m: Measure): number => m.lines / m.seconds;
    const ratio = rate(mine) / rate(base);
    console.log(
      `baseline (readline + JSON.parse): ${rate(base).toFixed(0)} lines/s, peak RSS ${base.peakRssMb.toFixed(0)} MB`,
    );
    console.log(
      `ours (parseHubFile, F5-log):      ${rate(mine).toFixed(0)} lines/s, peak RSS ${mine.peakRssMb.toFixed(0)} MB, ${mine.buckets} buckets`,
    );
    console.log(`ratio ours/baseline: ${ratio.toFixed(2)} (target >= ${RATIO_TARGET})`);
    const missed = [
      ratio < RATIO_TARGET ? `throughput ratio ${ratio.toFixed(2)} < ${RATIO_TARGET}` : '',
      mine.peakRssMb >= RSS_TARGET_MB
        ? `peak RSS ${mine.peakRssMb.toFixed(0)} MB >= ${RSS_TARGET_MB} MB`
        : '',
      mine.lines !== lines ? `read ${mine.lines} of ${lines} lines` : '',
    ].filter(Boolean);
    if (missed.length > 0) {
      console.error(`MISSED: ${missed.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log('all targets met');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childIndex = process.argv.indexOf('--child');
const run = childIndex > 0 ? child(process.argv[childIndex + 1], process.argv[childIndex + 2]) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
