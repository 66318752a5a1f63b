import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../access/actor';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { refs } from '../kernel/agency.repository';
import { Integration } from './integration.entity';
import { IntegrationRepository } from './integration.repository';
import {
  CreateIntegrationDto,
  IntegrationView,
  ListIntegrationsQuery,
  UpdateIntegrationDto,
} from './integrations.dto';
import { refuse } from '../i18n/refusal';

/** Connections of the agency's SPL to the national SPLP or another agency's SPL. */
@Injectable()
export class IntegrationsService {
  constructor(
    @Inject(IntegrationRepository) private readonly integrations: IntegrationRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async list(agencyId: string, query: ListIntegrationsQuery): Promise<Page<IntegrationView>> {
    const p = paging(query);
    const { items, total } = await this.integrations.findPage(agencyId, query, p);
    return { items: items.map(integrationView), total, page: p.page, pageSize: p.pageSize };
  }

  async get(agencyId: string, id: string): Promise<IntegrationView> {
    const row = await this.integrations.findById(agencyId, id);
    if (!row) throw refuse(NotFoundException, 'msg.not_found.integration');
    return integrationView(row);
  }

  async create(actor: Actor, agencyId: string, dto: CreateIntegrationDto): Promise<IntegrationView> {
    refuseUnitLimited(actor, 'integrations');
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      const evidence = await ensureOwned(
        m,
        'evidence',
        agencyId,
        dto.evidenceIds,
        'evidenceIds',
        'evidence item',
      );
      const row = this.integrations.create(
        {
          agencyId,
          withTarget: dto.withTarget,
          peerName: dto.peerName.trim(),
          description: dto.description?.trim() || null,
          source: dto.source ?? 'manual',
          evidence: refs<Evidence>(evidence),
        },
        m,
      );
      const saved = await this.integrations.save(row, m);
      await this.evidence.replaceEvidenceOf(
        m,
        'integration',
        saved.id,
        evidence.map((e) => e.id),
      );
      await log({ entityType: 'integration', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, id);
  }

  async update(
    actor: Actor,
    agencyId: string,
    id: string,
    dto: UpdateIntegrationDto,
  ): Promise<IntegrationView> {
    refuseUnitLimited(actor, 'integrations');
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.integrations.lockVersion(m, agencyId, id, dto.version);
      const row = (await this.integrations.findById(agencyId, id, m))!;
      const before = { ...row };
      if (dto.withTarget !== undefined) row.withTarget = dto.withTarget;
      if (dto.peerName !== undefined) row.peerName = dto.peerName.trim();
      if (dto.description !== undefined) row.description = dto.description?.trim() || null;
      if (dto.source !== undefined) row.source = dto.source;
      if (dto.evidenceIds !== undefined) {
        const ev = await ensureOwned(
          m,
          'evidence',
          agencyId,
          dto.evidenceIds,
          'evidenceIds',
          'evidence item',
        );
        row.evidence = refs<Evidence>(ev);
        await this.evidence.replaceEvidenceOf(
          m,
          'integration',
          id,
          ev.map((e) => e.id),
        );
      }
      const saved = await this.integrations.save(row, m);
      await log({ entityType: 'integration', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, id);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'integrations');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const row = await this.integrations.findById(agencyId, id, m);
      if (!row) throw refuse(NotFoundException, 'msg.not_found.integration');
      await this.integrations.remove(id, m);
      await log({ entityType: 'integration', entityId: id, action: 'delete', before: row });
    });
  }
}

export function integrationView(i: Integration): IntegrationView {
  return {
    id: i.id,
    withTarget: i.withTarget,
    peerName: i.peerName,
    description: i.description,
    source: i.source,
    evidenceIds: (i.evidence ?? []).map((e) => e.id).sort(),
    version: i.version,
    updatedAt: i.updatedAt.toISOString(),
  };
}
