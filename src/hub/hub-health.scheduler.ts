import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NotificationsModule } from '../workflow/notifications/notifications.module';
import { NotificationsService } from '../workflow/notifications/notifications.service';
import { daysToExpiry, EXPIRY_WARNING_DAYS } from './hub-figures.calc';
import { HubHealthRepository } from './hub-health.repository';
import { HubHealthService } from './hub-health.service';
import { HubModule } from './hub.module';

/** Who hears about an agency's SPL certificates: the people who keep its data. */
const RECIPIENTS = ['coordinator', 'operator'] as const;

/**
 * The scheduled SPL health check (HUB_CHECK_HOURS, off at 0 and in tests): every recorded
 * gateway's TLS certificate is checked, then each agency whose certificate expires within
 * EXPIRY_WARNING_DAYS (or has expired) gets an inbox entry and, through NotificationsService,
 * a mail. Each certificate is announced once per expiry date: the claim is a row update in the
 * notice's transaction, so a second instance running the same check announces nothing twice.
 */
@Injectable()
export class HubHealthScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SplHealth');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HubHealthService) private readonly health: HubHealthService,
    @Inject(HubHealthRepository) private readonly repo: HubHealthRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.hubCheckHours <= 0) return;
    this.timer = setInterval(() => this.tick(), this.config.hubCheckHours * 3_600_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn(`SPL endpoint check: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** Checks every gateway, then sends the notices that are due; returns how many were sent. */
  async runOnce(now = new Date()): Promise<{ checked: number; notices: number }> {
    const checked = await this.health.checkAll(null);
    return { checked, notices: await this.notifyExpiring(now) };
  }

  async notifyExpiring(now: Date): Promise<number> {
    const until = new Date(now.getTime() + (EXPIRY_WARNING_DAYS + 1) * 86_400_000);
    return this.dataSource.transaction(async (m) => {
      const due = await this.repo.claimExpiryNotices(m, until);
      for (const cert of due) {
        await this.notifications.notify(m, {
          kind: 'spl_certificate',
          agencyId: cert.agencyId,
          agencyRoles: RECIPIENTS,
          link: `/agencies/${cert.agencyId}/hub`,
          payload: {
            url: cert.url,
            hub: cert.hubId,
            issuer: cert.issuer ?? '',
            date: new Date(cert.validTo).toISOString().slice(0, 10),
            daysLeft: daysToExpiry(new Date(cert.validTo), now),
          },
        });
      }
      return due.length;
    });
  }
}

/** The scheduled check, for the server only (the command line runs `hub check-endpoints`). */
@Module({
  imports: [HubModule, NotificationsModule],
  providers: [HubHealthScheduler],
})
export class HubHealthJobsModule {}
