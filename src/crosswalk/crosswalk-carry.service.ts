import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Actor } from '../access/actor';
import { CarryResult, EvidenceFilesService } from '../evidence/evidence-files.service';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { FrameworkPackagesService } from '../framework-packages/framework-packages.service';
import { Crosswalk, Retag, chosenIndicators, codeOf, crosswalkFrom, retag } from '../framework/crosswalk';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { packageIndicators } from '../framework/framework-package.view';
import type { Text } from '../framework/framework.schema';
import { refuse } from '../i18n/refusal';
import { Period } from '../periods/period.entity';
import { PeriodLookup } from '../periods/period-lookup';
import { CrosswalkCommitDto } from './crosswalk.dto';

/** An indicator as the preview names it: its code and its name in both languages. */
export interface IndicatorRef {
  code: string;
  name: Text;
}

/** One item of the earlier period and what its copy will support. */
export interface CrosswalkPreviewItem {
  evidenceId: string;
  version: number;
  title: string;
  kind: string;
  status: string;
  documentDate: string;
  /** The indicators it supports in the earlier period. */
  from: IndicatorRef[];
  /** The indicators its copy supports unless the coordinator chooses otherwise. */
  to: IndicatorRef[];
  /** Related indicators the coordinator may add; not chosen by default. */
  related: IndicatorRef[];
  /** Its indicators that the crosswalk does not map; an item with no mapped one cannot be carried. */
  unmapped: IndicatorRef[];
  /** A copy of it is in the target period already (carrying it again makes a second copy). */
  carriedAlready: boolean;
}

export interface CrosswalkPreview {
  fromYear: number;
  toYear: number;
  from: { framework: string; version: string };
  to: { framework: string; version: string };
  /** The crosswalk the package of the target period declares from the earlier framework. */
  mappings: {
    from: IndicatorRef;
    to: IndicatorRef;
    related: IndicatorRef[];
    note: Text;
    provisional: boolean;
  }[];
  items: CrosswalkPreviewItem[];
}

interface Plan {
  from: Period;
  to: Period;
  preview: CrosswalkPreview;
  plans: Map<string, Retag>;
  sources: Map<string, Evidence>;
}

/**
 * Carrying an agency's evidence from a period of one framework into a period of its successor:
 * the preview lists each item with the indicators its copy will support by the crosswalk; the
 * commit carries the confirmed items through the carry-forward (one transaction, stage lock,
 * version check, change log, audit, recompute).
 */
@Injectable()
export class CrosswalkCarryService {
  constructor(
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(FrameworkPackagesService) private readonly packages: FrameworkPackagesService,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    @Inject(EvidenceFilesService) private readonly files: EvidenceFilesService,
  ) {}

  /** What a carry-over from `fromYear` (default the year before) into `toYear` would write; writes nothing. */
  async preview(agencyId: string, toYear: number, fromYear?: number): Promise<CrosswalkPreview> {
    return (await this.plan(agencyId, toYear, fromYear)).preview;
  }

  /** The id of the period of `year` (404 when there is none). */
  async periodId(year: number): Promise<string> {
    return (await this.periods.byYear(year)).id;
  }

  /** Carries the confirmed items; a refusal of any of them writes nothing. */
  async commit(
    actor: Actor,
    agencyId: string,
    toYear: number,
    dto: CrosswalkCommitDto,
  ): Promise<{
    fromYear: number;
    toYear: number;
    copied: number;
    items: { sourceId: string; evidenceId: string; indicators: string[] }[];
  }> {
    const { from, to, plans, sources } = await this.plan(agencyId, toYear, dto.fromYear);
    const ids = dto.items.map((i) => i.evidenceId);
    if (new Set(ids).size !== ids.length) throw refuse(BadRequestException, 'msg.crosswalk.item_twice');
    const indicators = new Map<string, number[]>();
    const versions = new Map<string, number>();
    for (const item of dto.items) {
      const plan = plans.get(item.evidenceId);
      // Checked again in the transaction; an item of another period or agency is not found.
      if (!plan) throw refuse(NotFoundException, 'msg.evidence.not_of_period');
      const title = sources.get(item.evidenceId)!.title;
      if (!plan.to.length) throw refuse(BadRequestException, 'msg.crosswalk.unmapped', { title });
      const chosen = chosenIndicators(plan, item.indicators);
      if (!chosen)
        throw refuse(BadRequestException, 'msg.crosswalk.not_offered', {
          title,
          offered: [...plan.to, ...plan.related].join(', '),
        });
      indicators.set(item.evidenceId, chosen);
      versions.set(item.evidenceId, item.version);
    }
    const result: CarryResult = await this.files.carryForward(actor, agencyId, from, to, ids, {
      indicators,
      versions,
      audit: {
        action: 'evidence.crosswalk_carried',
        actorId: actor.userId,
        actorName: actor.username,
        subjectType: 'period',
        subjectId: to.id,
        detail: {
          fromYear: from.year,
          toYear: to.year,
          fromFramework: from.frameworkVersion,
          toFramework: to.frameworkVersion,
        },
      },
    });
    return {
      fromYear: from.year,
      toYear: to.year,
      copied: result.copied,
      items: result.items.map((i) => ({ ...i, indicators: i.indicators.map(codeOf) })),
    };
  }

  private async plan(agencyId: string, toYear: number, fromYear?: number): Promise<Plan> {
    const to = await this.periods.byYear(toYear);
    const from = await this.periods.byYear(fromYear ?? toYear - 1);
    if (from.year >= to.year) throw refuse(ConflictException, 'msg.evidence.carry_earlier');
    if (from.frameworkVersion === to.frameworkVersion)
      throw refuse(ConflictException, 'msg.crosswalk.same_framework', { from: from.year, to: to.year });
    const toPkg = await this.packages.forPeriod(to.frameworkVersion, to.frameworkPackageVersion);
    const fromPkg = await this.packages.forPeriod(from.frameworkVersion, from.frameworkPackageVersion);
    const crosswalk = crosswalkFrom(toPkg, fromPkg.id, fromPkg.version);
    if (!crosswalk.size)
      throw refuse(ConflictException, 'msg.crosswalk.none', {
        from: from.year,
        to: to.year,
        framework: fromPkg.id,
      });
    const items = await this.evidence.itemsOfPeriod(agencyId, from.id);
    const carried = await this.evidence.carriedFrom(
      agencyId,
      to.id,
      items.map((i) => i.id),
    );
    const fromNames = names(fromPkg);
    const toNames = names(toPkg);
    const plans = new Map(items.map((i) => [i.id, retag(i.indicators, crosswalk)]));
    const preview: CrosswalkPreview = {
      fromYear: from.year,
      toYear: to.year,
      from: { framework: fromPkg.id, version: fromPkg.version },
      to: { framework: toPkg.id, version: toPkg.version },
      mappings: mappings(crosswalk, fromNames, toNames),
      items: items.map((item) => {
        const plan = plans.get(item.id)!;
        return {
          evidenceId: item.id,
          version: item.version,
          title: item.title,
          kind: item.kind,
          status: item.status,
          documentDate: item.documentDate,
          from: plan.from.map(fromNames),
          to: plan.to.map(toNames),
          related: plan.related.map(toNames),
          unmapped: plan.unmapped.map(fromNames),
          carriedAlready: carried.has(item.id),
        };
      }),
    };
    return { from, to, preview, plans, sources: new Map(items.map((i) => [i.id, i])) };
  }
}

/** Names the indicators of a package by code (a code it lacks keeps the code as its name). */
function names(pkg: FrameworkPackage): (code: string) => IndicatorRef {
  const byCode = new Map(packageIndicators(pkg).map((i) => [i.code, i.name]));
  return (code) => ({ code, name: byCode.get(code) ?? { id: code, en: code } });
}

function mappings(
  crosswalk: Crosswalk,
  fromNames: (code: string) => IndicatorRef,
  toNames: (code: string) => IndicatorRef,
): CrosswalkPreview['mappings'] {
  return [...crosswalk].map(([from, target]) => ({
    from: fromNames(from),
    to: toNames(target.to),
    related: target.related.map(toNames),
    note: { id: target.note.id, en: target.note.en },
    provisional: target.note.form === 'provisional',
  }));
}
