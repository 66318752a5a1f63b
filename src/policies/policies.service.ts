import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { refs } from '../kernel/agency.repository';
import { Unit } from '../units/unit.entity';
import {
  CreatePolicyDto,
  ListPoliciesQuery,
  PolicyFields,
  PolicyView,
  UpdatePolicyDto,
} from './policies.dto';
import { Policy } from './policy.entity';
import { PolicyRepository } from './policy.repository';
import { refuse } from '../i18n/refusal';

/** Internal policies on using the SPL (Indicator 7). */
@Injectable()
export class PoliciesService {
  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async list(agencyId: string, query: ListPoliciesQuery): Promise<Page<PolicyView>> {
    const p = paging(query);
    const { items, total } = await this.policies.findPage(agencyId, query, p);
    return { items: items.map(policyView), total, page: p.page, pageSize: p.pageSize };
  }

  async get(agencyId: string, id: string): Promise<PolicyView> {
    const row = await this.policies.findById(agencyId, id);
    if (!row) throw refuse(NotFoundException, 'msg.not_found.policy');
    return policyView(row);
  }

  titles(agencyId: string) {
    return this.policies.titles(agencyId);
  }

  async create(actor: Actor, agencyId: string, dto: CreatePolicyDto): Promise<PolicyView> {
    refuseUnitLimited(actor, 'policies');
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      const row = this.policies.create(
        { agencyId, title: dto.title.trim(), allUnits: true, units: [], evidence: [] },
        m,
      );
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'policy', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, id);
  }

  async update(actor: Actor, agencyId: string, id: string, dto: UpdatePolicyDto): Promise<PolicyView> {
    refuseUnitLimited(actor, 'policies');
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.policies.lockVersion(m, agencyId, id, dto.version);
      const row = (await this.policies.findById(agencyId, id, m))!;
      const before = { ...row };
      if (dto.title !== undefined) row.title = dto.title.trim();
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'policy', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, id);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'policies');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const row = await this.policies.findById(agencyId, id, m);
      if (!row) throw refuse(NotFoundException, 'msg.not_found.policy');
      await this.policies.remove(id, m);
      await log({ entityType: 'policy', entityId: id, action: 'delete', before: row });
    });
  }

  /** Copies the given fields onto the policy and checks the rules that span fields. */
  private async apply(row: Policy, dto: PolicyFields, agencyId: string, m: EntityManager): Promise<void> {
    if (dto.number !== undefined) row.number = dto.number?.trim() || null;
    if (dto.legalForm !== undefined) row.legalForm = dto.legalForm;
    if (dto.status !== undefined) row.status = dto.status;
    if (dto.date !== undefined) row.date = dto.date;
    if (dto.regulatesSplUse !== undefined) row.regulatesSplUse = dto.regulatesSplUse;
    if (dto.regulatesSplpConnection !== undefined) row.regulatesSplpConnection = dto.regulatesSplpConnection;
    if (!row.date) {
      if (row.status === 'enacted') throw refuse(BadRequestException, 'msg.policies.date_required');
      row.date = new Date().toISOString().slice(0, 10);
    }
    if (dto.allUnits !== undefined) row.allUnits = dto.allUnits;
    if (row.allUnits) row.units = [];
    else if (dto.unitIds !== undefined) {
      row.units = refs<Unit>(await ensureOwned(m, 'unit', agencyId, dto.unitIds, 'unitIds', 'unit'));
    }
    if (dto.replacesId !== undefined)
      row.replacesId = await this.replaced(dto.replacesId, row.id, agencyId, m);
    if (dto.evidenceIds !== undefined) {
      row.evidence = refs<Evidence>(
        await ensureOwned(m, 'evidence', agencyId, dto.evidenceIds, 'evidenceIds', 'evidence item'),
      );
    }
  }

  /** Stores the policy, then the evidence links the DTO names (the relation does not persist). */
  private async save(row: Policy, dto: PolicyFields, m: EntityManager): Promise<Policy> {
    const saved = await this.policies.save(row, m);
    if (dto.evidenceIds !== undefined)
      await this.evidence.replaceEvidenceOf(
        m,
        'policy',
        saved.id,
        (row.evidence ?? []).map((e) => e.id),
      );
    return saved;
  }

  private async replaced(
    replacesId: string | null,
    selfId: string | undefined,
    agencyId: string,
    m: EntityManager,
  ) {
    if (replacesId === null) return null;
    const refused = () => refuse(BadRequestException, 'msg.validation.replaces', { field: 'replacesId' });
    if (replacesId === selfId) throw refused();
    const found = await ensureOwned(m, 'policy', agencyId, [replacesId], 'replacesId', 'policy').catch(
      () => [],
    );
    if (!found.length) throw refused();
    return replacesId;
  }
}

export function policyView(p: Policy): PolicyView {
  return {
    id: p.id,
    title: p.title,
    number: p.number,
    legalForm: p.legalForm,
    status: p.status,
    date: p.date,
    allUnits: p.allUnits,
    unitIds: (p.units ?? []).map((u) => u.id).sort(),
    regulatesSplUse: p.regulatesSplUse,
    regulatesSplpConnection: p.regulatesSplpConnection,
    replacesId: p.replacesId,
    evidenceIds: (p.evidence ?? []).map((e) => e.id).sort(),
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}
