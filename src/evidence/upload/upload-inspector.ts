import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { Message, msg } from '../../i18n/message';
import { UploadRejectedError } from '../../web/upload-rejected.error';

export interface UploadInspectorOptions {
  /** Sanitised name, for the errors. */
  fileName: string;
  maxBytes: number;
  /** Bytes kept for type detection; nothing else of the file is held. */
  headBytes: number;
  /** Called once with the head: when more bytes follow it, or at the end of a shorter file. */
  inspectHead: (head: Buffer, complete: boolean) => Promise<void>;
}

/**
 * Passes a file through unchanged while hashing and counting it. It fails the stream as soon as
 * the size limit is crossed or the head is refused, and holds back data while the head is judged,
 * so a refused file stops flowing into storage early.
 */
export class UploadInspector extends Transform {
  private readonly hash = createHash('sha256');
  private readonly head: Buffer[] = [];
  private headLength = 0;
  private inspected = false;
  private byteCount = 0;

  constructor(private readonly options: UploadInspectorOptions) {
    // Room for a few network chunks, so a brief storage stall does not pause the parser each time.
    super({ highWaterMark: 1024 * 1024 });
  }

  get size(): number {
    return this.byteCount;
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.byteCount += chunk.length;
    if (this.byteCount > this.options.maxBytes) {
      const limit = formatBytes(this.options.maxBytes);
      return callback(this.reject('TOO_LARGE', msg('msg.upload.too_large', { limit })));
    }
    this.hash.update(chunk);
    const inspected = this.inspected ? undefined : this.collectHead(chunk);
    if (!inspected) return callback(null, chunk);
    inspected.then(() => callback(null, chunk), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.byteCount === 0) return callback(this.reject('EMPTY', msg('msg.upload.empty')));
    if (this.inspected) return callback();
    this.inspect(true).then(() => callback(), callback);
  }

  /** Keeps the head; once bytes follow it, judges it (a promise), else undefined. */
  private collectHead(chunk: Buffer): Promise<void> | undefined {
    this.keepHead(chunk);
    return this.byteCount > this.options.headBytes ? this.inspect(false) : undefined;
  }

  private keepHead(chunk: Buffer): void {
    const room = this.options.headBytes - this.headLength;
    if (room <= 0) return;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.head.push(kept);
    this.headLength += kept.length;
  }

  private async inspect(complete: boolean): Promise<void> {
    this.inspected = true;
    const head = Buffer.concat(this.head, this.headLength);
    this.head.length = 0;
    await this.options.inspectHead(head, complete);
  }

  private reject(code: 'EMPTY' | 'TOO_LARGE', reason: Message): UploadRejectedError {
    return new UploadRejectedError(this.options.fileName, code, reason);
  }
}

/** Sizes in binary units, as file managers show them (1 MB = 1024 × 1024 bytes). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['MB', 1024 * 1024],
    ['KB', 1024],
  ] as const) {
    const value = bytes / size;
    if (value >= 1) return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
