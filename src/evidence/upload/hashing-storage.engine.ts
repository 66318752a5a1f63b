import { Readable } from 'node:stream';
import { sanitizeFileName, tempKey } from '../../storage/storage-keys';
import { StorageDriver } from '../../storage/storage.driver';
import { UploadInspector } from './upload-inspector';
import { UploadRejectedError } from '../../web/upload-rejected.error';
import { msg } from '../../i18n/message';
import { DetectedType, detectAllowedType } from './upload-type';

/** What multer hands a storage engine (multer ships no types and @types/multer is not installed). */
export interface MulterIncomingFile {
  fieldname: string;
  /** Client-supplied, untrusted. */
  originalname: string;
  encoding: string;
  /** Client-supplied, untrusted: the content decides the type. */
  mimetype: string;
  stream: Readable;
}

/** multer's storage engine contract (see node_modules/multer/StorageEngine.md). */
export interface MulterStorageEngine<Info> {
  _handleFile(
    req: unknown,
    file: MulterIncomingFile,
    callback: (error: Error | null, info?: Info) => void,
  ): void;
  _removeFile(req: unknown, file: Partial<Info>, callback: (error: Error | null) => void): void;
}

/** A file stored under a temporary key, waiting to be committed with its database row. */
export interface StoredUpload {
  tempKey: string;
  sha256: string;
  size: number;
  detectedMime: string;
  detectedExt: string;
  /** As the client sent it: for the audit trail only, never displayed or used in a key. */
  originalName: string;
  /** Sanitised, for display and Content-Disposition. */
  displayName: string;
}

/** What a controller gets in `@UploadedFiles()`: multer's fields plus the engine's. */
export type UploadedEvidenceFile = StoredUpload & Omit<MulterIncomingFile, 'stream'>;

export interface HashingStorageEngineOptions {
  driver: StorageDriver;
  maxFileBytes: number;
  /** Bytes kept for type detection; 64 KiB finds the parts list of OOXML and ODF archives. */
  headBytes?: number;
  newTempKey?: () => string;
}

export const DEFAULT_HEAD_BYTES = 64 * 1024;

/**
 * Streams each uploaded file to a temporary storage key while hashing it and checking its size
 * and type; only the head of the file is ever held in memory. A refused, failed or aborted file
 * leaves no object behind.
 */
export class HashingStorageEngine implements MulterStorageEngine<StoredUpload> {
  private readonly driver: StorageDriver;
  private readonly maxFileBytes: number;
  private readonly headBytes: number;
  private readonly newTempKey: () => string;

  constructor(options: HashingStorageEngineOptions) {
    this.driver = options.driver;
    this.maxFileBytes = options.maxFileBytes;
    this.headBytes = options.headBytes ?? DEFAULT_HEAD_BYTES;
    this.newTempKey = options.newTempKey ?? (() => tempKey());
  }

  _handleFile(
    _req: unknown,
    file: MulterIncomingFile,
    callback: (error: Error | null, info?: StoredUpload) => void,
  ): void {
    this.store(file).then(
      (info) => callback(null, info),
      (error: Error) => callback(error),
    );
  }

  _removeFile(_req: unknown, file: Partial<StoredUpload>, callback: (error: Error | null) => void): void {
    if (!file.tempKey) return callback(null);
    this.driver.delete(file.tempKey).then(() => callback(null), callback);
  }

  private async store(file: MulterIncomingFile): Promise<StoredUpload> {
    const originalName = file.originalname;
    const displayName = sanitizeFileName(originalName);
    let detected: DetectedType | undefined;
    const inspector = new UploadInspector({
      fileName: displayName,
      maxBytes: this.maxFileBytes,
      headBytes: this.headBytes,
      inspectHead: async (head, complete) => {
        detected = await detectAllowedType(head, complete, originalName, displayName);
      },
    });
    const key = this.newTempKey();
    await this.streamTo(key, file.stream, inspector, displayName);
    if (!detected) throw new Error(`Upload of ${displayName} ended without a type check`);
    return {
      tempKey: key,
      sha256: inspector.digest(),
      size: inspector.size,
      detectedMime: detected.mime,
      detectedExt: detected.ext,
      originalName,
      displayName,
    };
  }

  private async streamTo(
    key: string,
    source: Readable,
    inspector: UploadInspector,
    name: string,
  ): Promise<void> {
    // busboy destroys the part's stream when the client goes away; pipe() would not pass that on.
    const onSourceError = () =>
      inspector.destroy(new UploadRejectedError(name, 'ABORTED', msg('msg.upload.aborted')));
    source.once('error', onSourceError);
    // The inspector may fail before the driver listens (it may await a folder first); its error
    // is reported through put() or read back below, never as an unhandled 'error' event.
    inspector.on('error', () => undefined);
    source.pipe(inspector);
    try {
      await this.driver.put(key, inspector);
    } catch (error) {
      source.unpipe(inspector);
      // Discard the rest of a refused part so the form parser can move on; nothing is kept.
      source.resume();
      await this.driver.delete(key).catch(() => undefined);
      throw inspector.errored instanceof UploadRejectedError ? inspector.errored : error;
    } finally {
      source.off('error', onSourceError);
    }
  }
}
