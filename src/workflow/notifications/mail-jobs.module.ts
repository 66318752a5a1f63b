import { Module } from '@nestjs/common';
import { MailModule } from '../../mail/mail.module';
import { MailWorker } from '../../mail/mail.worker';
import { NotificationScheduler } from './notification-scheduler';
import { NotificationsModule } from './notifications.module';

/**
 * The background side of notifications, for the server only (the CLI does not load it): the
 * mail worker and the digest/deadline scanner, each on its own unref'd interval.
 */
@Module({
  imports: [MailModule, NotificationsModule],
  providers: [MailWorker, NotificationScheduler],
})
export class MailJobsModule {}
