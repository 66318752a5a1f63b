import { msg } from '../../i18n/message';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { HubFileError } from './hub-file.error';

/** A file path is needed for archives of any size: zip is read by random access. */
export type HubInput =
  | { path: string; fileName?: string }
  | { stream: Readable; fileName: string }
  | { buffer: Buffer; fileName: string };

/**
 * An input opened for one pass: the first bytes for detection, then the whole content as a
 * stream of chunks (head included), hashed on the way so a re-import of the same bytes is
 * recognised without reading the file twice.
 */
export interface OpenedInput {
  fileName: string;
  head: Buffer;
  path?: string;
  buffer?: Buffer;
  body: AsyncIterable<Buffer>;
  /** Reads what the parser left unread, so the digest covers the whole file. */
  finish(): Promise<{ sha256: string; bytes: number }>;
  close(): Promise<void>;
}

const READ_CHUNK_BYTES = 64 * 1024;

export async function openInput(input: HubInput, headBytes: number): Promise<OpenedInput> {
  if ('buffer' in input) {
    return openChunks([input.buffer][Symbol.iterator](), headBytes, input.fileName, { buffer: input.buffer });
  }
  if ('path' in input) {
    const stream = createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES });
    const fileName = input.fileName ?? basename(input.path);
    return openChunks(stream[Symbol.asyncIterator](), headBytes, fileName, { path: input.path });
  }
  return openChunks(input.stream[Symbol.asyncIterator](), headBytes, input.fileName, {});
}

type ChunkIterator = Iterator<unknown> | AsyncIterator<unknown>;

async function openChunks(
  iterator: ChunkIterator,
  headBytes: number,
  fileName: string,
  where: { path?: string; buffer?: Buffer },
): Promise<OpenedInput> {
  const source = new HashedChunks(iterator);
  const head = await source.readHead(headBytes);
  return {
    fileName,
    head,
    ...where,
    body: source.body(),
    finish: () => source.finish(),
    close: () => source.close(),
  };
}

/** Pulls chunks once, hashing each as it passes; the head is replayed at the start of the body. */
class HashedChunks {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private bytes = 0;
  private ended = false;
  private consumed = false;

  constructor(private readonly iterator: ChunkIterator) {}

  async readHead(headBytes: number): Promise<Buffer> {
    while (this.bytes < headBytes && !this.ended) {
      const chunk = await this.pull();
      if (chunk) this.headChunks.push(chunk);
    }
    return Buffer.concat(this.headChunks).subarray(0, headBytes);
  }

  async *body(): AsyncGenerator<Buffer> {
    if (this.consumed) throw new Error('the body of an input can be read once');
    this.consumed = true;
    try {
      yield* this.headChunks.splice(0);
      for (let chunk = await this.pull(); chunk; chunk = await this.pull()) yield chunk;
    } finally {
      await this.close();
    }
  }

  /** Reads what the parser left unread (an archive's unread entries), so the digest is whole. */
  async finish(): Promise<{ sha256: string; bytes: number }> {
    while (!this.ended) await this.pull();
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  async close(): Promise<void> {
    if (!this.ended) await this.iterator.return?.();
    this.ended = true;
  }

  private async pull(): Promise<Buffer | undefined> {
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return undefined;
    }
    const chunk = toBuffer(next.value);
    this.hash.update(chunk);
    this.bytes += chunk.length;
    return chunk;
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('an import stream must produce bytes or text');
}

/** Whole-document formats are held in memory, so they are capped with a message saying so. */
export async function readCapped(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  fileName: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new HubFileError(
        'TOO_LARGE',
        msg('msg.hubfile.documentTooLarge', { file: fileName, max: formatBytes(maxBytes) }),
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(0)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
