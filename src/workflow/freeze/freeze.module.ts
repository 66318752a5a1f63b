import { Module } from '@nestjs/common';
import { ScoringModule } from '../../scoring/scoring.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FreezeController } from './freeze.controller';
import { FreezeService } from './freeze.service';

@Module({
  imports: [ScoringModule, NotificationsModule],
  controllers: [FreezeController],
  providers: [FreezeService],
  exports: [FreezeService],
})
export class FreezeModule {}
