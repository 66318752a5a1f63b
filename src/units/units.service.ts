import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { refuseUnitLimited } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { Unit } from './unit.entity';
import { UnitApplication, UnitRepository } from './unit.repository';
import { CreateUnitDto, ListUnitsQuery, UnitView, UpdateUnitDto } from './units.dto';
import { refuse } from '../i18n/refusal';

/** Units (unit kerja / OPD) of an agency: the population both indicators are measured over. */
@Injectable()
export class UnitsService {
  constructor(
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
  ) {}

  /** Codes and names of the agency's units, in code order, for the pages' unit choices. */
  names(agencyId: string): Promise<Pick<Unit, 'id' | 'code' | 'name'>[]> {
    return this.units.names(agencyId);
  }

  /** The applications a unit's page lists (at most 200). */
  applicationsOf(agencyId: string, unitId: string): Promise<UnitApplication[]> {
    return this.units.applications(agencyId, unitId, 200);
  }

  async list(agencyId: string, query: ListUnitsQuery): Promise<Page<UnitView>> {
    const p = paging(query);
    const { items, total } = await this.units.findPage(agencyId, query, p);
    const counts = await this.units.applicationCounts(items.map((u) => u.id));
    return {
      items: items.map((u) => unitView(u, counts.get(u.id) ?? 0)),
      total,
      page: p.page,
      pageSize: p.pageSize,
    };
  }

  async get(agencyId: string, id: string): Promise<UnitView> {
    const unit = await this.units.findById(agencyId, id);
    if (!unit) throw refuse(NotFoundException, 'msg.not_found.unit');
    const counts = await this.units.applicationCounts([id]);
    return unitView(unit, counts.get(id) ?? 0);
  }

  async create(actor: Actor, agencyId: string, dto: CreateUnitDto): Promise<UnitView> {
    refuseUnitLimited(actor, 'units');
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      await this.checkCode(agencyId, dto.code, null, m);
      const unit = this.units.create(
        { agencyId, code: dto.code, name: dto.name.trim(), kind: dto.kind ?? 'other' },
        m,
      );
      applyScope(unit, dto.inScope ?? true, dto.outOfScopeReason);
      const saved = await this.units.save(unit, m);
      await log({ entityType: 'unit', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, id);
  }

  async update(actor: Actor, agencyId: string, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    refuseUnitLimited(actor, 'units');
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.units.lockVersion(m, agencyId, id, dto.version);
      const unit = (await this.units.findById(agencyId, id, m))!;
      const before = { ...unit };
      if (dto.code !== undefined && dto.code !== unit.code) {
        await this.checkCode(agencyId, dto.code, id, m);
        unit.code = dto.code;
      }
      if (dto.name !== undefined) unit.name = dto.name.trim();
      if (dto.kind !== undefined) unit.kind = dto.kind;
      applyScope(
        unit,
        dto.inScope ?? unit.inScope,
        dto.outOfScopeReason ?? unit.outOfScopeReason ?? undefined,
      );
      const saved = await this.units.save(unit, m);
      await log({ entityType: 'unit', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, id);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'units');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const unit = await this.units.findById(agencyId, id, m);
      if (!unit) throw refuse(NotFoundException, 'msg.not_found.unit');
      await this.units.lock(id, m);
      const apps = await this.units.countApplications(id, m);
      if (apps > 0) {
        throw refuse(ConflictException, 'msg.units.has_applications', { count: apps });
      }
      await this.units.remove(unit, m);
      await log({ entityType: 'unit', entityId: id, action: 'delete', before: unit });
    });
  }

  private async checkCode(agencyId: string, code: string, exceptId: string | null, m: EntityManager) {
    if (await this.units.codeTaken(agencyId, code, exceptId, m)) {
      throw refuse(ConflictException, 'msg.units.code_taken', { code });
    }
  }
}

/** Out of scope needs a written reason; back in scope drops it. */
export function applyScope(unit: Unit, inScope: boolean, reason: string | undefined): void {
  const text = reason?.trim() ?? '';
  if (!inScope && !text) throw refuse(BadRequestException, 'msg.units.reason_required');
  unit.inScope = inScope;
  unit.outOfScopeReason = inScope ? null : text;
}

export function unitView(u: Unit, applications: number): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    inScope: u.inScope,
    outOfScopeReason: u.outOfScopeReason,
    applications,
    version: u.version,
    updatedAt: u.updatedAt.toISOString(),
  };
}
