import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { NotificationsService } from '../workflow/notifications/notifications.service';
import { OnboardingRepository } from './onboarding.repository';
import { todayUtc } from './onboarding.service';

const HOUR = 60 * 60 * 1000;

/**
 * Tells the owner of each overdue step or checklist item, once per due date, in the inbox.
 * Runs at boot and every hour; a due date moved later and missed again notifies again.
 */
@Injectable()
export class OnboardingOverdue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Onboarding');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(OnboardingRepository) private readonly repo: OnboardingRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.sweep().catch((e: Error) => this.logger.warn(`Overdue sweep failed: ${e.message}`));
    run();
    this.timer = setInterval(run, HOUR);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Notifies every owner not yet told about an overdue item; answers how many were told. */
  async sweep(today = todayUtc()): Promise<number> {
    const rows = await this.repo.overdue(today);
    for (const row of rows) {
      const link = row.applicationId
        ? `/agencies/${row.agencyId}/roadmap/applications/${row.applicationId}`
        : `/agencies/${row.agencyId}/roadmap/checklists`;
      // The item's key, not its words: the inbox and the e-mail name it in the reader's language.
      const payload = {
        item: row.item,
        ...(row.applicationName ? { application: row.applicationName } : {}),
        agency: row.agencyName,
        due: row.dueOn,
      };
      // Through the notifications service: the inbox entry and its e-mail (outbox or digest) together.
      await this.repo.transaction(async (m) => {
        await this.notifications.notifyEach(m, [
          { userId: row.ownerId, kind: 'overdue', agencyId: row.agencyId, link, payload },
        ]);
        await this.repo.markOverdueNotified(m, row.id);
      });
    }
    return rows.length;
  }
}
