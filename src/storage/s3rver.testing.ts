import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real S3-compatible server (s3rver) in a child process of its own, on a loopback port, with
 * its objects in a temporary folder, for tests. `restart` kills it hard and starts it again on
 * the same port and folder, the way a storage node restarts under the app.
 */
export class S3rverProcess {
  readonly directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  readonly accessKeyId = 'S3RVER';
  readonly secretAccessKey = 'S3RVER';
  readonly region = 'us-east-1';
  private child?: ChildProcess;
  private port = 0;

  constructor(readonly bucket = 'evidence-test') {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    const script = `
      const S3rver = require('s3rver');
      new S3rver({ address: '127.0.0.1', port: ${this.port}, silent: true,
        directory: ${JSON.stringify(this.directory)},
        configureBuckets: [{ name: ${JSON.stringify(this.bucket)} }] })
        .run().then(() => process.stdout.write('s3rver ready\\n'),
          (e) => { console.error(e); process.exit(1); });`;
    // s3rver's continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider.
    const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('s3rver ready')) ready();
      });
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => fail(new Error(`s3rver exited with ${code}: ${output}`)));
    });
    return this;
  }

  /** Kills the server without a goodbye (open downloads break) and starts it again. */
  async restart(pauseMs = 300): Promise<void> {
    await this.kill();
    await new Promise((r) => setTimeout(r, pauseMs));
    await this.start();
  }

  /** Freezes the server: connections are accepted by the kernel and then hang. */
  async pause(): Promise<void> {
    this.child?.kill('SIGSTOP');
  }

  async resume(): Promise<void> {
    this.child?.kill('SIGCONT');
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    child.kill('SIGCONT');
    await once(child, 'exit');
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** The settings an app process needs to use this server (STORAGE_DRIVER=s3). */
  env(): Record<string, string> {
    return {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: this.bucket,
      S3_REGION: this.region,
      S3_ENDPOINT: this.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: this.accessKeyId,
      S3_SECRET_ACCESS_KEY: this.secretAccessKey,
    };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((r) => server.close(r));
  return typeof address === 'object' && address ? address.port : 0;
}
