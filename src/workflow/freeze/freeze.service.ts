import { ModuleRef } from '@nestjs/core';
import { packageLevels } from '../../workflow-core/package-levels.port';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { LevelsReader } from '../../levels/levels-reader';
import { Period } from '../../periods/period.entity';
import { ScoringService } from '../../scoring/scoring.service';
import { agencyName } from '../../workflow-core/item-checks';
import { refuse } from '../../i18n/refusal';
import { refusal } from '../../workflow-core/stage-rules';
import { AgencyWrite, UnitOfWork } from '../../workflow-core/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { Claim, buildFrozenRows, snapshotHash } from '../../workflow-core/freeze-hash';
import { FrameworkSnapshotRepository } from '../../workflow-core/framework-snapshot.repository';

export interface FreezeReport {
  year: number;
  frozen: { agencyId: string; snapshotHash: string }[];
  /** Agencies frozen before: their results stay exactly as they were. */
  alreadyFrozen: string[];
  /** Agencies left out of a freeze of all because they never submitted. */
  notSubmitted: string[];
}

/** An agency as the freeze confirmation lists it. */
export interface FreezeCandidate {
  agencyId: string;
  name: string;
  submitted: boolean;
  /** Evidence items still waiting for the evaluator's decision. */
  undecided: number;
  frozen: boolean;
}

/**
 * Final results: per agency and indicator, the facts of the agency's stored snapshot (taken when
 * the period went final), the engine's result, the engine and framework versions and a hash.
 * Scoring goes through the same parser as `npm run cli -- score`, so the stored facts re-score
 * to the stored result. Frozen rows are never updated (the database refuses it too).
 */
@Injectable()
export class FreezeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(FrameworkSnapshotRepository) private readonly frameworks: FrameworkSnapshotRepository,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Freezes the named agencies, or every agency that submitted; an agency that never submitted is
   * taken into a freeze of all only when `includeUnsubmitted` says so.
   */
  async freeze(
    actor: Actor,
    period: Period,
    agencyIds?: string[],
    includeUnsubmitted = false,
  ): Promise<FreezeReport> {
    const closed = refusal('period.freeze', { stage: period.stage, submitted: false }, period.year);
    if (closed) throw refuse(ConflictException, closed.key, closed.params);
    const named = await this.targets(agencyIds);
    const submitted = new Set(await this.submittedAgencyIds(period.id));
    const leftOut = agencyIds?.length || includeUnsubmitted ? [] : named.filter((id) => !submitted.has(id));
    const targets = named.filter((id) => !leftOut.includes(id));
    const report: FreezeReport = { year: period.year, frozen: [], alreadyFrozen: [], notSubmitted: leftOut };
    // One transaction per agency: a national freeze of hundreds of agencies stays small steps.
    for (const agencyId of targets) {
      // Freezing changes no fact: nothing is recomputed.
      const hash = await this.uow.write(actor, agencyId, (w) => this.freezeAgency(w, actor, period));
      if (hash) report.frozen.push({ agencyId, snapshotHash: hash });
      else report.alreadyFrozen.push(agencyId);
    }
    return report;
  }

  /** How many agencies there are and how many are frozen for the period. */
  async counts(periodId: string): Promise<{ agencies: number; frozen: number }> {
    const rows: { agencies: number; frozen: number }[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM agency) AS agencies,
              (SELECT count(*)::int FROM agency_freeze WHERE period_id = $1) AS frozen`,
      [periodId],
    );
    return rows[0];
  }

  /** Every agency with whether it submitted, what is undecided and whether it is frozen. */
  candidates(periodId: string): Promise<FreezeCandidate[]> {
    return this.dataSource.query(
      `SELECT a.id AS "agencyId", a.name, (s.agency_id IS NOT NULL) AS submitted,
              (SELECT count(*)::int FROM evidence e
                WHERE e.agency_id = a.id AND e.period_id = $1 AND e.status = 'submitted') AS undecided,
              (f.agency_id IS NOT NULL) AS frozen
         FROM agency a
         LEFT JOIN agency_submission s ON s.agency_id = a.id AND s.period_id = $1
         LEFT JOIN agency_freeze f ON f.agency_id = a.id AND f.period_id = $1
        ORDER BY a.name, a.id`,
      [periodId],
    );
  }

  private async submittedAgencyIds(periodId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT agency_id AS id FROM agency_submission WHERE period_id = $1',
      [periodId],
    );
    return rows.map((r) => r.id);
  }

  private async targets(agencyIds?: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM agency WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id',
      [agencyIds?.length ? agencyIds : null],
    );
    if (agencyIds?.length && rows.length !== new Set(agencyIds).size)
      throw refuse(BadRequestException, 'msg.validation.agency_ids', { field: 'agencyIds' });
    return rows.map((r) => r.id);
  }

  /** Answers the snapshot hash, or null when the agency was frozen before. */
  private async freezeAgency(w: AgencyWrite, actor: Actor, period: Period): Promise<string | null> {
    const { m, agencyId } = w;
    await w.allowNoFacts('period.freeze', { periodId: period.id });
    const existing: unknown[] = await m.query(
      'SELECT 1 FROM agency_freeze WHERE agency_id = $1 AND period_id = $2 FOR UPDATE',
      [agencyId, period.id],
    );
    if (existing.length) return null;
    const raw = await this.snapshotFacts(m, agencyId, period);
    const facts = this.scoring.parse(raw);
    const { supported, verified } = this.scoring.scoreBoth(facts);
    const rows = buildFrozenRows({
      agencyId,
      periodId: period.id,
      facts: raw,
      supported,
      verified,
      claims: await claims(m, agencyId, period.id),
    });
    const frozenAt = new Date();
    for (const r of rows) {
      await m.query(
        `INSERT INTO frozen_result (agency_id, period_id, indicator, facts, result, engine_version, framework_version, hash, frozen_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9)`,
        [
          agencyId,
          period.id,
          r.indicator,
          JSON.stringify(r.facts),
          JSON.stringify(r.result),
          r.engineVersion,
          r.frameworkVersion,
          r.hash,
          frozenAt,
        ],
      );
    }
    const hash = snapshotHash(rows);
    const frameworkHash = await this.frameworks.keep(m, this.scoring.getFramework());
    // The period's framework package (its hash) and, for a Pemdi period, its index as frozen.
    const pkg = await packageLevels(this.moduleRef).freezeRecord(m, agencyId, period);
    await m.query(
      `INSERT INTO agency_freeze (agency_id, period_id, snapshot_hash, engine_version, framework_version, framework_hash, frozen_at, frozen_by, package_hash, package_index)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
      [
        agencyId,
        period.id,
        hash,
        supported.engineVersion,
        supported.frameworkVersion,
        frameworkHash,
        frozenAt,
        actor.userId,
        pkg.packageHash,
        pkg.packageIndex === null ? null : JSON.stringify(pkg.packageIndex),
      ],
    );
    await m.query(
      `UPDATE assessment SET status = 'final', version = version + 1, updated_at = now() WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, period.id],
    );
    await w.audit({
      action: 'results.frozen',
      actorName: actor.username,
      subjectType: 'agency',
      subjectId: agencyId,
      detail: { year: period.year, snapshotHash: hash, engineVersion: supported.engineVersion },
    });
    await this.notifications.notify(m, {
      kind: 'finalised',
      agencyId,
      link: `/agencies/${agencyId}/workflow?year=${period.year}#frozen`,
      payload: { agency: await agencyName(m, agencyId), year: period.year },
      agencyRoles: ['coordinator', 'operator', 'internal_assessor', 'leader'],
      evaluatorsOfPeriod: period.id,
      except: actor.userId,
    });
    return hash;
  }

  /** The facts as stored when the period went final (built now only if never stored). */
  private async snapshotFacts(
    m: EntityManager,
    agencyId: string,
    period: Period,
  ): Promise<Record<string, unknown>> {
    const rows: { facts: Record<string, unknown> | null }[] = await m.query(
      'SELECT facts FROM score_snapshot WHERE agency_id = $1 AND period_id = $2',
      [agencyId, period.id],
    );
    if (rows[0]?.facts) return rows[0].facts;
    return (await this.levels.facts(agencyId, period, m)) as unknown as Record<string, unknown>;
  }
}

async function claims(m: EntityManager, agencyId: string, periodId: string): Promise<Map<number, Claim>> {
  const rows: { indicator: number; claimed: number; validated: number | null; note: string | null }[] =
    await m.query(
      `SELECT indicator, claimed_level AS claimed, validated_level AS validated, validation_note AS note
     FROM assessment WHERE agency_id = $1 AND period_id = $2`,
      [agencyId, periodId],
    );
  return new Map(
    rows.map((r) => [r.indicator, { claimed: r.claimed, validated: r.validated, validationNote: r.note }]),
  );
}
