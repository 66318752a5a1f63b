import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { MailDispatcher } from './mail-dispatcher';

/**
 * Runs the dispatcher on an interval inside the app process (unref'd: it never keeps the process
 * alive). Two instances may both run it: claims skip each other's rows.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(MailDispatcher) private readonly dispatcher: MailDispatcher,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.logger.log('E-mail is off (SMTP_URL and MAIL_FROM are not set): notifications stay in the inbox.');
      return;
    }
    this.logger.log(
      `E-mail is on: sending from ${this.config.from} through ${safeUrl(this.config.smtpUrl)}.`,
    );
    if (this.config.workerIntervalMs > 0) {
      this.timer = setInterval(() => this.tick(), this.config.workerIntervalMs);
      this.timer.unref();
    }
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.dispatcher
      .runOnce()
      .catch((error: unknown) => this.logger.error(`Mail worker: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** The SMTP URL without its password, for the log. */
function safeUrl(url: string | undefined): string {
  try {
    const u = new URL(url ?? '');
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'SMTP';
  }
}
