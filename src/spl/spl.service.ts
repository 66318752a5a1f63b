import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../access/actor';
import { refuseUnitLimited } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { SplInstance } from './spl-instance.entity';
import { CreateSplDto, ListSplQuery, SplView, UpdateSplDto } from './spl.dto';
import { SplRepository } from './spl.repository';
import { refuse } from '../i18n/refusal';

/** The agency's service hub(s). */
@Injectable()
export class SplService {
  constructor(
    @Inject(SplRepository) private readonly spl: SplRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
  ) {}

  async list(agencyId: string, query: ListSplQuery): Promise<Page<SplView>> {
    const p = paging(query);
    const { items, total } = await this.spl.findPage(agencyId, query, p);
    return { items: items.map(splView), total, page: p.page, pageSize: p.pageSize };
  }

  async get(agencyId: string, id: string): Promise<SplView> {
    const spl = await this.spl.findById(agencyId, id);
    if (!spl) throw refuse(NotFoundException, 'msg.not_found.spl');
    return splView(spl);
  }

  async create(actor: Actor, agencyId: string, dto: CreateSplDto): Promise<SplView> {
    refuseUnitLimited(actor, 'the SPL');
    const saved = await this.writer.run(actor, agencyId, async (m, log) => {
      const spl = this.spl.create(
        {
          agencyId,
          name: dto.name.trim(),
          product: dto.product ?? 'wso2_apim',
          baseUrl: dto.baseUrl ?? null,
          connectedToSplp: dto.connectedToSplp ?? false,
        },
        m,
      );
      const row = await this.spl.save(spl, m);
      await log({ entityType: 'spl_instance', entityId: row.id, action: 'create', after: row });
      return row;
    });
    return splView(saved);
  }

  async update(actor: Actor, agencyId: string, id: string, dto: UpdateSplDto): Promise<SplView> {
    refuseUnitLimited(actor, 'the SPL');
    const saved = await this.writer.run(actor, agencyId, async (m, log) => {
      await this.spl.lockVersion(m, agencyId, id, dto.version);
      const spl = (await this.spl.findById(agencyId, id, m))!;
      const before = { ...spl };
      if (dto.name !== undefined) spl.name = dto.name.trim();
      if (dto.product !== undefined) spl.product = dto.product;
      if (dto.baseUrl !== undefined) spl.baseUrl = dto.baseUrl;
      if (dto.connectedToSplp !== undefined) spl.connectedToSplp = dto.connectedToSplp;
      const row = await this.spl.save(spl, m);
      await log({ entityType: 'spl_instance', entityId: id, action: 'update', before, after: row });
      return row;
    });
    return splView(saved);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'the SPL');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const spl = await this.spl.findById(agencyId, id, m);
      if (!spl) throw refuse(NotFoundException, 'msg.not_found.spl');
      await this.spl.remove(id, m);
      await log({ entityType: 'spl_instance', entityId: id, action: 'delete', before: spl });
    });
  }
}

export function splView(s: SplInstance): SplView {
  return {
    id: s.id,
    name: s.name,
    product: s.product,
    baseUrl: s.baseUrl,
    connectedToSplp: s.connectedToSplp,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}
