import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../../assessments/assessments.module';
import { ScoringModule } from '../../scoring/scoring.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FreezeController } from './freeze.controller';
import { FreezeRepository } from './freeze.repository';
import { FreezeService } from './freeze.service';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';
import { LevelsModule } from '../../levels/levels.module';

@Module({
  imports: [
    LevelsModule,
    WorkflowCoreModule,
    PeriodLookupModule,
    AssessmentsModule,
    ScoringModule,
    NotificationsModule,
  ],
  controllers: [FreezeController],
  providers: [FreezeService, FreezeRepository],
  exports: [FreezeService],
})
export class FreezeModule {}
