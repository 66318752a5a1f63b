import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { scoredAsPackage } from '../framework/framework.registry';
import { packageLevels } from '../workflow-core/package-levels.port';
import { AgenciesService } from '../agencies/agencies.service';
import { AgencyDirectory } from '../agencies/agency-directory';
import { nameUnits, topGaps } from '../agencies/dashboard.view';
import { AssessmentsService, AssessmentView } from '../assessments/assessments.service';
import { criteriaView, readingsView } from '../assessments/criteria.view';
import type { Framework } from '../framework/framework.schema';
import { formatHundredths, toHundredths } from '../framework/decimal';
import { Lang } from '../i18n/i18n';
import type { Period } from '../periods/period.entity';
import type { ScoreOutput, SplUseResult } from '../scoring/scoring.types';
import { ScoringService } from '../scoring/scoring.service';
import { predicateFor } from '../scoring/spbe-index';
import { OnboardingRepository } from '../onboarding/onboarding.repository';
import { todayUtc } from '../onboarding/onboarding.service';
import { progressPoints } from '../onboarding/roadmap.service';
import { LinkedDataRepository } from './linked-data.repository';
import {
  AgencyReport,
  ApplicationLine,
  IndexLine,
  IndicatorSummary,
  UnitLine,
  VALUE_KEYS,
  ValueKey,
} from './report.model';
import { ReportsRepository, UnitRecord } from './reports.repository';
import type { PemdiSection } from './report.model';
import { reportText } from './report-text';
import { PeriodLookup } from '../periods/period-lookup';
import { localDecimal } from '../i18n/numbers';
import { refuse } from '../i18n/refusal';
import { HUB_SOURCE, HubSource } from '../hub/hub-source';

/** Months of SPLP progress the summary charts. */
const SPLP_MONTHS = 12;

type Values = Record<ValueKey, number | null>;

/** Gathers one agency's report for a period from the stored results and the agency's records. */
@Injectable()
export class ReportDataService {
  constructor(
    @Inject(ReportsRepository) private readonly repo: ReportsRepository,
    @Inject(LinkedDataRepository) private readonly linked: LinkedDataRepository,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(OnboardingRepository) private readonly onboarding: OnboardingRepository,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(HUB_SOURCE) private readonly hubSource: HubSource,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  period(year: number): Promise<Period> {
    return this.periods.byYear(year);
  }

  async evidenceOf(agencyId: string, period: Period) {
    const [agency, evidence] = await Promise.all([
      this.agency(agencyId),
      this.repo.evidence(agencyId, period.id),
    ]);
    return { agency, evidence };
  }

  private async agency(agencyId: string) {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw refuse(NotFoundException, 'msg.not_found.agency');
    return agency;
  }

  async agencyReport(agencyId: string, period: Period, lang: Lang): Promise<AgencyReport> {
    const agency = await this.agency(agencyId);
    const view = await this.assessments.view(agencyId, period, lang);
    const [units, applications, evidence, reviews, frozen, hub, hubFigures] = await Promise.all([
      this.repo.units(agencyId),
      this.repo.applications(agencyId),
      this.repo.evidence(agencyId, period.id),
      this.repo.reviews(agencyId),
      period.stage === 'final' ? this.linked.freeze(agencyId, period.id) : Promise.resolve(null),
      this.linked.hubSeries(agencyId, period.year),
      this.hubSource.figures(agencyId, period.year),
    ]);
    const splpProgress = progressPoints(await this.onboarding.progress(agencyId, todayUtc(), SPLP_MONTHS));
    const framework = view.framework;
    const records = await this.directory.recordNames(agencyId, lang);
    const values = (n: number): Values => {
      const v = view.indicators.find((i) => i.indicator === n)!;
      return { claimed: v.claimed, supported: v.supported, verified: v.verified, validated: v.validated };
    };
    const titles = new Map(evidence.map((e) => [e.evidenceId, e.title]));
    const indicators = [7, 18].map((n) =>
      this.indicator(n, values(n), { ...view, titles }, framework, period, lang),
    );
    // A period on the Pemdi 2026 framework: its index and levels (src/pemdi, through the workflow's port).
    const pemdi = scoredAsPackage(period)
      ? ((await packageLevels(this.moduleRef).pageView(agencyId, period, lang)) as PemdiSection)
      : undefined;
    return {
      ...(pemdi ? { pemdi } : {}),
      lang,
      generatedAt: new Date(),
      agency: {
        id: agency.id,
        code: agency.code,
        name: agency.name,
        kind: agency.kind,
        areaCode: agency.areaCode,
      },
      period: {
        year: period.year,
        edition: period.edition,
        stage: period.stage,
        asOf: period.asOf,
        coverageTarget: Number(view.supported.coverageTarget),
      },
      frozen,
      factsHash: view.factsHash,
      indicators,
      // Scored in the report's language (AssessmentsService.view), so the texts are in it too.
      readings: readingsView(view.supported.readings, null, period, lang),
      index: this.indexLines(values(7), values(18), lang),
      predicates: predicateBands(framework, lang),
      units: unitLines(units, applications, view.supported, view.verified),
      applications,
      evidence,
      reviews,
      gaps: topGaps(view.supported).map((g) => ({
        indicator: Number(g.indicator),
        nextLevel: g.nextLevel,
        code: g.code,
        message: nameUnits(g.message, records, lang),
      })),
      hub,
      hubFigures,
      splpProgress,
    };
  }

  private indicator(
    n: number,
    values: Values,
    scored: Pick<AssessmentView, 'supported' | 'verified' | 'facts'> & { titles: Map<string, string> },
    framework: Framework,
    period: Period,
    lang: Lang,
  ): IndicatorSummary {
    const { supported, verified } = scored;
    const criteria = criteriaView({
      framework,
      indicator: n,
      edition: period.edition,
      lang,
      supported: supported.indicators[String(n)].criteria,
      verified: verified.indicators[String(n)].criteria,
      facts: scored.facts,
      titles: scored.titles,
    });
    const definition = framework.domains
      .flatMap((d) => d.aspects.flatMap((a) => a.indicators))
      .find((i) => i.number === n)!;
    const weight = toHundredths(definition.weight);
    const summary: IndicatorSummary = {
      number: n,
      name: definition.name[lang],
      weight: definition.weight,
      values: VALUE_KEYS.map((key) => {
        const level = values[key];
        return {
          key,
          level,
          levelName: level === null ? '–' : levelName(framework, level, lang),
          // level x weight in hundredths of a percent, shown as points of the 0..5 index.
          contribution: level === null ? null : ((level * weight) / 10000).toFixed(3),
          predicate: level === null ? '–' : predicateFor(level * 100, framework)[lang],
        };
      }),
      explanations: criteria.explanations,
      criteria: criteria.levels,
    };
    const s = supported.indicators[String(n)];
    if (s.rule === 'spl-use') {
      const v = verified.indicators[String(n)] as SplUseResult;
      summary.coverage = {
        supported: s.coverage,
        verified: v.coverage,
        target: s.coverageTarget,
        unitsInScope: s.unitsInScope,
        usingSpl: s.unitsUsingSpl,
      };
    }
    return summary;
  }

  private indexLines(i7: Values, i18: Values, lang: Lang): IndexLine[] {
    return VALUE_KEYS.flatMap((key) => {
      const a = i7[key];
      const b = i18[key];
      if (a === null || b === null) return [];
      const overall = this.scoring.computeIndex({ 7: a, 18: b }).overall;
      return [
        {
          key,
          display: overall.display ? localDecimal(lang, overall.display) : '–',
          predicate: overall.predicate?.[lang] ?? '–',
        },
      ];
    });
  }
}

export function levelName(framework: Framework, level: number, lang: Lang): string {
  if (level === 0) return reportText(lang, 'level0');
  return framework.levels.find((l) => l.level === level)?.name[lang] ?? String(level);
}

/** "4.20 – 5.00", "3.50 – < 4.20", ...: bands are listed from the highest minimum down. */
export function predicateBands(framework: Framework, lang: Lang): { range: string; name: string }[] {
  return framework.predicates.map((band, i) => {
    const upper = i === 0 ? '5.00' : `< ${formatHundredths(toHundredths(framework.predicates[i - 1].min))}`;
    return { range: localDecimal(lang, `${band.min} – ${upper}`), name: band.name[lang] };
  });
}

interface UnitOut {
  id: string;
  level: number;
  coverage: number;
  applications: number;
  applicationsViaSpl: number;
}

function unitLines(
  units: UnitRecord[],
  applications: ApplicationLine[],
  supported: ScoreOutput,
  verified: ScoreOutput,
): UnitLine[] {
  const scored = (o: ScoreOutput) =>
    new Map(((o.indicators['18'] as SplUseResult).units as UnitOut[]).map((u) => [u.id, u]));
  const s = scored(supported);
  const v = scored(verified);
  return units.map((u) => {
    const apps = applications.filter((a) => a.unitCode === u.code);
    const result = s.get(u.id);
    return {
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      inScope: u.inScope,
      outOfScopeReason: u.outOfScopeReason,
      levelSupported: result?.level ?? null,
      levelVerified: v.get(u.id)?.level ?? null,
      coveragePct: result ? Math.round(result.coverage * 100) : null,
      applications: result?.applications ?? apps.length,
      viaSpl: result?.applicationsViaSpl ?? apps.filter((a) => a.exchange === 'spl').length,
    };
  });
}
