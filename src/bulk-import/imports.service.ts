import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnit } from '../access/actor';
import { ApplicationRepository } from '../applications/application.repository';
import { refuseUnitLimited } from '../kernel/ownership';
import { UnitOfWork, LogChange } from '../workflow-core/unit-of-work';
import { ApplicationRow, RowProblem, UnitRow, checkApplicationRows, checkUnitRows } from './import-rules';
import { msg } from '../i18n/message';
import { readTable } from './import-table';
import { UnitRepository } from '../units/unit.repository';

/** `errors` are catalogue messages in the service, rendered in the reader's language by the controllers. */
export interface ImportReport<E = RowProblem> {
  dryRun: boolean;
  imported: boolean;
  rows: number;
  errors: E[];
  created: number;
  updated: number;
  unchanged: number;
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Bulk entry of units and applications: all rows valid, or nothing is written. */
@Injectable()
export class ImportsService {
  constructor(
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(ApplicationRepository) private readonly apps: ApplicationRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
  ) {}

  async importUnits(
    actor: Actor,
    agencyId: string,
    file: Buffer,
    name: string,
    dryRun: boolean,
  ): Promise<ImportReport> {
    refuseUnitLimited(actor, 'units');
    const { rows, errors } = checkUnitRows(await readTable(file, name));
    if (errors.length || dryRun) {
      const counts = errors.length ? zero() : await this.upsertUnits(null, agencyId, rows);
      return { dryRun, imported: false, rows: rows.length, errors, ...counts };
    }
    const counts = await this.writer.run(actor, agencyId, (m, log) =>
      this.upsertUnits({ m, log }, agencyId, rows),
    );
    return { dryRun, imported: true, rows: rows.length, errors, ...counts };
  }

  async importApplications(
    actor: Actor,
    agencyId: string,
    file: Buffer,
    name: string,
    dryRun: boolean,
  ): Promise<ImportReport> {
    const table = await readTable(file, name);
    const codes = [...new Set(table.rows.map((r) => r.cells.unit_code ?? '').filter(Boolean))];
    const unitIds = new Map((await this.units.findByCodes(agencyId, codes)).map((u) => [u.code, u.id]));
    const problem = (code: string) => {
      const id = unitIds.get(code);
      if (!id) return msg('msg.import.row.no_unit', { code });
      return reachesUnit(actor, agencyId, id) ? null : msg('msg.import.row.own_units');
    };
    const { rows, errors } = checkApplicationRows(table, problem);
    if (errors.length || dryRun) {
      const counts = errors.length ? zero() : await this.upsertApps(null, agencyId, rows, unitIds);
      return { dryRun, imported: false, rows: rows.length, errors, ...counts };
    }
    const counts = await this.writer.run(actor, agencyId, (m, log) =>
      this.upsertApps({ m, log }, agencyId, rows, unitIds),
    );
    return { dryRun, imported: true, rows: rows.length, errors, ...counts };
  }

  /** Counts what would change; writes and logs only when given a transaction. */
  private async upsertUnits(
    tx: { m: EntityManager; log: LogChange } | null,
    agencyId: string,
    rows: UnitRow[],
  ) {
    const existing = new Map(
      (
        await this.units.findByCodes(
          agencyId,
          rows.map((r) => r.code),
          tx?.m,
        )
      ).map((u) => [u.code, u]),
    );
    const counts = zero();
    for (const row of rows) {
      const fields = {
        name: row.name,
        kind: row.kind,
        inScope: row.inScope,
        outOfScopeReason: row.outOfScopeReason,
      };
      const unit = existing.get(row.code);
      if (unit && same(unit, fields)) counts.unchanged++;
      else if (unit) {
        counts.updated++;
        if (!tx) continue;
        const before = { ...unit };
        const saved = await this.units.save(Object.assign(unit, fields), tx.m);
        await tx.log({ entityType: 'unit', entityId: unit.id, action: 'update', before, after: saved });
      } else {
        counts.created++;
        if (!tx) continue;
        const saved = await this.units.save(
          this.units.create({ agencyId, code: row.code, ...fields }, tx.m),
          tx.m,
        );
        await tx.log({ entityType: 'unit', entityId: saved.id, action: 'create', after: saved });
      }
    }
    return counts;
  }

  private async upsertApps(
    tx: { m: EntityManager; log: LogChange } | null,
    agencyId: string,
    rows: ApplicationRow[],
    unitIds: Map<string, string>,
  ) {
    const existing = await this.apps.findByUnits([...new Set(unitIds.values())], tx?.m);
    const byKey = new Map(existing.map((a) => [`${a.unitId}\u0000${a.name}`, a]));
    const counts = zero();
    for (const row of rows) {
      const unitId = unitIds.get(row.unitCode)!;
      const fields = { description: row.description, exchange: row.exchange, ...row.profile };
      const app = byKey.get(`${unitId}\u0000${row.name}`);
      if (app && same(app, fields)) counts.unchanged++;
      else if (app) {
        counts.updated++;
        if (!tx) continue;
        const before = { ...app };
        const saved = await this.apps.save(Object.assign(app, fields), tx.m);
        await tx.log({ entityType: 'application', entityId: app.id, action: 'update', before, after: saved });
      } else {
        counts.created++;
        if (!tx) continue;
        const saved = await this.apps.save(
          this.apps.create({ agencyId, unitId, name: row.name, ...fields }, tx.m),
          tx.m,
        );
        await tx.log({ entityType: 'application', entityId: saved.id, action: 'create', after: saved });
      }
    }
    return counts;
  }
}

function zero(): Counts {
  return { created: 0, updated: 0, unchanged: 0 };
}

function same(record: object, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([k, v]) => (record as Record<string, unknown>)[k] === v);
}
