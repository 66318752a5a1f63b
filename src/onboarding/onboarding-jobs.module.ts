import { NotificationsModule } from '../workflow/notifications/notifications.module';
import { Module } from '@nestjs/common';
import { OnboardingOverdue } from './onboarding-overdue';
import { OnboardingModule } from './onboarding.module';

/** The server's hourly reminder of overdue steps and checklist items (not in CLI commands). */
@Module({
  imports: [OnboardingModule, NotificationsModule],
  providers: [OnboardingOverdue],
  exports: [OnboardingOverdue],
})
export class OnboardingJobsModule {}
