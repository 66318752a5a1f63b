import type { StorageConfig } from '../config/storage-config';
import { LocalDiskDriver } from './local-disk.driver';
import type { S3Driver } from './s3.driver';
import { StorageDriver } from './storage.driver';

/** Injection token of the {@link StorageConfig} the module was built with. */
export const STORAGE_CONFIG = Symbol('STORAGE_CONFIG');

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
