import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor, agenciesAssignedFor } from '../access/actor';
import { Lang } from '../i18n/i18n';
import type { Period } from '../periods/period.entity';
import { ScoringService } from '../scoring/scoring.service';
import { HUB_SOURCE, HubSource } from '../hub/hub-source';
import { Pdf, createPdf } from '../documents/pdf-document';
import { attachFrame } from '../documents/pdf-frame';
import {
  PemdiCover,
  RollupSummary,
  rollupCover,
  rollupDirectoryTable,
  rollupTable,
  rollupTitle,
} from './rollup.pdf';
import { RollupBasis, RollupCursor, RollupRepository, RollupScope } from './rollup.repository';
import { RollupQuery } from './reports.dto';
import { appText, formatTimestamp, reportText } from './report-text';
import { PeriodLookup } from '../periods/period-lookup';
import { scoredAsPackage } from '../framework/framework.registry';
import { periodWords } from '../framework/period-words';
import { packageLevels } from '../workflow-core/package-levels.port';

const PAGE_SIZE = 200;
const TOP_GAPS = 10;

export type Progress = (done: number, total: number) => void;

/**
 * Who sees which agencies in a roll-up: admins and national leaders (a leader without an agency)
 * all of them; evaluators the agencies assigned to them for the period; anyone else their own
 * agency only.
 */
export function rollupScope(actor: Actor, query: RollupQuery, periodId?: string): RollupScope {
  const national = actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null);
  const agencyIds = national
    ? null
    : actor.role === 'evaluator'
      ? periodId
        ? agenciesAssignedFor(actor, periodId)
        : actor.assignedAgencyIds
      : actor.agencyId
        ? [actor.agencyId]
        : [];
  return { agencyIds, area: query.area, kind: query.kind };
}

/**
 * Streams the roll-up PDF of a period: aggregates first (a few small queries), then the agency
 * table in keyset pages written as they arrive, waiting for the reader between pages, so memory
 * stays flat however many agencies there are; then the SPL directory of the same agencies, in a
 * second pass over the same pages.
 */
@Injectable()
export class RollupService {
  constructor(
    @Inject(RollupRepository) private readonly repo: RollupRepository,
    @Inject(ScoringService) private readonly scoring: ScoringService,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(HUB_SOURCE) private readonly hub: Pick<HubSource, 'directory'>,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  period(year: number): Promise<Period> {
    return this.periods.byYear(year);
  }

  async write(
    actor: Actor,
    period: Period,
    query: RollupQuery,
    lang: Lang,
    out: Writable,
    signal: AbortSignal,
    onProgress: Progress = () => undefined,
  ): Promise<void> {
    const basis: RollupBasis = query.basis ?? 'supported';
    const scope = rollupScope(actor, query, period.id);
    const [total, levelPairs, gaps] = await Promise.all([
      this.repo.count(scope),
      this.repo.levelPairs(period.id, scope, basis),
      this.repo.commonGaps(period.id, scope, basis, TOP_GAPS),
    ]);
    onProgress(0, total);
    const summary: RollupSummary = {
      lang,
      year: period.year,
      stage: period.stage,
      basis,
      scopeLabel: this.scopeLabel(actor, query, lang),
      generatedAt: new Date(),
      agencies: total,
      levelPairs,
      gaps,
      pemdi: scoredAsPackage(period),
      ...(scoredAsPackage(period) ? { pemdiCover: await this.pemdiCover(period, scope, lang) } : {}),
    };
    const doc = this.document(summary);
    doc.pipe(out);
    const indexOf = (levels: Record<number, number>) => this.scoring.computeIndex(levels);
    doc.addPage();
    rollupCover(doc, summary, this.scoring.getFramework(), indexOf);
    doc.addPage();
    const table = rollupTable(doc, summary, indexOf);
    let after: RollupCursor | null = null;
    let n = 0;
    for (;;) {
      signal.throwIfAborted();
      const rows = await this.repo.page(period.id, scope, after, PAGE_SIZE);
      // A Pemdi period: each page's stored Indeks Pemdi and predicate in one query.
      const pemdi = summary.pemdi
        ? await packageLevels(this.moduleRef).nationalIndices(
            period.id,
            lang,
            rows.map((r) => r.id),
          )
        : null;
      for (const row of rows) table.row({ ...row, n: ++n, pemdi: pemdi?.get(row.id) ?? null });
      onProgress(n, total);
      if (rows.length < PAGE_SIZE) break;
      after = { name: rows[rows.length - 1].name, id: rows[rows.length - 1].id };
      if (out.writableNeedDrain) await once(out, 'drain', { signal });
    }
    table.end();
    doc.addPage();
    await this.writeDirectory(doc, summary, period.id, scope, out, signal);
    doc.end();
    await finished(out);
  }

  /** Second pass over the same keyset pages: each page's directory rows in one call. */
  private async writeDirectory(
    doc: Pdf,
    summary: RollupSummary,
    periodId: string,
    scope: RollupScope,
    out: Writable,
    signal: AbortSignal,
  ): Promise<void> {
    const table = rollupDirectoryTable(doc, summary);
    let after: RollupCursor | null = null;
    let n = 0;
    for (;;) {
      signal.throwIfAborted();
      const rows = await this.repo.page(periodId, scope, after, PAGE_SIZE);
      const entries = new Map((await this.hub.directory(rows.map((r) => r.id))).map((e) => [e.agencyId, e]));
      for (const row of rows) {
        const entry = entries.get(row.id);
        n += 1;
        if (entry) table.row({ ...entry, n });
      }
      if (rows.length < PAGE_SIZE) break;
      after = { name: rows[rows.length - 1].name, id: rows[rows.length - 1].id };
      if (out.writableNeedDrain) await once(out, 'drain', { signal });
    }
    table.end();
  }

  /** A package period's cover: its framework in words, its bands and the stored figures of the scope. */
  private async pemdiCover(period: Period, scope: RollupScope, lang: Lang): Promise<PemdiCover> {
    const [bands, figures] = await Promise.all([
      packageLevels(this.moduleRef).predicateBands(period),
      this.repo.packageFigures(period.id, scope),
    ]);
    return { framework: periodWords(period, lang), bands, figures };
  }

  private document(s: RollupSummary) {
    const t = (key: string, vars?: Record<string, unknown>) => reportText(s.lang, key, vars);
    const doc = createPdf({
      title: rollupTitle(s),
      landscape: true,
      bufferPages: false,
    });
    attachFrame(
      doc,
      {
        header: `${rollupTitle(s)} · ${s.scopeLabel}`,
        footer: `${t('generatedAt')} ${formatTimestamp(s.generatedAt)} · ${t('rollup.basis')}: ${appText(s.lang, `values.${s.basis}`)}`,
        draft: s.stage === 'final' ? null : t('draftMark'),
        pageLabel: (page) => t('page', { page }),
      },
      true,
    );
    return doc;
  }

  private scopeLabel(actor: Actor, query: RollupQuery, lang: Lang): string {
    const t = (key: string, vars?: Record<string, unknown>) => reportText(lang, key, vars);
    const scope = rollupScope(actor, {});
    const parts = [
      scope.agencyIds === null
        ? t('rollup.scopeNational')
        : actor.role === 'evaluator'
          ? t('rollup.scopeAssigned')
          : t('rollup.scopeOwn'),
    ];
    if (query.area) parts.push(`${t('areaCode')} ${query.area}`);
    if (query.kind) parts.push(appText(lang, `agencyKind.${query.kind}`));
    return parts.join(' · ');
  }
}
