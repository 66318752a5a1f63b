import { Global, Module } from '@nestjs/common';
import { ChangeLogService } from './change-log.service';
import { ChangeRepository } from './change.repository';

@Global()
@Module({ providers: [ChangeLogService, ChangeRepository], exports: [ChangeLogService] })
export class ChangesModule {}
