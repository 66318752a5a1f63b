import { Module } from '@nestjs/common';
import { ScoringModule } from '../../scoring/scoring.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FreezeController } from './freeze.controller';
import { FreezeService } from './freeze.service';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';
import { LevelsModule } from '../../levels/levels.module';

@Module({
  imports: [LevelsModule, WorkflowCoreModule, PeriodLookupModule, ScoringModule, NotificationsModule],
  controllers: [FreezeController],
  providers: [FreezeService],
  exports: [FreezeService],
})
export class FreezeModule {}
