import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { nameUnits } from '../agencies/dashboard.view';
import { Lang, translate } from '../i18n/i18n';
import { LevelsReader } from '../levels/levels-reader';
import { ScoringService } from '../scoring/scoring.service';
import { LevelPlan, SplUseResult, UnitResult } from '../scoring/scoring.types';
import { UnitRepository } from '../units/unit.repository';
import { USAGE_TYPES } from '../applications/application.entity';
import { STEPS } from './onboarding.catalogue';
import { OnboardingItemView, RoleView } from './onboarding.dto';
import { OnboardingRolesService } from './onboarding-roles.service';
import { OnboardingService, todayUtc } from './onboarding.service';
import { OnboardingRepository, ProgressRow } from './onboarding.repository';
import { PeriodLookup } from '../periods/period-lookup';
import { refuse } from '../i18n/refusal';

export const ROADMAP_SORTS = ['unit', 'level', 'due', 'owner', 'status'] as const;
export type RoadmapSort = (typeof ROADMAP_SORTS)[number];

/** One thing that stands between a unit (or the agency) and a higher level. */
export interface RoadmapRow {
  kind: 'gap' | 'step' | 'checklist';
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  /** The unit's (or, for agency rows, the indicator's) level now and the level the row leads to. */
  level: number | null;
  targetLevel: number | null;
  what: string;
  applicationId: string | null;
  applicationName: string | null;
  item: string | null;
  status: string | null;
  ownerName: string | null;
  dueOn: string | null;
  overdue: boolean;
}

export interface ProgressPoint {
  month: string;
  applications: number;
  /** Percent of the month's applications by usage type and with each step done. */
  usage: Record<string, number>;
  steps: Record<string, number>;
}

export interface Roadmap {
  agencyId: string;
  year: number;
  computedAt: string;
  indicators: {
    indicator: number;
    name: string;
    level: number;
    nextLevel: number | null;
    missing: string[];
  }[];
  units: {
    unitId: string;
    code: string;
    name: string;
    level: number;
    /** The unit's role in the data services: provider, consumer or both (null: not said). */
    serviceRole: string | null;
    openItems: number;
    /** For levels 3, 4 and 5: reached, or how many gaps and open steps stand before it. */
    toLevel: { level: number; reached: boolean; open: number }[];
  }[];
  /** Who is who: the SPL operator unit, the data steward, the SPLP contact. */
  roles: RoleView[];
  rows: RoadmapRow[];
  progress: ProgressPoint[];
}

const PROGRESS_MONTHS = 12;

/**
 * For every unit, what stands between it and levels 3, 4 and 5: the engine's gaps from the stored
 * levels (supported basis) and the open SPLP steps of its applications; then the agency's own
 * gaps and open checklist items. Reads only; nothing here feeds the levels.
 */
@Injectable()
export class RoadmapService {
  constructor(
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
    @Inject(OnboardingRepository) private readonly repo: OnboardingRepository,
    @Inject(UnitRepository) private readonly unitNames: UnitRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(OnboardingRolesService) private readonly roles: OnboardingRolesService,
  ) {}

  async read(agencyId: string, lang: Lang, sort: RoadmapSort = 'unit', today = todayUtc()): Promise<Roadmap> {
    const period = await this.periods.current();
    if (!period) throw refuse(NotFoundException, 'msg.period.none');
    const [levels, units, steps, checklists, progress, roles] = await Promise.all([
      this.levels.read(agencyId, period.year),
      this.unitNames.names(agencyId),
      this.onboarding.steps(agencyId, undefined, today),
      this.onboarding.checklists(agencyId, today),
      this.repo.progress(agencyId, today, PROGRESS_MONTHS),
      this.roles.read(agencyId),
    ]);
    const appOwner = new Map(roles.applications.map((a) => [a.applicationId, a.userName]));
    const serviceRole = new Map(roles.units.map((u) => [u.unitId, u.serviceRole]));
    const use = levels.supported.indicators['18'] as SplUseResult;
    const unitLevel = new Map<string, UnitResult>(use.units.map((u) => [u.id, u]));
    // Every level judged on its own, from the facts the stored levels were computed from.
    const snapshot = await this.levels.snapshot(agencyId, period);
    const { facts } = await this.levels.factsOf(snapshot, period);
    const plans = this.scoring.levelPlans(facts, 'supported', lang);
    const unitPlans = new Map(plans.units.map((u) => [u.id, u.levels]));
    const rows: RoadmapRow[] = [];
    // The engine's messages name units and applications by id; people read their names.
    const names = new Map<string, { name: string }>([
      ...units.map((u) => [u.id, u] as const),
      ...steps.map((a) => [a.applicationId, { name: a.name }] as const),
    ]);
    for (const unit of units) {
      const result = unitLevel.get(unit.id);
      if (!result) continue;
      const base = { unitId: unit.id, unitCode: unit.code, unitName: unit.name, level: result.level };
      for (const plan of levelsAbove(unitPlans.get(unit.id) ?? [], result.level))
        for (const gap of plan.missing)
          rows.push(
            row({ ...base, kind: 'gap', targetLevel: plan.level, what: nameUnits(gap.message, names, lang) }),
          );
      for (const app of steps.filter((a) => a.unitId === unit.id))
        for (const step of app.steps.filter((s) => s.status !== 'done'))
          rows.push(
            row({
              ...base,
              ...itemCells(step),
              // A step without its own owner is the application's responsible person's.
              ownerName: step.ownerName ?? appOwner.get(app.applicationId) ?? null,
              kind: 'step',
              targetLevel: Math.max(3, Math.min(5, result.level + 1)),
              what: `${translate(lang, `onboarding.item.${step.item}`)} – ${app.name}`,
              applicationId: app.applicationId,
              applicationName: app.name,
            }),
          );
    }
    const indicators = (['7', '18'] as const).map((n) => {
      const r = levels.supported.indicators[n];
      return {
        indicator: Number(n),
        name: r.name,
        level: r.level,
        nextLevel: r.next?.level ?? null,
        missing: r.next?.missing.map((m) => nameUnits(m.message, names, lang)) ?? [],
      };
    });
    for (const i of indicators)
      for (const plan of levelsAbove(plans.indicators[String(i.indicator)] ?? [], i.level))
        if (plan.level >= 3)
          for (const gap of plan.missing)
            rows.push(
              row({
                kind: 'gap',
                level: i.level,
                targetLevel: plan.level,
                what: `${i.indicator}: ${nameUnits(gap.message, names, lang)}`,
              }),
            );
    for (const list of checklists)
      for (const item of list.items.filter((i) => i.status !== 'done'))
        rows.push(
          row({
            ...itemCells(item),
            kind: 'checklist',
            what: `${translate(lang, `onboarding.checklist.${list.key}`)}: ${translate(lang, `onboarding.item.${item.item}`)}`,
          }),
        );
    return {
      agencyId,
      year: period.year,
      computedAt: levels.computedAt,
      indicators,
      units: units
        .filter((u) => unitLevel.has(u.id))
        .map((u) => ({
          unitId: u.id,
          code: u.code,
          name: u.name,
          level: unitLevel.get(u.id)!.level,
          serviceRole: serviceRole.get(u.id) ?? null,
          openItems: rows.filter((r) => r.unitId === u.id).length,
          toLevel: [3, 4, 5].map((level) => ({
            level,
            reached: unitLevel.get(u.id)!.level >= level,
            open: rows.filter((r) => r.unitId === u.id && r.targetLevel !== null && r.targetLevel <= level)
              .length,
          })),
        })),
      roles: roles.agency,
      rows: sortRows(rows, sort),
      progress: progressPoints(progress),
    };
  }
}

/** Counts per month as percent of the month's applications. */
export function progressPoints(rows: ProgressRow[]): ProgressPoint[] {
  return rows.map((p) => ({
    month: p.month,
    applications: p.applications,
    usage: shares(p.byUsage, USAGE_TYPES, p.applications),
    steps: shares(p.byStep, STEPS, p.applications),
  }));
}

/** The levels above `level` that are not met on their own: what still stands before each. */
function levelsAbove(plans: readonly LevelPlan[], level: number): readonly LevelPlan[] {
  return plans.filter((p) => p.level > level && !p.met);
}

function row(cells: Partial<RoadmapRow> & Pick<RoadmapRow, 'kind' | 'what'>): RoadmapRow {
  return {
    unitId: null,
    unitCode: null,
    unitName: null,
    level: null,
    targetLevel: null,
    applicationId: null,
    applicationName: null,
    item: null,
    status: null,
    ownerName: null,
    dueOn: null,
    overdue: false,
    ...cells,
  };
}

function itemCells(item: OnboardingItemView): Partial<RoadmapRow> {
  return {
    item: item.item,
    status: item.status,
    ownerName: item.ownerName,
    dueOn: item.dueOn,
    overdue: item.overdue,
  };
}

function shares(counts: Record<string, number>, keys: readonly string[], total: number) {
  return Object.fromEntries(
    keys.map((k) => [k, total ? Math.round(((counts[k] ?? 0) * 1000) / total) / 10 : 0]),
  );
}

const KIND_ORDER = { gap: 0, step: 1, checklist: 2 };
const STATUS_ORDER: Record<string, number> = { not_started: 0, in_progress: 1, done: 2 };

/** Sorted by the chosen column; empty values last, then unit, kind and text so the order is stable. */
export function sortRows(rows: RoadmapRow[], sort: RoadmapSort): RoadmapRow[] {
  const text = (v: string | null) => v ?? '\uffff';
  const key = (r: RoadmapRow): string | number => {
    switch (sort) {
      case 'unit':
        return text(r.unitCode);
      case 'level':
        return r.targetLevel ?? 9;
      case 'due':
        return text(r.dueOn);
      case 'owner':
        return text(r.ownerName);
      case 'status':
        return r.status ? STATUS_ORDER[r.status] : 9;
    }
  };
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return (
      text(a.unitCode).localeCompare(text(b.unitCode)) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.what.localeCompare(b.what)
    );
  });
}
