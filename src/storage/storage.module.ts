import { DynamicModule, Global, Module } from '@nestjs/common';
import { createStorageDriver, STORAGE_CONFIG, StorageConfig } from './storage.config';
import { STORAGE_DRIVER } from './storage.driver';

/** Provides the storage driver chosen by configuration, for any module to inject. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: STORAGE_CONFIG, useValue: config },
        { provide: STORAGE_DRIVER, useFactory: () => createStorageDriver(config) },
      ],
      exports: [STORAGE_CONFIG, STORAGE_DRIVER],
    };
  }
}
