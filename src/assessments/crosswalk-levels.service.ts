import { Inject, Injectable } from '@nestjs/common';
import { crosswalkFrom, numberOf } from '../framework/crosswalk';
import { FrameworkPackagesService } from '../framework-packages/framework-packages.service';
import { packageIndicators } from '../framework/framework-package.view';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { Lang, translate } from '../i18n/i18n';
import { PeriodLookup } from '../periods/period-lookup';
import type { Period } from '../periods/period.entity';
import { AssessmentsService } from './assessments.service';

/** One indicator of the earlier period beside the indicator it feeds in this one. */
export interface CrosswalkLevelRow {
  before: { code: string; number: number; name: string; level: number; levelName: string; basis: string };
  /** `label`: the code in words ("Indikator 16"). */
  after: { code: string; label: string; name: string; level: number | null; levelName: string };
  related: { code: string; label: string; name: string }[];
}

export interface CrosswalkLevels {
  fromYear: number;
  toYear: number;
  fromTitle: string;
  toTitle: string;
  provisional: boolean;
  rows: CrosswalkLevelRow[];
}

/**
 * The earlier framework's side of a period that follows a framework change: for each indicator of
 * last year's period that this period's framework maps (SPBE 2020 Indicator 18 → I16, Indicator 7
 * → I1), last year's level beside this year's. This year's levels are an input (whoever scores the
 * new framework supplies them); an indicator without one reads "not assessed yet".
 */
@Injectable()
export class CrosswalkLevelsService {
  constructor(
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
  ) {}

  /**
   * `levelsNow`: this year's level of each indicator of the new framework that has one (by code).
   * Null when the year before has no period, uses the same framework, or is not mapped. `year`: the
   * period, or its year.
   */
  async compare(
    agencyId: string,
    year: number | Period,
    lang: Lang,
    levelsNow: ReadonlyMap<string, number> = new Map(),
  ): Promise<CrosswalkLevels | null> {
    const period = await this.periods.periodOf(year);
    // Most periods follow one on the same framework: that is known without reading the period.
    const earlierFramework = await this.periods.frameworkOfYear(period.year - 1);
    if (earlierFramework === null || earlierFramework === period.frameworkVersion) return null;
    const before = await this.periods.byYear(period.year - 1);
    const toPkg = await this.frameworks.forPeriod(period.frameworkVersion, period.frameworkPackageVersion);
    const fromPkg = await this.frameworks.forPeriod(before.frameworkVersion, before.frameworkPackageVersion);
    const crosswalk = crosswalkFrom(toPkg, fromPkg.id, fromPkg.version);
    if (!crosswalk.size) return null;
    const earlier = await this.assessments.view(agencyId, before, lang);
    const fromNames = names(fromPkg, lang);
    const toNames = names(toPkg, lang);
    const rows: CrosswalkLevelRow[] = [];
    for (const [fromCode, target] of crosswalk) {
      const values = earlier.indicators.find((i) => i.indicator === numberOf(fromCode));
      // Only the indicators this app assesses have a level last year.
      if (!values) continue;
      const level = values.validated ?? values.supported;
      const now = levelsNow.get(target.to) ?? null;
      rows.push({
        before: {
          code: fromCode,
          number: values.indicator,
          name: fromNames(fromCode),
          level,
          levelName: translate(lang, `level.${level}`),
          basis: translate(lang, values.validated !== null ? 'values.validated' : 'values.supported'),
        },
        after: {
          code: target.to,
          label: indicatorLabel(target.to, lang),
          name: toNames(target.to),
          level: now,
          levelName: now === null ? translate(lang, 'crosswalk.notAssessed') : levelName(toPkg, now, lang),
        },
        related: target.related.map((code) => ({
          code,
          label: indicatorLabel(code, lang),
          name: toNames(code),
        })),
      });
    }
    return {
      fromYear: before.year,
      toYear: period.year,
      fromTitle: fromPkg.title[lang],
      toTitle: toPkg.title[lang],
      provisional: [...crosswalk.values()].some((t) => t.note.form === 'provisional'),
      rows,
    };
  }
}

function names(pkg: FrameworkPackage, lang: Lang): (code: string) => string {
  const byCode = new Map(packageIndicators(pkg).map((i) => [i.code, i.name[lang]]));
  return (code) => byCode.get(code) ?? code;
}

/** The package's name of a level ("Level 3" in Pemdi 2026), else the level's number. */
function levelName(pkg: FrameworkPackage, level: number, lang: Lang): string {
  return pkg.levels.find((l) => l.level === level)?.name[lang] ?? String(level);
}

/** "I16" → "Indikator 16" (a code that is no indicator number stays as it is). */
function indicatorLabel(code: string, lang: Lang): string {
  const n = numberOf(code);
  return n === null ? code : translate(lang, 'pemdi.indicatorLabel', { n });
}
