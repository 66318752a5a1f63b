import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { InterviewController } from './interview.controller';
import { InterviewRepository } from './interview.repository';
import { InterviewService } from './interview.service';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, PeriodLookupModule, NotificationsModule],
  controllers: [InterviewController],
  providers: [InterviewService, InterviewRepository],
  exports: [InterviewService, InterviewRepository],
})
export class InterviewModule {}
