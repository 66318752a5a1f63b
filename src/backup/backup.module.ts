import { Module } from '@nestjs/common';
import { BackupRepository } from './backup.repository';
import { BackupService } from './backup.service';
import { StorageModule } from '../storage/storage.module';

/** Backup and restore (of the database and of the stored files). */
@Module({ imports: [StorageModule], providers: [BackupService, BackupRepository], exports: [BackupService] })
export class BackupModule {}
