/*
 * Upload throughput and memory: a 500 MB multipart upload through Express + multer + the hashing
 * storage engine + the local disk driver, against a bare Node server that pipes the request body
 * straight to a file, both over loopback in this process.
 *
 *   node --require ./scripts/register-ts.js bench/upload.bench.ts
 *
 * Each side runs ROUNDS times, alternating, and the medians are compared, so a burst of load
 * from another process skews one round rather than the verdict.
 * Targets: our throughput >= 0.5 × bare, and peak RSS growth during our upload < 64 MB.
 * Exits non-zero when a target is missed.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, RequestListener, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { evidenceUploadOptions } from '../src/evidence/upload/upload.options';
import { LocalDiskDriver } from '../src/storage/local-disk.driver';

type Multer = (options: object) => { array(field: string, maxCount?: number): RequestHandler };
// multer ships no types and @types/multer is not installed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

const MB = 1024 * 1024;
const FILE_BYTES = 500 * MB;
const ROUNDS = 3;
const RATIO_TARGET = 0.5;
const RSS_TARGET_MB = 64;
const BOUNDARY = `----spbe-bench-${randomBytes(16).toString('hex')}`;
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', 'latin1');
// One random block reused: random-looking content costs the generator nothing per byte.
const BLOCK = randomBytes(256 * 1024);
const PART_HEAD = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="bench.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n',
);
const PART_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
const BODY_BYTES = PART_HEAD.length + FILE_BYTES + PART_TAIL.length;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The request body, generated as it is sent: never held in memory. */
function* multipartBody(): Generator<Buffer> {
  yield PART_HEAD;
  yield PDF_HEAD;
  for (let left = FILE_BYTES - PDF_HEAD.length; left > 0; left -= BLOCK.length) {
    yield left >= BLOCK.length ? BLOCK : BLOCK.subarray(0, left);
  }
  yield PART_TAIL;
}

interface Run {
  status: number;
  body: string;
  seconds: number;
}

async function upload(server: Server): Promise<Run> {
  const { port } = server.address() as AddressInfo;
  const started = process.hrtime.bigint();
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/upload',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(BODY_BYTES),
    },
  });
  const responded = once(req, 'response');
  await pipeline(Readable.from(multipartBody()), req);
  const [res] = (await responded) as [import('node:http').IncomingMessage];
  const body = await text(res);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { status: res.statusCode ?? 0, body, seconds };
}

function bareHandler(dir: string): RequestListener {
  return (req, res) => {
    pipeline(req, createWriteStream(join(dir, 'bare.bin'))).then(
      () => res.end('ok'),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  };
}

function oursHandler(driver: LocalDiskDriver): RequestListener {
  const app = express();
  const files = multer(evidenceUploadOptions(driver, { maxFileBytes: 600 * MB, maxFiles: 1 })).array(
    'files',
    1,
  );
  app.post('/upload', files, (req: Request & { files?: unknown }, res: Response) => {
    res.json(req.files);
  });
  app.use((error: Error & { httpStatus?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.httpStatus ?? 500).json({ message: error.message });
  });
  return app;
}

async function listen(handler: RequestListener): Promise<Server> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

async function measureBare(dir: string): Promise<number> {
  const server = await listen(bareHandler(dir));
  try {
    const run = await upload(server);
    if (run.status !== 200) throw new Error(`bare server answered ${run.status}: ${run.body}`);
    return run.seconds;
  } finally {
    await close(server);
    await rm(join(dir, 'bare.bin'), { force: true });
  }
}

async function measureOurs(dir: string): Promise<{ seconds: number; rssGrowth: number }> {
  const driver = new LocalDiskDriver(join(dir, 'uploads'));
  const server = await listen(oursHandler(driver));
  try {
    gc();
    const baseline = process.memoryUsage.rss();
    const { result: run, peak } = await peakRss(() => upload(server));
    if (run.status !== 200) throw new Error(`our server answered ${run.status}: ${run.body}`);
    const [file] = JSON.parse(run.body) as { size: number; sha256: string; tempKey: string }[];
    if (file.size !== FILE_BYTES) throw new Error(`stored ${file.size} bytes, sent ${FILE_BYTES}`);
    await driver.delete(file.tempKey);
    return { seconds: run.seconds, rssGrowth: peak - baseline };
  } finally {
    await close(server);
  }
}

interface Figures {
  bareSeconds: number[];
  oursSeconds: number[];
  rssGrowth: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function report({ bareSeconds, oursSeconds, rssGrowth }: Figures): boolean {
  const mb = FILE_BYTES / MB;
  const rate = (seconds: number[]) => seconds.map((s) => (mb / s).toFixed(0)).join(', ');
  const bare = mb / median(bareSeconds);
  const ours = mb / median(oursSeconds);
  const ratio = ours / bare;
  const growth = Math.max(...rssGrowth) / MB;
  const ratioOk = ratio >= RATIO_TARGET;
  const rssOk = growth < RSS_TARGET_MB;
  console.log(`file  ${mb} MB per upload, ${ROUNDS} rounds each`);
  console.log(`bare  median ${bare.toFixed(1)} MB/s (rounds: ${rate(bareSeconds)} MB/s)`);
  console.log(`ours  median ${ours.toFixed(1)} MB/s (rounds: ${rate(oursSeconds)} MB/s)`);
  console.log(`ratio ${ratio.toFixed(2)} (target >= ${RATIO_TARGET}) ${ratioOk ? 'ok' : 'MISSED'}`);
  console.log(
    `rss   +${growth.toFixed(1)} MB peak during our uploads (target < ${RSS_TARGET_MB} MB) ${rssOk ? 'ok' : 'MISSED'}`,
  );
  return ratioOk && rssOk;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'upload-bench-'));
  const figures: Figures = { bareSeconds: [], oursSeconds: [], rssGrowth: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      figures.bareSeconds.push(await measureBare(dir));
      const ours = await measureOurs(dir);
      figures.oursSeconds.push(ours.seconds);
      figures.rssGrowth.push(ours.rssGrowth);
    }
    if (!report(figures)) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
