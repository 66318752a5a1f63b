import { Global, Module } from '@nestjs/common';
import { ChangeLogService } from './change-log.service';

@Global()
@Module({ providers: [ChangeLogService], exports: [ChangeLogService] })
export class ChangesModule {}
