import { createHash } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Period } from '../periods/period.entity';
import type { Facts } from '../scoring/facts.types';
import type { ScoreOutput } from '../scoring/scoring.types';
import { ScoringService } from '../scoring/scoring.service';
import { buildFacts } from './facts.builder';
import { FactsRepository } from './facts.repository';
import { Basis, LevelResult, ScoreSnapshot } from './level-result.entity';

export interface AgencyLevels {
  agencyId: string;
  year: number;
  factsHash: string;
  computedAt: string;
  supported: ScoreOutput;
  verified: ScoreOutput;
}

export function factsHash(facts: Facts): string {
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

/**
 * Keeps each agency's stored levels in step with its data: any change calls `recompute`, which
 * rebuilds the facts, runs the engine for both bases and stores the results, so pages read them.
 */
@Injectable()
export class LevelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FactsRepository) private readonly factsRepo: FactsRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
  ) {}

  async periodByYear(year: number, manager?: EntityManager): Promise<Period> {
    const period = await (manager ?? this.dataSource.manager)
      .getRepository(Period)
      .findOne({ where: { year } });
    if (!period) throw new NotFoundException(`No evaluation period for ${year}.`);
    return period;
  }

  /** The period pages show by default: the requested year, else the latest one. */
  async currentPeriod(year?: number): Promise<Period | null> {
    const repo = this.dataSource.getRepository(Period);
    if (year) return repo.findOne({ where: { year } });
    return (await repo.find({ order: { year: 'DESC' }, take: 1 }))[0] ?? null;
  }

  async facts(agencyId: string, period: Period, manager?: EntityManager): Promise<Facts> {
    const rows = await this.factsRepo.load([agencyId], period.id, manager);
    return buildFacts(rows.get(agencyId)!, period);
  }

  /** Recomputes the given agencies for every period that is not final (or one period). */
  async recompute(agencyIds: string[], manager?: EntityManager, onlyPeriod?: Period): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    const periods = onlyPeriod ? [onlyPeriod] : await m.getRepository(Period).find({ where: {} });
    for (const period of periods.filter((p) => p.stage !== 'final' || onlyPeriod)) {
      const rows = await this.factsRepo.load(agencyIds, period.id, m);
      for (const agencyId of agencyIds) {
        const facts = buildFacts(rows.get(agencyId)!, period);
        await this.store(m, agencyId, period.id, facts);
      }
    }
  }

  private async store(m: EntityManager, agencyId: string, periodId: string, facts: Facts): Promise<void> {
    const { supported, verified } = this.scoring.scoreBoth(facts);
    const hash = factsHash(facts);
    await m.query(
      `INSERT INTO score_snapshot (agency_id, period_id, facts_hash, facts, supported, verified, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (agency_id, period_id) DO UPDATE SET facts_hash = EXCLUDED.facts_hash, facts = EXCLUDED.facts,
         supported = EXCLUDED.supported, verified = EXCLUDED.verified, computed_at = now()`,
      [agencyId, periodId, hash, JSON.stringify(facts), JSON.stringify(supported), JSON.stringify(verified)],
    );
    await m.query('DELETE FROM level_result WHERE agency_id = $1 AND period_id = $2', [agencyId, periodId]);
    const rows = [
      ...levelRows(agencyId, periodId, 'supported', supported),
      ...levelRows(agencyId, periodId, 'verified', verified),
    ];
    await m.createQueryBuilder().insert().into(LevelResult).values(rows).execute();
  }

  /** The stored snapshot of an agency and period, computed first if it was never stored. */
  async snapshot(agencyId: string, period: Period): Promise<ScoreSnapshot> {
    const repo = this.dataSource.getRepository(ScoreSnapshot);
    const stored = await repo.findOne({ where: { agencyId, periodId: period.id } });
    if (stored) return stored;
    // In a transaction: the snapshot row's lock then orders concurrent first reads, which
    // would otherwise both replace the same level rows and collide on their unique key.
    await this.dataSource.transaction((m) => this.recompute([agencyId], m, period));
    return repo.findOneOrFail({ where: { agencyId, periodId: period.id } });
  }

  async read(agencyId: string, year: number): Promise<AgencyLevels> {
    const snap = await this.snapshot(agencyId, await this.periodByYear(year));
    return {
      agencyId,
      year,
      factsHash: snap.factsHash,
      computedAt: snap.computedAt.toISOString(),
      supported: snap.supported as unknown as ScoreOutput,
      verified: snap.verified as unknown as ScoreOutput,
    };
  }
}

function levelRows(
  agencyId: string,
  periodId: string,
  basis: Basis,
  output: ScoreOutput,
): Partial<LevelResult>[] {
  const rows: Partial<LevelResult>[] = [];
  for (const [key, result] of Object.entries(output.indicators)) {
    const r = result as unknown as {
      level: number;
      coverage?: number;
      units?: { id: string; level: number; coverage: number }[];
    };
    rows.push({
      agencyId,
      periodId,
      basis,
      indicator: Number(key),
      unitKey: '',
      level: r.level,
      coverage: r.coverage?.toFixed(6) ?? null,
    });
    for (const u of r.units ?? []) {
      rows.push({
        agencyId,
        periodId,
        basis,
        indicator: Number(key),
        unitKey: u.id,
        level: u.level,
        coverage: u.coverage.toFixed(6),
      });
    }
  }
  return rows;
}
