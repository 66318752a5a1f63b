import { ModuleRef } from '@nestjs/core';
import { packageLevels } from '../../workflow-core/package-levels.port';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { AssessmentRepository } from '../../assessments/assessment.repository';
import { LevelsReader } from '../../levels/levels-reader';
import { Period } from '../../periods/period.entity';
import { ScoringService } from '../../scoring/scoring.service';
import { refuse } from '../../i18n/refusal';
import { refusal } from '../../workflow-core/stage-rules';
import { AgencyWrite, UnitOfWork } from '../../workflow-core/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { Claim, buildFrozenRows, snapshotHash } from '../../workflow-core/freeze-hash';
import { FrameworkSnapshotRepository } from '../../workflow-core/framework-snapshot.repository';
import { FrozenResultsRepository } from '../../workflow-core/frozen-results.repository';
import { WorkflowStateRepository } from '../../workflow-core/workflow-state.repository';
import { FreezeCandidate, FreezeRepository } from './freeze.repository';

export type { FreezeCandidate } from './freeze.repository';

export interface FreezeReport {
  year: number;
  frozen: { agencyId: string; snapshotHash: string }[];
  /** Agencies frozen before: their results stay exactly as they were. */
  alreadyFrozen: string[];
  /** Agencies left out of a freeze of all because they never submitted. */
  notSubmitted: string[];
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
    @Inject(FreezeRepository) private readonly repo: FreezeRepository,
    @Inject(FrozenResultsRepository) private readonly frozen: FrozenResultsRepository,
    @Inject(AssessmentRepository) private readonly assessments: AssessmentRepository,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
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
    const submitted = new Set(await this.repo.submittedAgencyIds(period.id));
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
  counts(periodId: string): Promise<{ agencies: number; frozen: number }> {
    return this.repo.counts(periodId);
  }

  /** Every agency with whether it submitted, what is undecided and whether it is frozen. */
  candidates(periodId: string): Promise<FreezeCandidate[]> {
    return this.repo.candidates(periodId);
  }

  private async targets(agencyIds?: string[]): Promise<string[]> {
    const ids = await this.repo.agencyIds(agencyIds?.length ? agencyIds : null);
    if (agencyIds?.length && ids.length !== new Set(agencyIds).size)
      throw refuse(BadRequestException, 'msg.validation.agency_ids', { field: 'agencyIds' });
    return ids;
  }

  /** Answers the snapshot hash, or null when the agency was frozen before. */
  private async freezeAgency(w: AgencyWrite, actor: Actor, period: Period): Promise<string | null> {
    const { m, agencyId } = w;
    await w.allowNoFacts('period.freeze', { periodId: period.id });
    if (await this.frozen.lockFrozen(m, agencyId, period.id)) return null;
    const raw = await this.snapshotFacts(w, period);
    const facts = this.scoring.parse(raw);
    const { supported, verified } = this.scoring.scoreBoth(facts);
    const rows = buildFrozenRows({
      agencyId,
      periodId: period.id,
      facts: raw,
      supported,
      verified,
      claims: await this.claims(w, period.id),
    });
    const frozenAt = new Date();
    await this.frozen.insertRows(m, rows, frozenAt);
    const hash = snapshotHash(rows);
    const frameworkHash = await this.frameworks.keep(m, this.scoring.getFramework());
    // The period's framework package (its hash) and, for a Pemdi period, its index as frozen.
    const pkg = await packageLevels(this.moduleRef).freezeRecord(m, agencyId, period);
    await this.frozen.insertFreeze(m, {
      agencyId,
      periodId: period.id,
      snapshotHash: hash,
      engineVersion: supported.engineVersion,
      frameworkVersion: supported.frameworkVersion,
      frameworkHash,
      frozenAt,
      frozenBy: actor.userId,
      packageHash: pkg.packageHash,
      packageIndex: pkg.packageIndex,
    });
    await this.assessments.finalise(m, agencyId, period.id);
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
      payload: { agency: await this.state.agencyName(m, agencyId), year: period.year },
      agencyRoles: ['coordinator', 'operator', 'internal_assessor', 'leader'],
      evaluatorsOfPeriod: period.id,
      except: actor.userId,
    });
    return hash;
  }

  /** The facts as stored when the period went final (built now only if never stored). */
  private async snapshotFacts(w: AgencyWrite, period: Period): Promise<Record<string, unknown>> {
    const stored = await this.repo.snapshotFacts(w.m, w.agencyId, period.id);
    if (stored) return stored;
    return (await this.levels.facts(w.agencyId, period, w.m)) as unknown as Record<string, unknown>;
  }

  /** The agency's claims and validated levels, by indicator. */
  private async claims(w: AgencyWrite, periodId: string): Promise<Map<number, Claim>> {
    const rows = await this.assessments.ofPeriod(w.agencyId, periodId, w.m);
    return new Map(
      rows.map((r) => [
        r.indicator,
        { claimed: r.claimedLevel, validated: r.validatedLevel, validationNote: r.validationNote },
      ]),
    );
  }
}
