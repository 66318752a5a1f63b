import { LocalDiskDriver } from './local-disk.driver';
import type { S3Driver } from './s3.driver';
import { StorageDriver } from './storage.driver';

/** Injection token of the {@link StorageConfig} the module was built with. */
export const STORAGE_CONFIG = Symbol('STORAGE_CONFIG');

/**
 * What storage needs from AppConfig (the environment is read there, not here):
 * STORAGE_DRIVER, UPLOADS_DIR, S3_*, UPLOAD_MAX_FILE_MB and UPLOAD_TEMP_MAX_AGE_MINUTES.
 */
export interface StorageConfig {
  /** STORAGE_DRIVER: `local` (default) or `s3`. */
  driver: 'local' | 's3';
  /** UPLOADS_DIR, resolved: the root of the local driver. */
  uploadsDir: string;
  /** Required when `driver` is `s3`. */
  s3?: S3StorageConfig;
  /** UPLOAD_MAX_FILE_MB × 1 MiB; default 50 MiB. */
  maxFileBytes: number;
  /** Temp objects older than this are abandoned uploads, swept at boot and by verify; default 24 h. */
  tempMaxAgeMs: number;
}

export interface S3StorageConfig {
  /** S3_BUCKET */
  bucket: string;
  /** S3_REGION, default `us-east-1` (most S3-compatible stores ignore it but the SDK needs one). */
  region: string;
  /** S3_ENDPOINT, e.g. `http://minio:9000`; unset for AWS. */
  endpoint?: string;
  /** S3_FORCE_PATH_STYLE, default false; true for MinIO and most self-hosted stores. */
  forcePathStyle: boolean;
  /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; unset to use the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function createStorageDriver(config: StorageConfig): StorageDriver {
  switch (config.driver) {
    case 'local':
      return new LocalDiskDriver(config.uploadsDir);
    case 's3':
      if (!config.s3) throw new Error('Storage driver s3 needs S3_BUCKET and the other S3_* settings');
      return new (s3Driver())(config.s3);
  }
}

/** The AWS SDK is loaded only where S3 is configured, not at every boot of a local-disk install. */
function s3Driver(): typeof S3Driver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./s3.driver') as typeof import('./s3.driver')).S3Driver;
}
