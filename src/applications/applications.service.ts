import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnit } from '../access/actor';
import { ensureOwned } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { PeriodLookup } from '../periods/period-lookup';
import { HubViaSplProof } from '../levels/hub-via-spl.repository';
import { Application } from './application.entity';
import { ApplicationRepository } from './application.repository';
import {
  ApplicationView,
  CreateApplicationDto,
  ListApplicationsQuery,
  UpdateApplicationDto,
} from './applications.dto';
import { refuse } from '../i18n/refusal';

/** Applications of the agency's units and how they exchange data. */
@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(ApplicationRepository) private readonly apps: ApplicationRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
  ) {}

  async list(agencyId: string, query: ListApplicationsQuery): Promise<Page<ApplicationView>> {
    const p = paging(query);
    const { items, total } = await this.apps.findPage(agencyId, query, p);
    const proofs = await this.apps.hubProofs(
      agencyId,
      items.map((a) => a.id),
      await this.proofPeriod(),
    );
    return {
      items: items.map((a) => applicationView(a, proofs.get(a.id))),
      total,
      page: p.page,
      pageSize: p.pageSize,
    };
  }

  async get(agencyId: string, id: string): Promise<ApplicationView> {
    const app = await this.apps.findById(agencyId, id);
    if (!app) throw refuse(NotFoundException, 'msg.not_found.application');
    return applicationView(
      app,
      (await this.apps.hubProofs(agencyId, [id], await this.proofPeriod())).get(id),
    );
  }

  /** Hub proofs follow the facts of the period pages show by default (the latest). */
  private async proofPeriod(): Promise<string | null> {
    return (await this.periods.current())?.id ?? null;
  }

  async create(actor: Actor, agencyId: string, dto: CreateApplicationDto): Promise<ApplicationView> {
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      await this.checkUnit(actor, agencyId, dto.unitId, m);
      await this.checkName(dto.unitId, dto.name.trim(), null, m);
      const app = this.apps.create(
        {
          agencyId,
          unitId: dto.unitId,
          name: dto.name.trim(),
          description: dto.description?.trim() || null,
          exchange: dto.exchange ?? 'none',
          usageType: dto.usageType ?? 'not_integrated',
          hasApi: dto.hasApi ?? false,
          operating: dto.operating ?? true,
          appScope: dto.appScope ?? 'sector',
        },
        m,
      );
      const saved = await this.apps.save(app, m);
      await log({ entityType: 'application', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, id);
  }

  async update(
    actor: Actor,
    agencyId: string,
    id: string,
    dto: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.apps.lockVersion(m, agencyId, id, dto.version);
      const app = (await this.apps.findById(agencyId, id, m))!;
      this.checkReach(actor, agencyId, app.unitId);
      const before = { ...app };
      delete app.unit;
      if (dto.unitId !== undefined && dto.unitId !== app.unitId) {
        await this.checkUnit(actor, agencyId, dto.unitId, m);
        app.unitId = dto.unitId;
      }
      if (dto.name !== undefined) app.name = dto.name.trim();
      if (dto.description !== undefined) app.description = dto.description?.trim() || null;
      if (dto.exchange !== undefined) app.exchange = dto.exchange;
      if (dto.usageType !== undefined) app.usageType = dto.usageType;
      if (dto.hasApi !== undefined) app.hasApi = dto.hasApi;
      if (dto.operating !== undefined) app.operating = dto.operating;
      if (dto.appScope !== undefined) app.appScope = dto.appScope;
      await this.checkName(app.unitId, app.name, id, m);
      const saved = await this.apps.save(app, m);
      await log({ entityType: 'application', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, id);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    await this.writer.run(actor, agencyId, async (m, log) => {
      const app = await this.apps.findById(agencyId, id, m);
      if (!app) throw refuse(NotFoundException, 'msg.not_found.application');
      this.checkReach(actor, agencyId, app.unitId);
      await this.apps.remove(id, m);
      await log({ entityType: 'application', entityId: id, action: 'delete', before: app });
    });
  }

  private checkReach(actor: Actor, agencyId: string, unitId: string): void {
    if (!reachesUnit(actor, agencyId, unitId)) {
      throw refuse(ForbiddenException, 'msg.applications.own_units');
    }
  }

  private async checkUnit(actor: Actor, agencyId: string, unitId: string, m: EntityManager): Promise<void> {
    await ensureOwned(m, 'unit', agencyId, [unitId], 'unitId', 'unit');
    this.checkReach(actor, agencyId, unitId);
  }

  private async checkName(unitId: string, name: string, exceptId: string | null, m: EntityManager) {
    if (await this.apps.nameTaken(unitId, name, exceptId, m)) {
      throw refuse(ConflictException, 'msg.applications.name_taken', { name });
    }
  }
}

export function applicationView(a: Application, viaSplHub: HubViaSplProof[] = []): ApplicationView {
  return {
    id: a.id,
    unitId: a.unitId,
    unitCode: a.unit?.code ?? '',
    unitName: a.unit?.name ?? '',
    name: a.name,
    description: a.description,
    exchange: a.exchange,
    usageType: a.usageType,
    hasApi: a.hasApi,
    operating: a.operating,
    appScope: a.appScope,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
    viaSplHub,
  };
}
