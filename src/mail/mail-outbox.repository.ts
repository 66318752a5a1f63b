import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailStatus } from './mail-outbox.entity';

/** A mail to queue: to whom, in which language, and what its template reads. */
export interface OutboxMail {
  userId: string;
  toAddress: string;
  lang: string;
  kind: string;
  link: string;
  payload: Record<string, unknown>;
}

/** A mail taken by one worker: it left `queued` in the statement that took it. */
export interface ClaimedMail {
  id: string;
  userId: string | null;
  toAddress: string;
  lang: string;
  kind: string;
  link: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface MailRow extends ClaimedMail {
  status: MailStatus;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, user_id AS "userId", to_address AS "toAddress", lang, kind, link, payload, attempts`;

/** The outbox table's statements. Every state change is one statement, so no lock is held while sending. */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Queues mails in the caller's transaction (the event or the digest run that causes them), in
   * one statement: an event that rolls back sends nothing, one that commits loses no mail.
   */
  async queue(m: EntityManager, mails: OutboxMail[]): Promise<void> {
    if (!mails.length) return;
    await m.query(
      `INSERT INTO mail_outbox (user_id, to_address, lang, kind, link, payload)
       SELECT x."userId", x."toAddress", x.lang, x.kind, x.link, x.payload
       FROM jsonb_to_recordset($1::jsonb)
         AS x("userId" uuid, "toAddress" text, lang text, kind text, link text, payload jsonb)`,
      [JSON.stringify(mails)],
    );
  }

  /**
   * Takes up to `limit` due mails and marks them `sending`. SKIP LOCKED lets two app instances
   * claim at once without waiting for each other or taking the same row.
   */
  async claimDue(limit: number): Promise<ClaimedMail[]> {
    const [rows]: [(ClaimedMail & { due: Date })[], number] = await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, updated_at = now()
       WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}, next_attempt_at AS "due"`,
      [limit],
    );
    // RETURNING follows no order: mails go out in the order they fell due.
    return rows.sort((a, b) => a.due.getTime() - b.due.getTime()).map(({ due: _due, ...mail }) => mail);
  }

  async markSent(id: string, messageId: string, response: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), message_id = $2, last_error = NULL,
         payload = payload || jsonb_build_object('serverAnswer', $3::text), updated_at = now()
       WHERE id = $1 AND status = 'sending'`,
      [id, messageId, response],
    );
  }

  async markRetry(id: string, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'queued', last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
       WHERE id = $1 AND status = 'sending'`,
      [id, error, delayMs],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'failed', last_error = $2, updated_at = now()
       WHERE id = $1 AND status = 'sending'`,
      [id, error],
    );
  }

  /**
   * A mail left `sending` by a process that stopped mid-send may or may not have reached the
   * server. It is marked failed, not sent again by itself: an admin decides (never twice).
   */
  async failInterrupted(olderThanMs: number): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'failed', updated_at = now(),
         last_error = 'Interrupted while sending; not sent again automatically, so that it cannot arrive twice.'
       WHERE status = 'sending' AND updated_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [olderThanMs],
    );
    return count;
  }

  /** A failed mail goes back to the queue, at an admin's request. */
  async requeue(id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'failed' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async list(status: MailStatus | undefined, limit: number, offset: number): Promise<MailRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, status, next_attempt_at AS "nextAttemptAt", last_error AS "lastError",
         sent_at AS "sentAt", created_at AS "createdAt"
       FROM mail_outbox WHERE ($1::mail_status IS NULL OR status = $1)
       ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    );
  }

  async counts(): Promise<Record<MailStatus, number>> {
    const rows: { status: MailStatus; n: string }[] = await this.dataSource.query(
      'SELECT status, count(*) AS n FROM mail_outbox GROUP BY status',
    );
    const counts: Record<MailStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
