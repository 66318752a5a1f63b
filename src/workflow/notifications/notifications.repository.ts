import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Role } from '../../access/roles';
import { OutboxMail } from '../../mail/mail-outbox.repository';
import { Notification, NotificationKind } from './notification.entity';
import { MailMode } from './notification-preference.entity';

export interface AgencyRecipients {
  agencyId: string;
  /** Active users of the agency with these roles. */
  agencyRoles: readonly Role[];
  /** Also the evaluators assigned to the agency for this period. */
  evaluatorsOfPeriod?: string;
  /** The person who acted does not notify themself. */
  except?: string;
  /** Where the evaluators' entries lead (their review page), when not the agency's own link. */
  evaluatorLink?: string;
}

export interface NotificationEntry {
  userId: string;
  kind: NotificationKind;
  agencyId: string | null;
  link: string;
  payload: Record<string, unknown>;
}

/** The inbox table and what hangs off it: digest items and preferences (the mail outbox is src/mail's). */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement for every recipient of an agency's event; answers the new entries' ids. */
  async insertForAgency(
    m: EntityManager,
    n: { kind: NotificationKind; link: string; payload: Record<string, unknown> },
    to: AgencyRecipients,
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification (user_id, kind, agency_id, link, payload)
       SELECT u.id, $1::notification_kind, $2::uuid,
              coalesce(CASE WHEN u.role = 'evaluator' THEN $8::text END, $3::text), $4::jsonb
       FROM app_user u
       WHERE u.active AND u.id IS DISTINCT FROM $5::uuid AND (
         (u.agency_id = $2 AND u.role::text = ANY($6::text[]))
         OR u.id IN (SELECT user_id FROM evaluator_assignment WHERE agency_id = $2 AND period_id = $7::uuid))
       RETURNING id`,
      [
        n.kind,
        to.agencyId,
        n.link,
        JSON.stringify(n.payload),
        to.except ?? null,
        [...to.agencyRoles],
        to.evaluatorsOfPeriod ?? null,
        to.evaluatorLink ?? null,
      ],
    );
    return rows.map((r) => r.id);
  }

  /** Entries for named people (each their own link and words), in one statement. */
  async insertEntries(m: EntityManager, entries: NotificationEntry[]): Promise<string[]> {
    if (!entries.length) return [];
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification (user_id, kind, agency_id, link, payload)
       SELECT x.user_id, x.kind::notification_kind, x.agency_id, x.link, x.payload
       FROM jsonb_to_recordset($1::jsonb) AS x(user_id uuid, kind text, agency_id uuid, link text, payload jsonb)
       JOIN app_user u ON u.id = x.user_id AND u.active
       RETURNING id`,
      [JSON.stringify(entries.map((e) => ({ ...e, user_id: e.userId, agency_id: e.agencyId })))],
    );
    return rows.map((r) => r.id);
  }

  /** "You were assigned to evaluate …": the agency's name and the period's year come from their rows. */
  async insertAssigned(
    m: EntityManager,
    userId: string,
    pairs: { agencyId: string; periodId: string }[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification (user_id, kind, agency_id, link, payload)
       SELECT u.id, 'assigned', a.id, '/review/agencies/' || a.id || '?year=' || p.year,
              jsonb_build_object('agency', a.name, 'year', p.year)
       FROM jsonb_to_recordset($2::jsonb) AS x("agencyId" uuid, "periodId" uuid)
       JOIN agency a ON a.id = x."agencyId" JOIN period p ON p.id = x."periodId"
       JOIN app_user u ON u.id = $1 AND u.active
       RETURNING id`,
      [userId, JSON.stringify(pairs)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The e-mail side of new inbox entries, in the same transaction: by each person's choice for
   * the kind, an item of tomorrow's digest (written here) or a mail now (immediate, the default),
   * answered for the outbox.
   */
  async routeToMail(m: EntityManager, notificationIds: string[]): Promise<OutboxMail[]> {
    if (!notificationIds.length) return [];
    return m.query(
      `WITH r AS (
         SELECT n.user_id, n.kind::text AS kind, n.link, n.payload, u.email, u.lang, u.display_name,
                coalesce(p.mode::text, 'immediate') AS mode
         FROM notification n JOIN app_user u ON u.id = n.user_id
         LEFT JOIN notification_preference p ON p.user_id = n.user_id AND p.kind = n.kind::text
         WHERE n.id = ANY($1::uuid[]) AND coalesce(u.email, '') <> ''
       ), digested AS (
         INSERT INTO notification_digest_item (user_id, kind, link, payload)
         SELECT user_id, kind, link, payload FROM r WHERE mode = 'digest'
       )
       SELECT user_id AS "userId", email AS "toAddress", lang, kind, link,
              payload || jsonb_build_object('recipientName', display_name) AS payload
       FROM r WHERE mode = 'immediate'`,
      [notificationIds],
    );
  }

  /**
   * Takes today's digest of everyone with waiting items, once per person per day (the run row
   * is the guard: a second instance meets it and takes nothing), and answers the digest mails.
   */
  async takeDigests(m: EntityManager, day: string): Promise<OutboxMail[]> {
    return m.query(
      `WITH due AS (
         INSERT INTO notification_digest_run (user_id, day)
         SELECT DISTINCT user_id, $1::date FROM notification_digest_item
         ON CONFLICT DO NOTHING RETURNING user_id
       ), taken AS (
         DELETE FROM notification_digest_item d USING due WHERE d.user_id = due.user_id
         RETURNING d.id, d.user_id, d.kind, d.link, d.payload
       )
       SELECT u.id AS "userId", u.email AS "toAddress", u.lang, 'digest' AS kind, '/inbox' AS link,
              jsonb_build_object('recipientName', u.display_name, 'count', count(*),
                'items', jsonb_agg(jsonb_build_object('kind', t.kind, 'link', t.link, 'payload', t.payload) ORDER BY t.id))
                AS payload
       FROM taken t JOIN app_user u ON u.id = t.user_id
       WHERE u.active AND coalesce(u.email, '') <> ''
       GROUP BY u.id`,
      [day],
    );
  }

  async preferences(userId: string, m: EntityManager): Promise<Map<string, MailMode>> {
    const rows: { kind: string; mode: MailMode }[] = await m.query(
      'SELECT kind, mode FROM notification_preference WHERE user_id = $1',
      [userId],
    );
    return new Map(rows.map((r) => [r.kind, r.mode]));
  }

  async setPreferences(m: EntityManager, userId: string, modes: Record<string, MailMode>): Promise<void> {
    await m.query(
      `INSERT INTO notification_preference (user_id, kind, mode)
       SELECT $1, key, value::mail_mode FROM jsonb_each_text($2::jsonb)
       ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
      [userId, JSON.stringify(modes)],
    );
  }

  /** Every kind this person gets in the digest is turned off (the digest's own unsubscribe). */
  async turnOffDigest(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE notification_preference SET mode = 'off', updated_at = now() WHERE user_id = $1 AND mode = 'digest'`,
      [userId],
    );
  }

  async userMailSettings(
    m: EntityManager,
    userId: string,
  ): Promise<{ email: string | null; lang: string } | undefined> {
    const rows: { email: string | null; lang: string }[] = await m.query(
      'SELECT email, lang FROM app_user WHERE id = $1',
      [userId],
    );
    return rows[0];
  }

  /** A user's entries, newest first. */
  list(userId: string, unreadOnly: boolean, limit: number): Promise<Notification[]> {
    return this.dataSource.getRepository(Notification).find({
      where: unreadOnly ? { userId, readAt: IsNull() } : { userId },
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

  /** Marks the user's entry read; answers where it leads, or null when the user has no such entry. */
  async markRead(userId: string, id: string): Promise<string | null> {
    const [rows]: [{ link: string }[], number] = await this.dataSource.query(
      'UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING link',
      [id, userId],
    );
    return rows[0]?.link ?? null;
  }

  /** Marks every unread entry of the user read; answers how many. */
  async markAllRead(userId: string): Promise<number> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [, count]: [unknown[], number] = await this.dataSource.query(
      'UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return count;
  }
}
