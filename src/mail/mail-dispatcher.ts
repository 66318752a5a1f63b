import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { ClaimedMail, MailOutboxRepository } from './mail-outbox.repository';
import { MailLinks, renderMail } from './mail-templates';
import { MailRefused, MailTransport } from './mail-transport';
import { unsubscribeToken } from './unsubscribe-token';

const BATCH = 20;
const MAX_DELAY_MS = 6 * 3_600_000;
/** A send takes at most ~60 s (connection, greeting and socket timeouts); twice that is a crash. */
const INTERRUPTED_AFTER_MS = 10 * 60_000;

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends what the outbox holds: claim, render in the recipient's language, send, record the answer. */
@Injectable()
export class MailDispatcher {
  private readonly logger = new Logger('Mail');

  constructor(
    @Inject(MailOutboxRepository) private readonly outbox: MailOutboxRepository,
    @Inject(MailTransport) private readonly transport: MailTransport,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** Sends every due mail, batch by batch, until none is due. */
  async runOnce(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
    if (!this.config.enabled) return result;
    result.failed += await this.outbox.failInterrupted(INTERRUPTED_AFTER_MS);
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH);
      for (const mail of batch) result[await this.deliver(mail)] += 1;
      if (batch.length < BATCH) return result;
    }
  }

  private async deliver(mail: ClaimedMail): Promise<keyof DispatchResult> {
    try {
      const rendered = renderMail(mail, this.links(mail));
      const sent = await this.transport.send({
        to: mail.toAddress,
        ...rendered,
        headers: this.headers(mail),
      });
      await this.outbox.markSent(mail.id, sent.messageId, sent.response);
      return 'sent';
    } catch (error) {
      const refused = error instanceof MailRefused ? error : new MailRefused(String(error), false);
      if (refused.permanent || mail.attempts >= this.config.maxAttempts) {
        await this.outbox.markFailed(mail.id, refused.message);
        this.logger.warn(`Mail ${mail.id} to ${mail.toAddress} failed: ${refused.message}`);
        return 'failed';
      }
      await this.outbox.markRetry(mail.id, refused.message, this.retryDelay(mail.attempts));
      return 'retried';
    }
  }

  /** Exponential backoff: base, 2×base, 4×base … capped at six hours. */
  retryDelay(attempts: number): number {
    return Math.min(this.config.retryBaseMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  }

  private links(mail: ClaimedMail): MailLinks {
    return {
      appUrl: this.config.appUrl,
      preferencesUrl: `${this.config.appUrl}/account/notifications`,
      unsubscribeUrl: `${this.config.appUrl}/mail/unsubscribe?token=${this.token(mail)}`,
    };
  }

  private headers(mail: ClaimedMail): Record<string, string> {
    return {
      // One-click unsubscribe (RFC 8058): mail clients POST to this address.
      'List-Unsubscribe': `<${this.config.appUrl}/api/v1/mail/unsubscribe?token=${this.token(mail)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      'X-SPBE-Mail-Id': mail.id,
    };
  }

  private token(mail: ClaimedMail): string {
    return unsubscribeToken(this.app.sessionSecret, mail.userId ?? '', mail.kind);
  }
}
