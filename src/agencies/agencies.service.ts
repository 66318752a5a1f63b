import { Inject, Injectable } from '@nestjs/common';
import { Actor, agenciesAssignedFor } from '../access/actor';
import { Agency } from './agency.entity';
import { AgenciesRepository, AgencySummary, DashboardHeader } from './agencies.repository';

export type { AgencySummary, DashboardHeader } from './agencies.repository';

/** Rows of the national table for one period (or none), and what they were read from. */
interface CachedSummaries {
  fingerprint: string;
  rows: AgencySummary[];
}

/**
 * Agencies a person may see, with their stored levels for a period (supported basis). The
 * national list (615 agencies) is read once and kept while a cheap fingerprint of what it is
 * made of stays the same: the agencies, and the period's stored results, which every change to
 * an agency's data rewrites (the unit counts included, units being part of the facts).
 */
@Injectable()
export class AgenciesService {
  private readonly cache = new Map<string, CachedSummaries>();

  constructor(@Inject(AgenciesRepository) private readonly agencies: AgenciesRepository) {}

  async listVisible(actor: Actor, periodId: string | null): Promise<AgencySummary[]> {
    const national = actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null);
    const rows = await this.summaries(periodId);
    if (national) return rows;
    // An evaluator's list is of the agencies assigned for the period shown.
    const assigned = periodId ? agenciesAssignedFor(actor, periodId) : actor.assignedAgencyIds;
    const reach = new Set(actor.role === 'evaluator' ? assigned : [actor.agencyId]);
    return rows.filter((row) => reach.has(row.id));
  }

  findById(id: string): Promise<Agency | null> {
    return this.agencies.findById(id);
  }

  /**
   * What the agency dashboard shows around the levels, in one statement: the agency, the period
   * (the year asked for, else the latest) and the unit names. Undefined when the agency is unknown.
   */
  async dashboardHeader(agencyId: string, year: number | null): Promise<DashboardHeader | undefined> {
    return this.agencies.dashboardHeader(agencyId, year);
  }

  /** Every agency in name order; copies, so callers may sort and filter them. */
  private async summaries(periodId: string | null): Promise<AgencySummary[]> {
    const key = periodId ?? '';
    const fingerprint = await this.agencies.summariesFingerprint(periodId);
    let cached = this.cache.get(key);
    if (cached?.fingerprint !== fingerprint) {
      cached = { fingerprint, rows: await this.agencies.summaries(periodId) };
      this.cache.set(key, cached);
    }
    return cached.rows.map((row) => ({ ...row }));
  }
}
