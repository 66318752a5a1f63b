import { assertVersion } from '../database/optimistic-version';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { formatHundredths } from '../framework/decimal';
import { packageHash } from '../framework/framework-package';
import { dateInWords } from '../i18n/dates';
import { translate } from '../i18n/i18n';
import { localDecimal } from '../i18n/numbers';
import { packageAspects, aspectIndicators, type IndicatorView } from '../framework/framework-package.view';
import type { FrameworkPackage, PackageSourcedText } from '../framework/framework-package.zod';
import { scoredAsPackage } from '../framework/framework.registry';
import type { Text } from '../framework/framework.schema';
import { FrameworkPackagesService } from '../framework-packages/framework-packages.service';
import { refuse } from '../i18n/refusal';
import { LevelsReader } from '../levels/levels-reader';
import type { Period } from '../periods/period.entity';
import type { PartialIndex } from '../scoring/framework-index';
import { engineIndicators, scorePackageIndicator } from '../scoring/package-criteria';
import { ScoringService } from '../scoring/scoring.service';
import type { PackageLevelsPort, PackageReviewRow } from '../workflow-core/package-levels.port';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { pemdiPageView, type PemdiPageView } from './pemdi-page.view';
import { indexOfLevels, levelsInForce, type LevelInForce } from './pemdi-levels';
import type { ExternalValueDto } from './pemdi.dto';
import { PemdiRepository, type ExternalValueRow } from './pemdi.repository';
import { AssessmentRepository, type ClaimRow } from '../assessments/assessment.repository';

export interface ProvisionalNote {
  readonly source: Text;
  readonly form: string;
}

export interface PemdiIndicatorRow {
  readonly code: string;
  readonly aspect: string;
  readonly name: Text;
  /** The weight as written in the package, e.g. "4". */
  readonly weight: string;
  readonly mode: IndicatorView['mode'];
  readonly claimed: number | null;
  readonly validated: number | null;
  readonly validationNote: string | null;
  readonly justification: string;
  readonly status: string;
  readonly version: number | null;
  readonly evidenceIds: string[];
  /** Engine levels of an indicator assessed by the criteria (I16). */
  readonly supported: number | null;
  readonly verified: number | null;
  readonly criteria: { level: number; met: boolean; codes: string[]; text: Text | null }[] | null;
  readonly external: ExternalValueRow | null;
  readonly externalText: PackageSourcedText | null;
  readonly level: LevelInForce;
  /** "3" or "3.25", null without a level. */
  readonly levelDisplay: string | null;
  /** Set when the indicator's texts or criteria are provisional: where they come from. */
  readonly provisional: ProvisionalNote | null;
}

export interface PemdiAspectRow {
  readonly code: string;
  readonly name: Text;
  readonly weight: string;
  readonly display: string | null;
  readonly indicators: PemdiIndicatorRow[];
}

export interface PemdiView {
  readonly year: number;
  readonly framework: { id: string; version: string; title: Text; hash: string };
  readonly aspects: PemdiAspectRow[];
  readonly index: PartialIndex;
  readonly bands: { min: string; name: Text }[];
  readonly frozen: boolean;
}

/**
 * A period on a framework package other than SPBE 2020 (Pemdi 2026): the levels of its indicators
 * (claimed and validated, scored by the criteria engine, or entered from another index), and the
 * package's index and predicate over them, stored with the levels on every change.
 */
@Injectable()
export class PemdiService implements PackageLevelsPort {
  constructor(
    @Inject(PemdiRepository) private readonly repo: PemdiRepository,
    @Inject(FrameworkPackagesService) private readonly frameworks: FrameworkPackagesService,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(AssessmentRepository) private readonly assessments: AssessmentRepository,
  ) {}

  /** The period's package; `m` inside a transaction (the embedded database has one connection). */
  async packageOf(period: Period, m?: EntityManager): Promise<{ pkg: FrameworkPackage; hash: string }> {
    const pkg = await this.frameworks.forPeriod(period.frameworkVersion, period.frameworkPackageVersion, m);
    return { pkg, hash: packageHash(pkg) };
  }

  async view(agencyId: string, period: Period): Promise<PemdiView> {
    const { pkg, hash } = await this.packageOf(period);
    const [claims, externals, frozen] = await Promise.all([
      this.assessments.claimRows(agencyId, period.id),
      this.repo.externalValues(agencyId, period.id),
      this.repo.frozenIndex(agencyId, period.id),
    ]);
    const engine = await this.engineLevels(agencyId, period, pkg);
    const levels = levelsInForce(pkg, claims, externals);
    const index = indexOfLevels(pkg, levels);
    const aspects = packageAspects(pkg).map(({ aspect }) => ({
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight ?? '',
      display: index.aspects[aspect.code]?.display ?? null,
      indicators: aspectIndicators(aspect).map((v) => row(pkg, v, claims, externals, levels[v.code], engine)),
    }));
    return {
      year: period.year,
      framework: { id: pkg.id, version: pkg.version, title: pkg.title, hash },
      aspects,
      index,
      bands: pkg.predicates.map((p) => ({ min: p.min, name: p.name })),
      frozen: frozen !== null,
    };
  }

  async pageView(agencyId: string, period: Period, lang: 'id' | 'en'): Promise<PemdiPageView> {
    return pemdiPageView(await this.view(agencyId, period), lang);
  }

  /** One indicator of the dashboard's section with the titles of the evidence its claim rests on. */
  async indicatorPage(agencyId: string, period: Period, code: string, lang: 'id' | 'en') {
    const page = await this.pageView(agencyId, period, lang);
    const aspect = page.aspects.find((a) => a.indicators.some((i) => i.code === code));
    const indicator = aspect?.indicators.find((i) => i.code === code);
    if (!aspect || !indicator) return null;
    const claim = (await this.assessments.claimRows(agencyId, period.id)).find(
      (c) => `I${c.indicator}` === code,
    );
    const [titles, items] = await Promise.all([
      this.repo.evidenceTitles(claim?.evidenceIds ?? []),
      this.repo.periodEvidence(agencyId, period.id),
    ]);
    const evidence = (claim?.evidenceIds ?? []).map((id) => {
      const found = titles.get(id) ?? { title: id, status: '' };
      return { id, ...found, statusLabel: found.status ? translate(lang, `status.${found.status}`) : '' };
    });
    return {
      page,
      aspect: { code: aspect.code, label: aspect.label, name: aspect.name },
      indicator,
      evidence,
      justification: claim?.justification ?? '',
      claimVersion: claim && claim.claimedLevel > 0 ? claim.version : null,
      /** The agency's items of the period, for the claim's evidence picker (titles in order). */
      items: items.map((e) => ({
        id: e.id,
        title: e.title,
        status: e.status,
        meta: translate(lang, 'pemdi.claim.evidenceMeta', {
          kind: translate(lang, `kind.${e.kind}`),
          date: dateInWords(lang, e.documentDate),
          status: translate(lang, `status.${e.status}`),
        }),
      })),
    };
  }

  /** I16 and any other indicator the package gives criteria for, both bases, from the live facts. */
  private async engineLevels(agencyId: string, period: Period, pkg: FrameworkPackage): Promise<EngineLevels> {
    const codes = engineIndicators(pkg);
    if (!codes.length) return new Map();
    const facts = await this.levels.facts(agencyId, period);
    const framework = this.scoring.getFramework();
    return new Map(
      codes.map((code) => {
        const supported = scorePackageIndicator(facts, pkg, code, framework, 'supported');
        const verified = scorePackageIndicator(facts, pkg, code, framework, 'verified');
        return [code, { supported: supported.level, verified: verified.level, criteria: supported.criteria }];
      }),
    );
  }

  /** The agency's claim of an indicator entered as a level (or assessed by evidence), with its evidence. */
  async claim(
    actor: Actor,
    agencyId: string,
    period: Period,
    indicator: number,
    dto: { claimedLevel: number; justification: string; version?: number; evidenceIds?: string[] },
  ): Promise<void> {
    const { pkg, hash } = await this.packageOf(period);
    const view = assessedIndicator(pkg, indicator);
    const { min, max } = levelRange(pkg);
    if (dto.claimedLevel < min || dto.claimedLevel > max)
      throw refuse(BadRequestException, 'msg.pemdi.level_range', { field: 'claimedLevel', min, max });
    const wanted = [...new Set(dto.evidenceIds ?? [])];
    if (!wanted.length)
      throw refuse(BadRequestException, 'msg.pemdi.evidence_required', { field: 'evidenceIds' });
    // A claim is no fact the engine scores: nothing is recomputed, the index is stored below.
    await this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      await this.assessments.lock(m, agencyId, period.id, indicator);
      const existing = (await this.assessments.claimRows(agencyId, period.id, m)).find(
        (c) => c.indicator === indicator,
      );
      if (existing) assertVersion(existing.version, dto.version);
      if (existing && existing.status !== 'draft')
        throw refuse(ConflictException, 'msg.assessment.claim_after_submission');
      await w.allowNoFacts('assessment.claim', { periodId: period.id });
      const found = await this.repo.evidenceOf(m, agencyId, period.id, wanted);
      if (found.length !== wanted.length)
        throw refuse(BadRequestException, 'msg.validation.evidence_ids', { field: 'evidenceIds' });
      const saved = await this.assessments.saveClaim(
        m,
        { agencyId, periodId: period.id, indicator },
        {
          claimedLevel: dto.claimedLevel,
          justification: dto.justification.trim(),
          evidenceIds: found.sort(),
        },
      );
      await w.log({
        entityType: 'assessment',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before: existing ?? null,
        after: saved,
      });
      await w.audit({
        action: 'assessment.claimed',
        actorName: actor.username,
        subjectType: 'assessment',
        subjectId: saved.id,
        detail: {
          year: period.year,
          framework: pkg.id,
          indicator: view.code,
          claimed: dto.claimedLevel,
          evidence: found,
        },
      });
      await this.storeIndex(m, agencyId, period, pkg, hash);
    });
  }

  async predicateBands(period: Period): Promise<{ min: string; name: Text }[]> {
    const { pkg } = await this.packageOf(period);
    return pkg.predicates.map((p) => ({ min: p.min, name: p.name }));
  }

  async claimable(period: Period, m?: EntityManager): Promise<number[]> {
    const { pkg } = await this.packageOf(period, m);
    return aspectViews(pkg)
      .filter((v) => v.mode !== 'external')
      .map((v) => Number(v.code.slice(1)));
  }

  /** The indicators an evaluator validates (not the externally scored ones), with claim and validation. */
  async reviewRows(agencyId: string, period: Period, lang: 'id' | 'en'): Promise<PackageReviewRow[]> {
    const view = await this.view(agencyId, period);
    return view.aspects
      .flatMap((a) => a.indicators)
      .filter((i) => i.mode !== 'external')
      .map((i) => ({
        indicator: Number(i.code.slice(1)),
        code: i.code,
        name: i.name[lang],
        claimed: i.claimed,
        validated: i.validated,
        validationNote: i.validationNote,
        version: i.version,
      }));
  }

  /** Checks an evaluator's validated level against the package (the caller writes it). */
  async checkValidation(period: Period, indicator: number, level: number): Promise<void> {
    const { pkg } = await this.packageOf(period);
    assessedIndicator(pkg, indicator);
    const { min, max } = levelRange(pkg);
    if (level < min || level > max)
      throw refuse(BadRequestException, 'msg.pemdi.level_range', { field: 'validatedLevel', min, max });
  }

  /** An administrator's value of an externally scored indicator, with its source and date. */
  async setExternal(
    actor: Actor,
    agencyId: string,
    period: Period,
    indicator: number,
    dto: ExternalValueDto,
  ): Promise<ExternalValueRow> {
    const { pkg, hash } = await this.packageOf(period);
    const views = aspectViews(pkg).filter((v) => v.mode === 'external');
    const view = views.find((v) => v.code === `I${indicator}`);
    if (!view)
      throw refuse(BadRequestException, 'msg.pemdi.not_external', {
        field: 'indicator',
        indicator,
        codes: views.map((v) => v.code).join(', ') || '–',
      });
    const { min, max } = levelRange(pkg);
    if (dto.value < min || dto.value > max)
      throw refuse(BadRequestException, 'msg.pemdi.value_range', { field: 'value', min, max });
    // Not the agency's own data: national values arrive during the review too, so only a freeze locks them.
    // No stage lock is taken and no scored fact changes; the unit of work logs and audits it.
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      if (await this.repo.isFrozen(m, agencyId, period.id))
        throw refuse(ConflictException, 'msg.pemdi.frozen', { year: period.year });
      const existing = await this.repo.lockExternal(m, agencyId, period.id, indicator);
      if (existing) assertVersion(existing.version, dto.version);
      const saved = await this.repo.saveExternal(
        m,
        { agencyId, periodId: period.id, indicator },
        {
          value: dto.value.toFixed(2),
          source: dto.source.trim(),
          sourceUrl: dto.sourceUrl ?? null,
          sourceDate: dto.sourceDate,
          enteredBy: actor.userId,
        },
      );
      await w.log({
        entityType: 'external_indicator_value',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before: existing,
        after: saved,
      });
      await w.audit({
        action: 'external_value.entered',
        actorName: actor.username,
        subjectType: 'external_indicator_value',
        subjectId: saved.id,
        detail: { year: period.year, indicator: view.code, value: saved.value, source: saved.source },
      });
      await this.storeIndex(m, agencyId, period, pkg, hash);
      return saved;
    });
  }

  /** Recomputes and stores the agency's index with the levels it counts (inside the caller's transaction). */
  async storeIndex(
    m: EntityManager,
    agencyId: string,
    period: Period,
    pkg?: FrameworkPackage,
    hash?: string,
  ): Promise<PartialIndex> {
    if (!pkg || !hash) ({ pkg, hash } = await this.packageOf(period, m));
    const levels = levelsInForce(
      pkg,
      await this.assessments.claimRows(agencyId, period.id, m),
      await this.repo.externalValues(agencyId, period.id, m),
    );
    const index = indexOfLevels(pkg, levels);
    await this.repo.storeIndex(m, period.id, {
      agencyId,
      frameworkId: pkg.id,
      frameworkVersion: pkg.version,
      packageHash: hash,
      index: index.display,
      predicate: index.predicate ? JSON.stringify(index.predicate) : null,
      complete: index.complete,
      levels: { levels, missing: index.missing, aspects: index.aspects },
    });
    return index;
  }

  /** What a freeze records: the package hash and the index with its levels. */
  async freezeRecord(
    m: EntityManager,
    agencyId: string,
    period: Period,
  ): Promise<{ packageHash: string; packageIndex: Record<string, unknown> | null }> {
    const { pkg, hash } = await this.packageOf(period, m);
    if (!scoredAsPackage(period)) return { packageHash: hash, packageIndex: null };
    const index = await this.storeIndex(m, agencyId, period, pkg, hash);
    return {
      packageHash: hash,
      packageIndex: {
        framework: pkg.id,
        version: pkg.version,
        index: index.display,
        predicate: index.predicate,
        complete: index.complete,
        missing: index.missing,
        aspects: index.aspects,
      },
    };
  }

  async nationalIndices(periodId: string, lang: 'id' | 'en', agencyIds?: string[]) {
    const stored = await this.repo.storedIndices(periodId, agencyIds ?? null);
    return new Map(
      [...stored].map(([id, row]) => [
        id,
        {
          index:
            row.index === null
              ? null
              : localDecimal(lang, formatHundredths(Math.round(Number(row.index) * 100))),
          predicate: row.predicate ? (JSON.parse(row.predicate) as Text)[lang] : null,
          complete: row.complete,
        },
      ]),
    );
  }

  /** Stored indices of a period (national table, roll-up). */
  storedIndices(periodId: string, agencyIds: string[] | null) {
    return this.repo.storedIndices(periodId, agencyIds);
  }
}

type EngineLevels = Map<
  string,
  {
    supported: number;
    verified: number;
    criteria: readonly { level: number; met: boolean; codes: string[] }[];
  }
>;

function aspectViews(pkg: FrameworkPackage): IndicatorView[] {
  return packageAspects(pkg).flatMap(({ aspect }) => aspectIndicators(aspect));
}

/** The package's indicator `I<n>` that an agency claims (entered as a level or assessed by evidence). */
export function assessedIndicator(pkg: FrameworkPackage, indicator: number): IndicatorView {
  const views = aspectViews(pkg).filter((v) => v.mode !== 'external');
  const view = views.find((v) => v.code === `I${indicator}`);
  if (!view)
    throw refuse(BadRequestException, 'msg.pemdi.not_claimable', {
      field: 'indicator',
      indicator,
      framework: pkg.id,
    });
  return view;
}

function levelRange(pkg: FrameworkPackage): { min: number; max: number } {
  return { min: Math.max(pkg.scale.min, 1), max: pkg.scale.max };
}

function row(
  pkg: FrameworkPackage,
  v: IndicatorView,
  claims: ClaimRow[],
  externals: ExternalValueRow[],
  level: LevelInForce,
  engine: EngineLevels,
): PemdiIndicatorRow {
  const n = Number(v.code.slice(1));
  const claim = claims.find((c) => c.indicator === n);
  const scored = engine.get(v.code);
  const d = v.definition;
  const texts = [d.external, d.evidence, ...(d.levels ?? []).map((l) => l.text)];
  const provisional = texts.find((t) => t?.form === 'provisional');
  return {
    code: v.code,
    aspect: v.aspect,
    name: v.name,
    weight: d.weight,
    mode: v.mode,
    claimed: claim && claim.claimedLevel > 0 ? claim.claimedLevel : null,
    validated: claim?.validatedLevel ?? null,
    validationNote: claim?.validationNote ?? null,
    justification: claim?.justification ?? '',
    status: claim?.status ?? 'draft',
    version: claim?.version ?? null,
    evidenceIds: claim?.evidenceIds ?? [],
    supported: scored?.supported ?? null,
    verified: scored?.verified ?? null,
    criteria: scored
      ? scored.criteria.map((c) => ({ ...c, text: d.levels?.find((l) => l.level === c.level)?.text ?? null }))
      : null,
    external: externals.find((e) => e.indicator === n) ?? null,
    externalText: d.external ?? null,
    level,
    levelDisplay: level.hundredths === null ? null : showLevel(level.hundredths),
    provisional: provisional
      ? {
          source: pkg.sources[provisional.source] ?? { id: provisional.source, en: provisional.source },
          form: provisional.form,
        }
      : null,
  };
}

/** 300 → "3", 325 → "3.25". */
export function showLevel(hundredths: number): string {
  return hundredths % 100 === 0 ? String(hundredths / 100) : (hundredths / 100).toFixed(2);
}
