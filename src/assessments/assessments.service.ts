import { assertVersion } from '../database/optimistic-version';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import { factsHash } from '../levels/level-batches';
import { LevelsReader } from '../levels/levels-reader';
import type { Facts } from '../scoring/facts.types';
import type { ScoreOutput } from '../scoring/scoring.types';
import { ScoringService } from '../scoring/scoring.service';
import { FrameworkSnapshotRepository } from '../workflow-core/framework-snapshot.repository';
import { FrozenAgency, FrozenResultsReader } from '../workflow-core/frozen-results.reader';
import type { Framework } from '../framework/framework.schema';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { AssessmentRepository } from './assessment.repository';
import { ClaimDto, IndicatorValues } from './assessments.dto';
import { refuse } from '../i18n/refusal';
import { PeriodLookup } from '../periods/period-lookup';
import type { Period } from '../periods/period.entity';
import { scoredAsPackage } from '../framework/framework.registry';
import { packageLevels } from '../workflow-core/package-levels.port';
import { notAssessed } from './parse-indicator.pipe';

export const ASSESSED_INDICATORS = [7, 18] as const;

export interface AssessmentView {
  year: number;
  /** The framework the values were scored with: a frozen agency's own, else the one in use. */
  framework: Framework;
  facts: Facts;
  factsHash: string;
  supported: ScoreOutput;
  verified: ScoreOutput;
  indicators: IndicatorValues[];
  /** Set once the period's results are frozen for the agency: the values then come from the freeze. */
  frozen: { snapshotHash: string; frozenAt: Date; engineVersion: string; frameworkVersion: string } | null;
}

/** The self-assessment: the claim beside the supported, verified and validated levels. */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(AssessmentRepository) private readonly assessments: AssessmentRepository,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(FrozenResultsReader) private readonly frozenResults: FrozenResultsReader,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(FrameworkSnapshotRepository) private readonly frameworks: FrameworkSnapshotRepository,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * The facts scored in the page's language, never stale: those stored once the period is final,
   * else the live ones (scored once while they stay the same, ScoringService.scoreBothShared: the
   * outputs are shared and frozen). Once frozen, the facts and the four values are the frozen ones.
   * `year`: the period, or its year (a caller that has the period saves looking it up again).
   */
  async view(agencyId: string, year: number | Period, lang: Lang): Promise<AssessmentView> {
    const period = await this.periods.periodOf(year);
    const frozen = await this.frozenResults.forAgency(agencyId, period.id);
    const stored = frozen ? null : await this.levels.snapshot(agencyId, period);
    const live = stored ? await this.levels.factsOf(stored, period) : null;
    const facts = live ? live.facts : (frozen!.rows[0].facts as unknown as Facts);
    const scored = this.scoring.scoreBothShared(facts, lang);
    const { supported, verified } = frozen ? asFrozen(scored, frozen) : scored;
    // A frozen agency shows the criteria of the framework it was scored with.
    const frozenFramework = frozen?.freeze.frameworkHash
      ? await this.frameworks.find(frozen.freeze.frameworkHash)
      : null;
    const claims = await this.assessments.claimsOf(agencyId, period.id);
    const final = frozen ? FrozenResultsReader.results(frozen) : null;
    const indicators = ASSESSED_INDICATORS.map((n) => {
      const claim = claims.find((c) => c.indicator === n);
      const s = supported.indicators[String(n)];
      const f = final?.get(n);
      const claimed = f ? f.claimed : claim ? claim.claimedLevel : null;
      const supportedLevel = f ? f.supported : s.level;
      return {
        indicator: n,
        claimed,
        supported: supportedLevel,
        verified: f ? f.verified : verified.indicators[String(n)].level,
        validated: f ? f.validated : (claim?.validatedLevel ?? null),
        validationNote: f ? f.validationNote : (claim?.validationNote ?? null),
        claimAboveSupported: claimed !== null && claimed > supportedLevel,
        justification: claim?.justification ?? '',
        status: claim?.status ?? 'draft',
        version: claim?.version ?? null,
        detail: s as unknown as Record<string, unknown>,
      };
    });
    return {
      year: period.year,
      framework: frozenFramework ?? this.scoring.getFramework(),
      facts,
      factsHash: live ? live.hash : factsHash(facts),
      supported,
      verified,
      indicators,
      frozen: frozen
        ? {
            snapshotHash: frozen.freeze.snapshotHash,
            frozenAt: frozen.freeze.frozenAt,
            engineVersion: frozen.freeze.engineVersion,
            frameworkVersion: frozen.freeze.frameworkVersion,
          }
        : null,
    };
  }

  /**
   * A period on a framework package other than SPBE 2020 takes claims of its indicators with the
   * evidence they rest on (PemdiService); an SPBE 2020 period, of Indicators 7 and 18.
   */
  async claim(actor: Actor, agencyId: string, year: number, indicator: number, dto: ClaimDto): Promise<void> {
    const period = await this.periods.byYear(year);
    if (scoredAsPackage(period))
      return packageLevels(this.moduleRef).claim(actor, agencyId, period, indicator, dto);
    if (!(ASSESSED_INDICATORS as readonly number[]).includes(indicator)) throw notAssessed();
    // A claim is no fact the engine scores: nothing is recomputed.
    await this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      const existing = await this.assessments.lockIndicator(m, agencyId, period.id, indicator);
      if (existing) assertVersion(existing.version, dto.version);
      if (existing && existing.status !== 'draft') {
        throw refuse(ConflictException, 'msg.assessment.claim_after_submission');
      }
      await w.allowNoFacts('assessment.claim', { periodId: period.id });
      const before = existing ? { ...existing } : null;
      const saved = await this.assessments.save(
        m,
        Object.assign(existing ?? this.assessments.create(m, { agencyId, periodId: period.id, indicator }), {
          claimedLevel: dto.claimedLevel,
          justification: dto.justification.trim(),
        }),
      );
      await w.log({
        entityType: 'assessment',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before,
        after: saved,
      });
    });
  }
}

/**
 * The outputs of a frozen agency as the engine that froze them gave them. Scoring the frozen facts
 * again gives the same outputs (in the page's language) while the engine and framework are the
 * same; after an upgrade that changes the rules, the frozen ones stand (their messages are in
 * Indonesian, the language they were frozen in): frozen results never change.
 */
function asFrozen(
  scored: { supported: ScoreOutput; verified: ScoreOutput },
  frozen: FrozenAgency,
): { supported: ScoreOutput; verified: ScoreOutput } {
  const { engineVersion, frameworkVersion } = frozen.freeze;
  const same =
    scored.supported.engineVersion === engineVersion &&
    scored.supported.frameworkVersion === frameworkVersion;
  if (same) return scored;
  const results = FrozenResultsReader.results(frozen);
  const indicators = (basis: 'supported' | 'verified') =>
    Object.fromEntries([...results].map(([n, result]) => [String(n), result.scores[basis]]));
  const stamp = { engineVersion, frameworkVersion };
  return {
    supported: { ...scored.supported, ...stamp, indicators: indicators('supported') },
    verified: { ...scored.verified, ...stamp, indicators: indicators('verified') },
  };
}
