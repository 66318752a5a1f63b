import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { MAIL_CONFIG, MailConfig } from '../../mail/mail.config';
import { MailOutboxRepository } from '../../mail/mail-outbox.repository';
import { Notification, NotificationKind } from './notification.entity';
import { AgencyRecipients, NotificationEntry, NotificationsRepository } from './notifications.repository';
import { refuse } from '../../i18n/refusal';

export interface NotificationRequest extends AgencyRecipients {
  kind: NotificationKind;
  link: string;
  payload: Record<string, unknown>;
}

/**
 * The in-app inbox: entries are written in the acting transaction, read by their user only.
 * Every entry goes through here, and so does its e-mail (outbox row or digest item), in the same
 * transaction: an event that rolls back sends nothing, one that commits loses no mail.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
    @Inject(MAIL_CONFIG) private readonly mail: MailConfig,
    @Inject(MailOutboxRepository) private readonly outbox: MailOutboxRepository,
  ) {}

  /** One statement for every recipient of an agency's event. */
  async notify(m: EntityManager, n: NotificationRequest): Promise<void> {
    await this.routeToMail(m, await this.repo.insertForAgency(m, n, n));
  }

  /** Entries for named people, each with its own link and words. */
  async notifyEach(m: EntityManager, entries: NotificationEntry[]): Promise<void> {
    await this.routeToMail(m, await this.repo.insertEntries(m, entries));
  }

  /** An evaluator newly assigned to agencies for periods: one entry per agency and period. */
  async notifyAssigned(
    m: EntityManager,
    userId: string,
    pairs: { agencyId: string; periodId: string }[],
  ): Promise<void> {
    if (pairs.length) await this.routeToMail(m, await this.repo.insertAssigned(m, userId, pairs));
  }

  private async routeToMail(m: EntityManager, ids: string[]): Promise<void> {
    // Inbox-only without SMTP: nothing is queued, so turning mail on later sends no backlog.
    if (this.mail.enabled) await this.outbox.queue(m, await this.repo.routeToMail(m, ids));
  }

  list(actor: Actor, unreadOnly: boolean, limit = 100): Promise<Notification[]> {
    return this.repo.list(actor.userId, unreadOnly, limit);
  }

  unreadCount(userId: string): Promise<number> {
    return this.repo.unreadCount(userId);
  }

  /** Marks one entry read and answers where it leads; another user's entry is not found. */
  async markRead(actor: Actor, id: string): Promise<string> {
    const link = await this.repo.markRead(actor.userId, id);
    if (link === null) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'notificationId' });
    return link;
  }

  markAllRead(actor: Actor): Promise<number> {
    return this.repo.markAllRead(actor.userId);
  }
}
