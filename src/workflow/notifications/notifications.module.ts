import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InboxCountInterceptor } from './inbox-count.interceptor';
import { InboxPagesController } from './inbox.pages.controller';
import { DEFAULT_NOTIFICATIONS_CONFIG, NOTIFICATIONS_CONFIG } from './notifications.config';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  controllers: [NotificationsController, InboxPagesController],
  providers: [
    NotificationsService,
    { provide: NOTIFICATIONS_CONFIG, useValue: DEFAULT_NOTIFICATIONS_CONFIG },
    { provide: APP_INTERCEPTOR, useClass: InboxCountInterceptor },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
