import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import type { MulterIncomingFile, MulterStorageEngine } from '../evidence/upload/hashing-storage.engine';
import { sanitizeFileName } from '../storage/storage-keys';
import { refuse } from '../i18n/refusal';

/** What the hub upload routes get in `@UploadedFile()`: a temporary file on local disk. */
export interface HubUploadedFile {
  fieldname: string;
  originalname: string;
  /** Sanitised, for the provenance record and the pages. */
  displayName: string;
  path: string;
  size: number;
}

type StoredHubFile = Pick<HubUploadedFile, 'path' | 'size' | 'displayName'>;

/**
 * Streams a hub export to a temporary file (never into memory: an analytics log can be
 * gigabytes), refusing it once it passes the size limit. Parsers need a file anyway: a zip is
 * read by random access. The route deletes the file when the import is done.
 */
export class HubDiskStorage implements MulterStorageEngine<StoredHubFile> {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  _handleFile(
    _req: unknown,
    file: MulterIncomingFile,
    callback: (error: Error | null, info?: StoredHubFile) => void,
  ) {
    const path = join(this.dir, randomUUID());
    this.write(file, path).then(
      (size) => callback(null, { path, size, displayName: sanitizeFileName(file.originalname) }),
      // The partial file is gone before the answer leaves, so nothing outlives a refused upload.
      (error: Error) =>
        unlink(path).then(
          () => callback(error),
          () => callback(error),
        ),
    );
  }

  _removeFile(_req: unknown, file: Partial<StoredHubFile>, callback: (error: Error | null) => void) {
    if (!file.path) return callback(null);
    unlink(file.path).then(
      () => callback(null),
      () => callback(null),
    );
  }

  private async write(file: MulterIncomingFile, path: string): Promise<number> {
    let size = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) {
          done(
            refuse(PayloadTooLargeException, 'msg.hub.file_too_large', {
              field: 'file',
              limit: Math.round(limit / 1048576),
            }),
          );
          return;
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(file.stream, counter, createWriteStream(path));
    } catch (error) {
      // Discard the rest of a refused part so the form parser can move on.
      file.stream.resume();
      throw error;
    }
    return size;
  }
}

export function hubUploadOptions(maxBytes: number): MulterModuleOptions {
  return {
    storage: new HubDiskStorage(join(tmpdir(), 'spbe-hub-uploads'), maxBytes),
    defParamCharset: 'utf8',
    limits: { files: 1 },
  };
}

export function requireUpload(file: HubUploadedFile | undefined): HubUploadedFile {
  if (!file?.path) throw refuse(BadRequestException, 'msg.hub.file_required');
  return file;
}

export async function removeUpload(file: HubUploadedFile | undefined): Promise<void> {
  if (file?.path) await unlink(file.path).catch(() => undefined);
}
