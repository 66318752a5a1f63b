import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { MailConfig } from './mail.config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The server's answer, e.g. `250 OK: queued as …`. */
  response: string;
}

/** The server did not take the mail. `permanent` for a 5xx answer: trying again will not help. */
export class MailRefused extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** The side effect of sending, with no business rules: one message to one address. */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<SentMail>;
}

/** SMTP through nodemailer; one connection per message (mail is rare, a pool would idle). */
@Injectable()
export class SmtpMailTransport extends MailTransport implements OnModuleDestroy {
  private readonly transport;

  constructor(config: MailConfig) {
    super();
    // nodemailer is loaded with the first SMTP transport, not at every boot.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createTransport } = require('nodemailer') as typeof import('nodemailer');
    this.transport = createTransport(
      {
        url: config.smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      },
      { from: config.from },
    );
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    try {
      const info = await this.transport.sendMail({ ...mail, attachments: [] });
      return { messageId: info.messageId, response: info.response };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; message?: string; code?: string };
      const answer = e.response ?? [e.code, e.message].filter(Boolean).join(': ');
      throw new MailRefused(answer || 'unknown error', (e.responseCode ?? 0) >= 500);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** Inbox-only: nothing is queued, so nothing reaches this; it refuses rather than lose mail. */
export class NoMailTransport extends MailTransport {
  send(): Promise<SentMail> {
    return Promise.reject(new MailRefused('SMTP_URL is not set', false));
  }
}
