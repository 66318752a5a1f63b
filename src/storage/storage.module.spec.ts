import { Test } from '@nestjs/testing';
import type { StorageConfig } from '../config/storage-config';
import { LocalDiskDriver } from './local-disk.driver';
import { S3Driver } from './s3.driver';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_TEMP_MAX_AGE_MS } from './storage.config';
import { STORAGE_DRIVER, StorageDriver } from './storage.driver';
import { StorageModule } from './storage.module';

const base: StorageConfig = {
  driver: 'local',
  uploadsDir: '/tmp/spbe-storage-module-test',
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  tempMaxAgeMs: DEFAULT_TEMP_MAX_AGE_MS,
};

async function resolveDriver(config: StorageConfig): Promise<StorageDriver> {
  const moduleRef = await Test.createTestingModule({ imports: [StorageModule.forRoot(config)] }).compile();
  return moduleRef.get<StorageDriver>(STORAGE_DRIVER);
}

describe('StorageModule', () => {
  it('does provide the local driver under UPLOADS_DIR when the driver is local', async () => {
    const driver = await resolveDriver(base);
    expect(driver).toBeInstanceOf(LocalDiskDriver);
    expect((driver as LocalDiskDriver).root).toBe('/tmp/spbe-storage-module-test');
  });

  it('does provide the S3 driver when the driver is s3', async () => {
    const s3 = { bucket: 'b', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true };
    expect(await resolveDriver({ ...base, driver: 's3', s3 })).toBeInstanceOf(S3Driver);
  });

  it('does fail at boot when the driver is s3 without S3 settings', async () => {
    await expect(resolveDriver({ ...base, driver: 's3' })).rejects.toThrow(/S3_BUCKET/);
  });
});
