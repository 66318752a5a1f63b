import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { AssessmentsService } from './assessments.service';
import { CrosswalkLevelsService } from './crosswalk-levels.service';
import { translate } from '../i18n/i18n';
import { requestLang } from '../i18n/language.middleware';
import { formatNumber } from '../i18n/numbers';
import { ScoringService } from '../scoring/scoring.service';
import { Page } from '../kernel/paging';
import { pager } from '../kernel/agency-pages';
import { AgenciesService, AgencySummary } from '../agencies/agencies.service';
import { AgencyDirectory } from '../agencies/agency-directory';
import { levelBars, nameUnits, topGaps, unitRows } from '../agencies/dashboard.view';
import { PeriodLookup } from '../periods/period-lookup';
import { scoredAsPackage } from '../framework/framework.registry';
import { packageLevels } from '../workflow-core/package-levels.port';
import { refuse } from '../i18n/refusal';

// One collator for every sort: String.localeCompare builds its comparison state on each call.
const collator = new Intl.Collator('id');

const SORTS: Record<string, (a: AgencySummary, b: AgencySummary) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  i7: (a, b) => (a.i7 ?? -1) - (b.i7 ?? -1),
  i18: (a, b) => (a.i18 ?? -1) - (b.i18 ?? -1),
  coverage: (a, b) => (a.coverage ?? -1) - (b.coverage ?? -1),
  units: (a, b) => a.units - b.units,
};

const PAGE_SIZE = 100;

function pageOf<T>(rows: T[], requested: number): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.isInteger(requested) ? requested : 1));
  const items = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return { items, total: rows.length, page, pageSize: PAGE_SIZE };
}

@ApiExcludeController()
@Controller('agencies')
export class AgenciesPagesController {
  constructor(
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(AgencyDirectory) private readonly directory: AgencyDirectory,
    @Inject(CrosswalkLevelsService) private readonly crosswalkLevels: CrosswalkLevelsService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  @Get()
  @RequirePermission('agency.read')
  async list(@CurrentActor() actor: Actor, @Query() query: Record<string, string>, @Res() res: Response) {
    const period = await this.periods.current(Number(query.year) || undefined);
    let rows = await this.agencies.listVisible(actor, period?.id ?? null);
    if (rows.length === 1 && actor.agencyId) return res.redirect(303, `/agencies/${rows[0].id}`);
    const q = (query.q ?? '').trim().toLowerCase();
    if (q)
      rows = rows.filter(
        (r) => r.name.toLowerCase().includes(q) || r.code.includes(q) || (r.areaCode ?? '').includes(q),
      );
    if (query.kind) rows = rows.filter((r) => r.kind === query.kind);
    // An own key only: `__proto__` or `hasOwnProperty` would find Object's members.
    const sort = Object.hasOwn(SORTS, query.sort ?? '') ? query.sort : 'name';
    rows.sort(SORTS[sort]);
    if (query.dir === 'desc') rows.reverse();
    // Hundreds of agencies nationally: a page at a time keeps the page light to send and to draw.
    const page = pageOf(rows, Number(query.page));
    const lang = requestLang(res);
    // A period on the Pemdi 2026 framework: each agency's stored Indeks Pemdi and predicate.
    const full = period ? await this.periods.byYear(period.year) : null;
    const pemdi =
      full && scoredAsPackage(full)
        ? await packageLevels(this.moduleRef).nationalIndices(full.id, lang)
        : null;
    res.render('pages/agencies', {
      pemdi: pemdi !== null,
      title: translate(lang, 'agencies.title'),
      activeNav: 'agencies',
      period,
      query: { ...query, sort, dir: query.dir === 'desc' ? 'desc' : 'asc' },
      rows: page.items.map((r) => ({
        ...r,
        coveragePct: r.coverage === null ? null : Math.round(r.coverage * 100),
        pemdi: pemdi?.get(r.id) ?? null,
      })),
      page,
      pager: pager(page, { ...query, sort }, '/agencies'),
      sortLinks: Object.keys(SORTS).map((key) => ({
        key,
        dir: sort === key && query.dir !== 'desc' ? 'desc' : 'asc',
      })),
    });
  }

  @Get(':agencyId')
  @RequirePermission('agency.read')
  async dashboard(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Query('year') year: string | undefined,
    @Res() res: Response,
  ) {
    const header = await this.agencies.dashboardHeader(agencyId, Number(year) || null);
    if (!header?.period)
      throw !header
        ? refuse(NotFoundException, 'msg.not_found.agency')
        : refuse(NotFoundException, 'msg.period.none');
    const { agency } = header;
    const lang = requestLang(res);
    // The full period, looked up once: the view, the framework section and the crosswalk read it.
    const period = await this.periods.byYear(header.period.year);
    const view = await this.assessments.view(agencyId, period, lang);
    const names = new Map(header.units.map((u) => [u.id, u]));
    const units = unitRows(view.supported, names);
    const i18 = view.supported.indicators['18'] as unknown as {
      coverage: number;
      unitsInScope: number;
      unitsUsingSpl: number;
    };
    const weights = { 7: this.indicatorWeight(7), 18: this.indicatorWeight(18) };
    const gaps = topGaps(view.supported);
    const records = await this.directory.recordNamesIn(
      agencyId,
      gaps.map((g) => g.message),
      lang,
    );
    const pemdi = scoredAsPackage(period)
      ? ((await packageLevels(this.moduleRef).pageView(agencyId, period, lang)) as PackageSection)
      : null;
    res.render('pages/agency', {
      title: agency.name,
      activeNav: 'agencies',
      agency,
      // The full period: its framework names the period in the header (edition or package).
      period,
      indicators: view.indicators.map((v) => ({
        ...v,
        name: this.indicatorName(v.indicator, lang),
        levelName: translate(lang, `level.${v.supported}`),
        weight: formatNumber(lang, weights[v.indicator as 7 | 18], 0, 2),
        contribution: formatNumber(lang, (v.supported * weights[v.indicator as 7 | 18]) / 100, 0, 3),
      })),
      coveragePct: Math.round(i18.coverage * 100),
      coverageWidth: Math.round(i18.coverage * 300),
      unitsInScope: i18.unitsInScope,
      unitsUsingSpl: i18.unitsUsingSpl,
      units,
      bars: levelBars(units),
      gaps: gaps.map((g) => ({ ...g, message: nameUnits(g.message, records, lang) })),
      factsHash: view.factsHash,
      // A period on the Pemdi 2026 framework: its own section (partials/pemdi-dashboard.hbs).
      pemdi,
      // Last year's levels beside this year's, after a framework change (partial crosswalk-levels).
      crosswalkLevels: await this.crosswalkLevels.compare(agencyId, period, lang, levelsNow(pemdi)),
    });
  }

  /** An indicator's weight in the index, in percent, from the framework data ("1.30" → 1.3). */
  private indicatorWeight(n: number): number {
    for (const d of this.scoring.getFramework().domains)
      for (const a of d.aspects) for (const i of a.indicators) if (i.number === n) return Number(i.weight);
    return 0;
  }

  private indicatorName(n: number, lang: 'id' | 'en'): string {
    for (const d of this.scoring.getFramework().domains)
      for (const a of d.aspects) for (const i of a.indicators) if (i.number === n) return i.name[lang];
    return String(n);
  }
}

/** What the dashboard reads of a package period's section (pemdi/pemdi-page.view.ts). */
interface PackageSection {
  aspects: { indicators: { code: string; claimed: number | null; validated: number | null }[] }[];
}

/** This year's whole level of each package indicator that has one (validated, else claimed), by code. */
function levelsNow(section: PackageSection | null): Map<string, number> {
  const levels = new Map<string, number>();
  for (const i of section?.aspects.flatMap((a) => a.indicators) ?? []) {
    const level = i.validated ?? i.claimed;
    if (level !== null) levels.set(i.code, level);
  }
  return levels;
}
