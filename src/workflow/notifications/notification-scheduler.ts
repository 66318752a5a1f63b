import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAIL_CONFIG, MailConfig } from '../../mail/mail.config';
import { MailOutboxRepository } from '../../mail/mail-outbox.repository';
import { Period } from '../../periods/period.entity';
import { stageTimeline } from '../stages/stage-timeline';
import { DeadlineRecipient, DeadlineRemindersRepository } from './deadline-reminders.repository';
import { NotificationEntry, NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Reminders go this many days before a stage's end date (the later one wins if both are due). */
export const REMINDER_DAYS = [3, 1] as const;

/**
 * The clock-driven notifications: the day's digest mails and the stage-deadline reminders.
 * Runs in-process on an unref'd interval; `runOnce(now)` takes the time as an input so tests
 * (and a second instance) behave the same. Both steps are idempotent per day / per person.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notifications');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
    @Inject(DeadlineRemindersRepository) private readonly deadlines: DeadlineRemindersRepository,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    @Inject(MailOutboxRepository) private readonly outbox: MailOutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.scanIntervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.config.scanIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.error(`Notification scan: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  async runOnce(now = new Date()): Promise<{ reminders: number; digests: number }> {
    const reminders = await this.remindDeadlines(now);
    return { reminders, digests: await this.queueDigests(now) };
  }

  /** From MAIL_DIGEST_HOUR on, each person with waiting items gets the day's digest, once. */
  async queueDigests(now: Date): Promise<number> {
    if (!this.config.enabled) return 0;
    const local = localTime(now, this.config.timeZone);
    if (local.hour < this.config.digestHour) return 0;
    return this.dataSource.transaction(async (m) => {
      const digests = await this.repo.takeDigests(m, local.date);
      await this.outbox.queue(m, digests);
      return digests.length;
    });
  }

  /** Three days and one day before the current stage ends, whoever still has work there is reminded. */
  async remindDeadlines(now: Date): Promise<number> {
    const today = localTime(now, this.config.timeZone).date;
    let sent = 0;
    for (const period of await this.deadlines.periodsWithDeadlines(this.dataSource.manager)) {
      const until = stageTimeline(period).find((s) => s.current)?.until;
      if (!until) continue;
      const days = daysBetween(today, until);
      const threshold = REMINDER_DAYS.filter((d) => days >= 0 && days <= d).at(-1);
      if (threshold === undefined) continue;
      sent += await this.dataSource.transaction(async (m) => {
        const recipients = await this.deadlines.claim(m, period, threshold);
        await this.notifications.notifyEach(
          m,
          recipients.map((r) => reminder(period, until, days, r)),
        );
        return recipients.length;
      });
    }
    return sent;
  }
}

function reminder(period: Period, date: string, days: number, r: DeadlineRecipient): NotificationEntry {
  return {
    userId: r.userId,
    kind: 'deadline',
    agencyId: r.agencyId,
    link:
      r.role === 'evaluator'
        ? `/review?year=${period.year}`
        : `/agencies/${r.agencyId}/workflow?year=${period.year}`,
    payload: {
      stage: period.stage,
      year: period.year,
      date,
      days,
      role: r.role,
      agency: r.agency ?? '',
      count: r.count,
    },
  };
}

/** The calendar date and hour at `now` in the given time zone. */
export function localTime(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
