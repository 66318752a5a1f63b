import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { MailAdminPagesController } from './mail-admin.pages.controller';
import { MailAdminService } from './mail-admin.service';
import { MailDispatcher } from './mail-dispatcher';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport, NoMailTransport, SmtpMailTransport } from './mail-transport';

/**
 * E-mail: the outbox, its sender and the admin page. Notifications queue mails through
 * MailOutboxRepository in their own transaction; the MailWorker (mail-jobs.module.ts) sends in
 * the background.
 */
@Module({
  controllers: [MailAdminPagesController],
  providers: [
    { provide: MAIL_CONFIG, inject: [APP_CONFIG], useFactory: (c: AppConfig) => c.mail },
    {
      provide: MailTransport,
      inject: [MAIL_CONFIG],
      useFactory: (c: MailConfig) => (c.enabled ? new SmtpMailTransport(c) : new NoMailTransport()),
    },
    MailOutboxRepository,
    MailDispatcher,
    MailAdminService,
  ],
  exports: [MAIL_CONFIG, MailOutboxRepository, MailDispatcher],
})
export class MailModule {}
