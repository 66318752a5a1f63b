import { Module } from '@nestjs/common';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';

/** Backup and restore; the storage driver comes from the global StorageModule. */
@Module({ providers: [BackupService, BackupRepository], exports: [BackupService] })
export class BackupModule {}
