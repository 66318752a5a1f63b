import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HubSeries } from './report.model';

/**
 * Reads the tables other features own (hub imports, the workflow's freeze) with plain SQL, so
 * reports depend on their columns only, not on those features' modules.
 */
@Injectable()
export class LinkedDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The frozen snapshot of the agency's results for the period, when the workflow froze them. */
  async freeze(agencyId: string, periodId: string): Promise<{ snapshotHash: string; frozenAt: Date } | null> {
    const rows: { snapshot_hash: string; frozen_at: Date | string }[] = await this.dataSource.query(
      `SELECT snapshot_hash, frozen_at FROM agency_freeze
        WHERE agency_id = $1 AND period_id = $2 ORDER BY frozen_at DESC LIMIT 1`,
      [agencyId, periodId],
    );
    const row = rows[0];
    return row ? { snapshotHash: row.snapshot_hash.trim(), frozenAt: new Date(row.frozen_at) } : null;
  }

  /** Calls, errors and uptime per calendar month (UTC) of `year`, from imported hub data (production keys). */
  async hubSeries(agencyId: string, year: number): Promise<HubSeries> {
    const months = Array.from({ length: 12 }, (_v, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const [usage, uptime] = await Promise.all([this.usage(agencyId, year), this.uptime(agencyId, year)]);
    return {
      months,
      calls: months.map((m) => usage.get(m)?.calls ?? 0),
      errors: months.map((m) => usage.get(m)?.errors ?? 0),
      uptime: months.map((m) => uptime.get(m) ?? null),
      hasUsage: usage.size > 0,
      hasUptime: uptime.size > 0,
    };
  }

  private async usage(
    agencyId: string,
    year: number,
  ): Promise<Map<string, { calls: number; errors: number }>> {
    const rows: { month: string; calls: string; errors: string }[] = await this.dataSource.query(
      `SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              sum(total_calls)::text AS calls,
              sum(coalesce(client_error_calls, 0) + coalesce(server_error_calls, 0) + coalesce(fault_calls, 0))::text AS errors
         FROM hub_usage
        WHERE agency_id = $1 AND upper(coalesce(key_type, 'PRODUCTION')) <> 'SANDBOX'
          AND period_start >= make_timestamptz($2::int, 1, 1, 0, 0, 0, 'UTC')
          AND period_start < make_timestamptz($2::int + 1, 1, 1, 0, 0, 0, 'UTC')
        GROUP BY 1`,
      [agencyId, year],
    );
    return new Map(rows.map((r) => [r.month, { calls: Number(r.calls), errors: Number(r.errors) }]));
  }

  private async uptime(agencyId: string, year: number): Promise<Map<string, number>> {
    // Months weigh each monitor's report by how long it covers, so a day does not count as a month.
    const rows: { month: string; uptime: string | null }[] = await this.dataSource.query(
      `SELECT month, (sum(uptime_pct * secs) / nullif(sum(secs), 0))::text AS uptime
         FROM (SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month, uptime_pct,
                      greatest(extract(epoch FROM (period_end - period_start)), 1) AS secs
                 FROM hub_uptime
                WHERE agency_id = $1 AND uptime_pct IS NOT NULL
                  AND period_start >= make_timestamptz($2::int, 1, 1, 0, 0, 0, 'UTC')
                  AND period_start < make_timestamptz($2::int + 1, 1, 1, 0, 0, 0, 'UTC')) AS m
        GROUP BY month`,
      [agencyId, year],
    );
    return new Map(rows.filter((r) => r.uptime !== null).map((r) => [r.month, Number(r.uptime)]));
  }
}
