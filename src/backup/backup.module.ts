import { Module } from '@nestjs/common';
import { BackupService } from './backup.service';

/** Backup and restore; the storage driver comes from the global StorageModule. */
@Module({ providers: [BackupService], exports: [BackupService] })
export class BackupModule {}
