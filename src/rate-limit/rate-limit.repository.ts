import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateWindow {
  hits: number;
  expiresInMs: number;
  blockedForMs: number;
}

/** Counts hits per key in a fixed window, in one statement, so concurrent instances agree. */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(key: string, ttlMs: number, limit: number, blockMs: number): Promise<RateWindow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limit_hit AS t (key, hits, expires_at, blocked_until)
       VALUES ($1, 1, now() + $2 * interval '1 millisecond',
               CASE WHEN 1 > $3 THEN now() + $4 * interval '1 millisecond' END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.expires_at <= now() THEN 1 ELSE t.hits + 1 END,
         expires_at = CASE WHEN t.expires_at <= now() THEN excluded.expires_at ELSE t.expires_at END,
         blocked_until = CASE
           WHEN t.blocked_until > now() THEN t.blocked_until
           WHEN (CASE WHEN t.expires_at <= now() THEN 1 ELSE t.hits + 1 END) > $3
             THEN now() + $4 * interval '1 millisecond'
         END
       RETURNING hits,
         (extract(epoch FROM expires_at - now()) * 1000)::int AS "expiresInMs",
         greatest(0, extract(epoch FROM coalesce(blocked_until, now()) - now()) * 1000)::int AS "blockedForMs"`,
      [key, ttlMs, limit, blockMs],
    )) as RateWindow[];
    return row;
  }

  /** Rows whose window and block are both over; they would restart from 1 anyway. */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limit_hit
        WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
