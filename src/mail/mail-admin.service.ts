import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Lang } from '../i18n/i18n';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { MailStatus } from './mail-outbox.entity';
import { MailOutboxRepository } from './mail-outbox.repository';
import { renderMail } from './mail-templates';
import { refuse } from '../i18n/refusal';

const PAGE_SIZE = 50;

/** What the admin's outbox page shows: every mail with its status and the server's last answer. */
@Injectable()
export class MailAdminService {
  constructor(
    @Inject(MailOutboxRepository) private readonly outbox: MailOutboxRepository,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  async page(lang: Lang, status: MailStatus | undefined, page: number) {
    const rows = await this.outbox.list(status, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
    const links = { appUrl: this.config.appUrl, unsubscribeUrl: '', preferencesUrl: '' };
    return {
      enabled: this.config.enabled,
      from: this.config.from,
      counts: await this.outbox.counts(),
      hasNext: rows.length > PAGE_SIZE,
      mails: rows.slice(0, PAGE_SIZE).map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        to: r.toAddress,
        // The subject as the recipient reads it, in their language; the status in the admin's.
        subject: renderMail(r, links).subject,
        kind: r.kind,
        status: r.status,
        statusClass: { queued: 'status', sending: 'status', sent: 'ok', failed: 'warn' }[r.status],
        attempts: r.attempts,
        nextAttemptAt: r.status === 'queued' ? r.nextAttemptAt : null,
        sentAt: r.sentAt,
        answer: r.status === 'sent' ? (r.payload.serverAnswer ?? null) : r.lastError,
        retryable: r.status === 'failed',
      })),
      lang,
    };
  }

  async retry(id: string): Promise<void> {
    if (!(await this.outbox.requeue(id))) throw refuse(NotFoundException, 'msg.mail.no_failed');
  }
}
