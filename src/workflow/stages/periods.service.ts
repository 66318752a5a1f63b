import { assertVersion } from '../../database/optimistic-version';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Actor } from '../../access/actor';
import { reviewWindowOf } from '../../framework/review-window';
import type { FrameworkPackage } from '../../framework/framework-package.zod';
import { DEFAULT_FRAMEWORK_ID } from '../../framework/framework.registry';
import { FrameworkPackagesService } from '../../framework-packages/framework-packages.service';
import { FrozenResultsReader } from '../../workflow-core/frozen-results.reader';
import { NationalWrite, UnitOfWork } from '../../workflow-core/unit-of-work';
import { Period } from '../../periods/period.entity';
import { PeriodRepository } from '../../periods/period.repository';
import { CreatePeriodDto, PeriodFields, PeriodView, UpdatePeriodDto } from './periods.dto';
import { refuse } from '../../i18n/refusal';

const STAGE_DATES = [
  'selfAssessmentStart',
  'selfAssessmentEnd',
  'documentReviewEnd',
  'interviewEnd',
  'finalDate',
] as const;

/** Yearly evaluation periods: edition, coverage target, assessment date and stage dates. */
@Injectable()
export class PeriodsService {
  constructor(
    @Inject(PeriodRepository) private readonly periods: PeriodRepository,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(FrozenResultsReader) private readonly frozen: FrozenResultsReader,
    @Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService,
  ) {}

  async list(): Promise<PeriodView[]> {
    return (await this.periods.list()).map(periodView);
  }

  async get(year: number): Promise<PeriodView> {
    const period = await this.periods.findByYear(year);
    if (!period) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
    return periodView(period);
  }

  /** The framework package the period chose (its version, or the one shipped with the build). */
  async framework(year: number): Promise<FrameworkPackage> {
    const period = await this.periods.findByYear(year);
    if (!period) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
    return this.frameworks.forPeriod(period.frameworkVersion, period.frameworkPackageVersion);
  }

  /** The stored framework versions a period may choose, the period's own marked. */
  async frameworkOptions(year: number): Promise<{ value: string; label: string; selected: boolean }[]> {
    const period = await this.periods.findByYear(year);
    const chosen = period ? (await this.framework(year)).version : undefined;
    return (await this.frameworks.list()).map((p) => ({
      value: `${p.id}@${p.version}`,
      label: `${p.title.id} · ${p.id} ${p.version}${p.provisional.length ? ' (sementara / provisional)' : ''}`,
      selected: p.id === period?.frameworkVersion && p.version === chosen,
    }));
  }

  async create(actor: Actor, dto: CreatePeriodDto): Promise<PeriodView> {
    await this.checkFramework(dto, DEFAULT_FRAMEWORK_ID);
    await this.uow.national(actor, async (w) => {
      const m = w.m;
      if (await this.periods.findByYear(dto.year, m))
        throw refuse(ConflictException, 'msg.periods.exists', { year: dto.year });
      const period = this.periods.create(
        { year: dto.year, asOf: dto.asOf, edition: 'B', coverageTarget: '1.000' },
        m,
      );
      apply(period, dto);
      const saved = await this.periods.save(period, m);
      await w.log({ entityType: 'period', entityId: saved.id, action: 'create', after: saved });
      recomputeOpen(w, saved);
    });
    return this.get(dto.year);
  }

  async update(actor: Actor, year: number, dto: UpdatePeriodDto): Promise<PeriodView> {
    const current = await this.periods.findByYear(year);
    if (current) await this.checkFramework(dto, current.frameworkVersion);
    await this.uow.national(actor, async (w) => {
      const m = w.m;
      const locked = await this.periods.lockByYear(year, m);
      if (!locked) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
      assertVersion(locked.version, dto.version);
      const period = (await this.periods.findByYear(year, m))!;
      if (await this.frozen.anyFrozen(period.id, m))
        throw refuse(ConflictException, 'msg.periods.frozen', { year });
      const before = { ...period };
      if (dto.asOf !== undefined) period.asOf = dto.asOf;
      apply(period, dto);
      const saved = await this.periods.save(period, m);
      await w.log({ entityType: 'period', entityId: saved.id, action: 'update', before, after: saved });
      recomputeOpen(w, saved);
    });
    return this.get(year);
  }

  /**
   * A period chooses a stored framework version. Choosing another framework without a version
   * means its shipped version; `current` is the framework the period has now.
   */
  private async checkFramework(dto: PeriodFields, current: string): Promise<void> {
    if (dto.frameworkVersion === undefined && dto.frameworkPackageVersion === undefined) return;
    if (dto.frameworkVersion !== undefined && dto.frameworkPackageVersion === undefined)
      dto.frameworkPackageVersion = null;
    const id = dto.frameworkVersion ?? current;
    const version = dto.frameworkPackageVersion ?? undefined;
    if (await this.frameworks.get(id, version)) return;
    const stored = (await this.frameworks.list()).filter((p) => version === undefined || p.id === id);
    const choices = [...new Set(stored.map((p) => (version === undefined ? p.id : `${p.id} ${p.version}`)))];
    throw refuse(BadRequestException, 'msg.periods.framework_unknown', {
      choices: choices.join(', '),
      wanted: version ? `${id} ${version}` : id,
    });
  }
}

/** Edition, target and review window change every agency's levels for the period. */
function recomputeOpen(w: NationalWrite, period: Period): void {
  if (period.stage !== 'final') w.touch(period);
}

function apply(period: Period, dto: PeriodFields): void {
  if (dto.edition !== undefined) period.edition = dto.edition;
  if (dto.coverageTarget !== undefined) period.coverageTarget = dto.coverageTarget.toFixed(3);
  if (dto.reviewWindowMonths !== undefined) period.reviewWindowMonths = dto.reviewWindowMonths;
  if (dto.frameworkVersion !== undefined) period.frameworkVersion = dto.frameworkVersion;
  if (dto.frameworkPackageVersion !== undefined) period.frameworkPackageVersion = dto.frameworkPackageVersion;
  for (const key of STAGE_DATES) if (dto[key] !== undefined) period[key] = dto[key] ?? null;
  let previous: { key: string; date: string } | null = null;
  for (const key of STAGE_DATES) {
    const date = period[key];
    if (!date) continue;
    if (previous && date < previous.date)
      throw refuse(BadRequestException, 'msg.periods.date_order', {
        field: key,
        previous: previous.key,
        date: previous.date,
      });
    previous = { key, date };
  }
}

export function periodView(p: Period): PeriodView {
  const window = reviewWindowOf(p);
  return {
    id: p.id,
    year: p.year,
    frameworkVersion: p.frameworkVersion,
    frameworkPackageVersion: p.frameworkPackageVersion,
    edition: p.edition,
    coverageTarget: Number(p.coverageTarget).toFixed(3),
    reviewWindowMonths: window.months,
    reviewWindowSource: window.source,
    stage: p.stage,
    asOf: p.asOf,
    selfAssessmentStart: p.selfAssessmentStart,
    selfAssessmentEnd: p.selfAssessmentEnd,
    documentReviewEnd: p.documentReviewEnd,
    interviewEnd: p.interviewEnd,
    finalDate: p.finalDate,
    version: p.version,
  };
}
