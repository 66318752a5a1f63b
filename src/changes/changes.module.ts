import { Module } from '@nestjs/common';
import { ChangeLogService } from './change-log.service';
import { ChangeRepository } from './change.repository';

@Module({ providers: [ChangeLogService, ChangeRepository], exports: [ChangeLogService] })
export class ChangesModule {}
