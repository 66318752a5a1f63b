import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MailModule } from '../../mail/mail.module';
import { UserAccountsModule } from '../../users/user-accounts.module';
import { DeadlineRemindersRepository } from './deadline-reminders.repository';
import { InboxCountInterceptor } from './inbox-count.interceptor';
import { InboxPagesController } from './inbox.pages.controller';
import { NotificationPreferencesPagesController } from './notification-preferences.pages.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [MailModule, UserAccountsModule],
  controllers: [
    NotificationsController,
    InboxPagesController,
    NotificationPreferencesPagesController,
    UnsubscribeController,
  ],
  providers: [
    NotificationsService,
    NotificationsRepository,
    NotificationPreferencesService,
    DeadlineRemindersRepository,
    { provide: APP_INTERCEPTOR, useClass: InboxCountInterceptor },
  ],
  exports: [NotificationsService, NotificationsRepository, DeadlineRemindersRepository],
})
export class NotificationsModule {}
