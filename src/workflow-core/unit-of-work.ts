import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { refuse } from '../i18n/refusal';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditEvent, AuditService } from '../audit/audit.service';
import { ChangeLogService } from '../changes/change-log.service';
import { Change } from '../changes/change.entity';
import { AgencyRecompute } from '../levels/agency-recompute';
import type { ScoredPeriod } from '../levels/batch-scoring';
import { NationalRecompute } from '../levels/national-recompute';
import { EvidenceStatusRow, evidenceStatusWriter } from './evidence-status.port';
import { LockContext, WorkflowLock } from './workflow-lock';
import { WorkflowAction } from './stage-rules';
import { LockedEvidence, PeriodState, WorkflowStateRepository } from './workflow-state.repository';

export interface ChangeEntry {
  entityType: string;
  entityId: string;
  action: Change['action'];
  before?: object | null;
  after?: object | null;
}
export type LogChange = (entry: ChangeEntry) => Promise<void>;

/** An audit entry of the write; who and which agency are filled in. */
export type AuditEntryOf = Omit<AuditEvent, 'actorId' | 'agencyId'>;

/** What a write of one agency's data may do inside its unit of work (see {@link UnitOfWork.write}). */
export interface AgencyWrite {
  readonly m: EntityManager;
  readonly actor: Actor | null;
  readonly agencyId: string;
  /** Records a change in the agency's history. */
  log: LogChange;
  audit(event: AuditEntryOf): Promise<void>;
  /**
   * Agency data that has no period (units, applications, hub data...): refused while any open
   * period locks it; every open period is recomputed at the end.
   */
  agencyData(): Promise<void>;
  /** The stage table's check of an action in one period; that period is recomputed at the end. */
  allow(action: WorkflowAction, ctx: Omit<LockContext, 'agencyId' | 'actor'>): Promise<PeriodState>;
  /**
   * The same check for a write that changes no fact of the period (claims, a submission, a
   * validation): nothing is recomputed for it.
   */
  allowNoFacts(action: WorkflowAction, ctx: Omit<LockContext, 'agencyId' | 'actor'>): Promise<PeriodState>;
  /** Locks an evidence item with its period's state, for {@link judge}; null when the agency has none. */
  lockEvidence(evidenceId: string): Promise<LockedEvidence | null>;
  /** The stage table's check on a locked item; its period is recomputed at the end. */
  judge(action: WorkflowAction, locked: LockedEvidence): void;
  /** Sets an item's status (its version moves on); its period is recomputed at the end. */
  setEvidenceStatus(
    item: { id: string; periodId: string },
    status: string,
    reason: string | null,
  ): Promise<EvidenceStatusRow>;
  /** The write changed facts of every open period (links to agency data without a period). */
  touchOpenPeriods(): void;
  /** A period whose facts the write changed without a check of its own (checked through {@link allow} before). */
  touch(period: ScoredPeriod | { periodId: string }): void;
}

/** What a change of a period's settings or stage may do (see {@link UnitOfWork.national}). */
export interface NationalWrite {
  readonly m: EntityManager;
  log: (entry: ChangeEntry) => Promise<void>;
  audit(event: AuditEntryOf): Promise<void>;
  /** The change alters every agency's levels of the period: stored again at the end, in this transaction. */
  touch(period: ScoredPeriod): void;
}

/** The periods a write touched, and the status moves that may take the short way. */
class Touched {
  all = false;
  readonly periods = new Map<
    string,
    { period?: ScoredPeriod; full: boolean; statuses: [string, string][] }
  >();

  add(periodId: string, period?: ScoredPeriod, status?: [string, string]): void {
    const entry = this.periods.get(periodId) ?? { full: false, statuses: [] };
    entry.period ??= period;
    if (status) entry.statuses.push(status);
    else entry.full = true;
    this.periods.set(periodId, entry);
  }
}

/**
 * The one way agency data changes: one transaction that takes the workflow lock (the stage
 * table's check for the write), writes, records the change and its audit entry, and recomputes
 * the agency's stored levels of exactly the periods the write touched. Nothing else calls the
 * per-change recompute, writes the change log or takes the lock (test/e2e/write-path.test.ts).
 * The write must use only the given manager.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(AuditService) private readonly audits: AuditService,
    @Inject(AgencyRecompute) private readonly recompute: AgencyRecompute,
    @Inject(NationalRecompute) private readonly nationalRecompute: NationalRecompute,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /** A write of one agency's data; `work` takes the lock through `allow`, `judge` or `agencyData`. */
  write<T>(actor: Actor | null, agencyId: string, work: (w: AgencyWrite) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const touched = new Touched();
      const w = this.context(m, actor, agencyId, touched);
      const result = await work(w);
      await this.storeLevels(m, agencyId, touched);
      return result;
    });
  }

  /**
   * A write of agency data that has no period (units, applications, SPL, policies, reviews...):
   * refused while locked, every open period recomputed. A unique index hit answers 409.
   */
  async run<T>(
    actor: Actor,
    agencyId: string,
    work: (m: EntityManager, log: LogChange) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.write(actor, agencyId, async (w) => {
        await w.agencyData();
        return work(w.m, w.log);
      });
    } catch (error) {
      // A concurrent insert can still hit a unique index after the service's own check.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw refuse(ConflictException, 'msg.data.duplicate');
      }
      throw error;
    }
  }

  /**
   * The stage table's check before a write begins (no lock is held): refuses early, before
   * uploaded files move, what the write's own check would refuse.
   */
  check(actor: Actor | null, action: WorkflowAction, ctx: Omit<LockContext, 'actor'>): Promise<PeriodState> {
    return this.lock.assertAllowed(undefined, action, { ...ctx, actor: actor ?? undefined });
  }

  /** A change of a period's settings or stage, which recomputes every agency's levels of it. */
  national<T>(actor: Actor, work: (w: NationalWrite) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const touched = new Map<string, ScoredPeriod>();
      const result = await work({
        m,
        log: (entry) => this.changes.record(m, actor, { ...entry, agencyId: null }),
        audit: (event) => this.audits.record({ ...event, actorId: actor.userId }, m).then(() => undefined),
        touch: (period) => void touched.set(period.id, period),
      });
      const ids = touched.size ? await this.state.agencyIds(m) : [];
      for (const period of ids.length ? touched.values() : [])
        await this.nationalRecompute.recompute(ids, m, period);
      return result;
    });
  }

  private context(m: EntityManager, actor: Actor | null, agencyId: string, touched: Touched): AgencyWrite {
    return {
      m,
      actor,
      agencyId,
      log: (entry) => this.changes.record(m, actor, { ...entry, agencyId }),
      audit: async (event) => {
        await this.audits.record(
          { actorName: actor?.username ?? null, ...event, actorId: actor?.userId ?? null, agencyId },
          m,
        );
      },
      agencyData: async () => {
        await this.lock.assertAgencyEditable(agencyId, m);
        touched.all = true;
      },
      allow: async (action, ctx) => {
        const state = await this.lock.assertAllowed(m, action, {
          ...ctx,
          agencyId,
          actor: actor ?? undefined,
        });
        touched.add(ctx.periodId);
        return state;
      },
      allowNoFacts: (action, ctx) =>
        this.lock.assertAllowed(m, action, { ...ctx, agencyId, actor: actor ?? undefined }),
      lockEvidence: (evidenceId) => this.lock.lockEvidence(m, agencyId, evidenceId),
      judge: (action, locked) => {
        this.lock.judge(action, locked.state, {
          agencyId,
          evidence: locked.evidence,
          actor: actor ?? undefined,
        });
        touched.periods.set(locked.period.id, {
          full: false,
          statuses: [],
          ...touched.periods.get(locked.period.id),
          period: locked.period,
        });
      },
      setEvidenceStatus: async (item, status, reason) => {
        const updated = await evidenceStatusWriter(this.moduleRef).setStatus(m, item.id, status, reason);
        touched.add(item.periodId, undefined, [item.id, status]);
        return updated;
      },
      touchOpenPeriods: () => {
        touched.all = true;
      },
      touch: (period) => {
        if ('periodId' in period) touched.add(period.periodId);
        else touched.add(period.id, period);
      },
    };
  }

  /**
   * Only the periods touched: a single status move whose period is known takes the short way
   * (the facts in memory, changed by that status); anything else rebuilds the period's facts.
   */
  private async storeLevels(m: EntityManager, agencyId: string, touched: Touched): Promise<void> {
    const full: ScoredPeriod[] = touched.all ? await this.recompute.periods(m) : [];
    for (const [periodId, entry] of touched.all ? [] : touched.periods) {
      if (!entry.full && entry.statuses.length === 0) continue;
      if (!entry.full && entry.statuses.length === 1 && entry.period) {
        const [evidenceId, status] = entry.statuses[0];
        if (await this.recompute.evidenceStatus(m, agencyId, entry.period, evidenceId, status)) continue;
      }
      full.push(...(entry.period ? [entry.period] : await this.recompute.periods(m, { periodId })));
    }
    if (full.length) await this.recompute.recompute(m, agencyId, full);
  }
}
