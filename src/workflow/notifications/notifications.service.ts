import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor } from '../../access/actor';
import { Role } from '../../access/roles';
import { Notification, NotificationKind } from './notification.entity';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

export interface NotificationRequest {
  kind: NotificationKind;
  agencyId: string;
  link: string;
  payload: Record<string, unknown>;
  /** Active users of the agency with these roles. */
  agencyRoles: readonly Role[];
  /** Also the evaluators assigned to the agency for this period. */
  evaluatorsOfPeriod?: string;
  /** The person who acted does not notify themself. */
  except?: string;
}

/** The in-app inbox: entries are written in the acting transaction, read by their user only. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** One statement for every recipient. Email is off (see notifications.config.ts). */
  async notify(m: EntityManager, n: NotificationRequest): Promise<void> {
    await m.query(
      `INSERT INTO notification (user_id, kind, agency_id, link, payload)
       SELECT u.id, $1::notification_kind, $2::uuid, $3::text, $4::jsonb FROM app_user u
       WHERE u.active AND u.id IS DISTINCT FROM $5::uuid AND (
         (u.agency_id = $2 AND u.role::text = ANY($6::text[]))
         OR u.id IN (SELECT user_id FROM evaluator_assignment WHERE agency_id = $2 AND period_id = $7::uuid))`,
      [
        n.kind,
        n.agencyId,
        n.link,
        JSON.stringify(n.payload),
        n.except ?? null,
        [...n.agencyRoles],
        n.evaluatorsOfPeriod ?? null,
      ],
    );
    if (this.config.email) {
      // No sender is configured in this build; the flag exists so that one can be added.
    }
  }

  async list(actor: Actor, unreadOnly: boolean, limit = 100): Promise<Notification[]> {
    return this.dataSource.getRepository(Notification).find({
      where: unreadOnly ? { userId: actor.userId, readAt: IsNull() } : { userId: actor.userId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      'SELECT count(*) AS n FROM notification WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return Number(rows[0].n);
  }

  /** Marks one entry read and answers where it leads; another user's entry is not found. */
  async markRead(actor: Actor, id: string): Promise<string> {
    const [rows]: [{ link: string }[], number] = await this.dataSource.query(
      'UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING link',
      [id, actor.userId],
    );
    if (!rows.length) throw new NotFoundException('notificationId: not found.');
    return rows[0].link;
  }

  async markAllRead(actor: Actor): Promise<number> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [, count]: [unknown[], number] = await this.dataSource.query(
      'UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
      [actor.userId],
    );
    return count;
  }
}
