import type { MulterModuleOptions } from '@nestjs/platform-express';
import { StorageDriver } from '../../storage/storage.driver';
import { HashingStorageEngine } from './hashing-storage.engine';

export interface EvidenceUploadLimits {
  maxFileBytes: number;
  /** Files per request. */
  maxFiles?: number;
}

/**
 * multer options for the evidence upload route, e.g. for `MulterModule.registerAsync` or
 * `FilesInterceptor('files', maxFiles, options)`. The engine enforces the per-file size, so
 * multer's own `fileSize` limit is left unset: it would answer with a generic error first.
 */
export function evidenceUploadOptions(
  driver: StorageDriver,
  limits: EvidenceUploadLimits,
): MulterModuleOptions {
  return {
    storage: new HashingStorageEngine({ driver, maxFileBytes: limits.maxFileBytes }),
    // Browsers send UTF-8 file names; busboy's latin1 default would garble every non-ASCII name.
    defParamCharset: 'utf8',
    limits: { files: limits.maxFiles ?? 20 },
  };
}

/** The create request's file fields: `files`, or a link's one `snapshot` (never both). */
export const CREATE_FILE_FIELDS = [
  { name: 'files', maxCount: 20 },
  { name: 'snapshot', maxCount: 1 },
];
