import { ApplicationRepository } from '../applications/application.repository';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnit } from '../access/actor';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { HubDerivationService } from './hub-derivation.service';
import { HubImportsRepository } from './hub-imports.repository';
import { HubRecordsRepository } from './hub-records.repository';
import { HubRulesRepository, LinkCandidate, RuleView, UnmappedView } from './hub-rules.repository';
import type { MatchType } from './parsers';
import { AgencyWrite, LogChange, UnitOfWork } from '../workflow-core/unit-of-work';
import { refuse } from '../i18n/refusal';

export interface NewRule {
  unitId: string;
  matchType: MatchType;
  matchValue: string;
}

/**
 * The rules that attribute hub data to units, the records they leave unmapped, and manual links
 * between hub records and our applications. Every change re-derives attribution, links,
 * integrations and levels in its own transaction.
 */
@Injectable()
export class HubRulesService {
  constructor(
    @Inject(HubRulesRepository) private readonly rules: HubRulesRepository,
    @Inject(ApplicationRepository) private readonly applications: ApplicationRepository,
    @Inject(HubRecordsRepository) private readonly records: HubRecordsRepository,
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
    @Inject(HubDerivationService) private readonly derivation: HubDerivationService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  list(agencyId: string): Promise<RuleView[]> {
    return this.rules.list(agencyId);
  }

  /** Applications and integrations a unit's hub usage may be linked to. */
  linkCandidates(agencyId: string, unitId: string | null): Promise<LinkCandidate[]> {
    return this.rules.linkCandidates(agencyId, unitId);
  }

  unmapped(agencyId: string): Promise<UnmappedView[]> {
    return this.rules.unmapped(agencyId);
  }

  async add(actor: Actor, agencyId: string, rule: NewRule): Promise<string> {
    refuseUnitLimited(actor, 'mapping rules');
    const value = rule.matchValue.trim();
    if (!value) throw refuse(BadRequestException, 'msg.validation.required', { field: 'matchValue' });
    return this.write(actor, agencyId, async ({ m, log }) => {
      await ensureOwned(m, 'unit', agencyId, [rule.unitId], 'unitId', 'unit');
      const id = await this.rules.insert(m, agencyId, { ...rule, matchValue: value }, actor.userId);
      if (!id)
        throw refuse(ConflictException, 'msg.hub.rules.exists', {
          field: 'matchValue',
          type: rule.matchType,
          value,
        });
      await logRule(log, id, 'create', undefined, { ...rule, matchValue: value });
      return id;
    });
  }

  async remove(actor: Actor, agencyId: string, ruleId: string): Promise<void> {
    refuseUnitLimited(actor, 'mapping rules');
    await this.write(actor, agencyId, async ({ m, log }) => {
      const removed = await this.rules.remove(m, agencyId, ruleId);
      if (!removed) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'hubRuleId' });
      await logRule(log, ruleId, 'delete', removed);
    });
  }

  /** Puts an unmapped API (api_id rule) or application (app_owner rule) under a unit. */
  async assign(actor: Actor, agencyId: string, kind: 'api' | 'application', id: string, unitId: string) {
    refuseUnitLimited(actor, 'mapping rules');
    return this.write(actor, agencyId, async ({ m, log }) => {
      await ensureOwned(m, 'unit', agencyId, [unitId], 'unitId', 'unit');
      const target = await this.rules.ruleValueFor(m, agencyId, kind, id);
      if (!target.found)
        throw refuse(NotFoundException, 'msg.not_found.field', {
          field: kind === 'api' ? 'hubApiId' : 'hubApplicationId',
        });
      if (!target.value) throw refuse(BadRequestException, 'msg.hub.rules.no_owner');
      const matchType: MatchType = kind === 'api' ? 'api_id' : 'app_owner';
      const rule = { unitId, matchType, matchValue: target.value };
      const ruleId = await this.rules.insert(m, agencyId, rule, actor.userId);
      if (!ruleId)
        throw refuse(ConflictException, 'msg.hub.rules.exists', {
          field: 'matchValue',
          type: matchType,
          value: target.value,
        });
      await logRule(log, ruleId, 'create', undefined, rule);
      return ruleId;
    });
  }

  /** Links a hub API or application to one of our applications (null: "none of ours"). */
  async link(
    actor: Actor,
    agencyId: string,
    kind: 'api' | 'application',
    id: string,
    applicationId: string | null,
  ): Promise<void> {
    await this.write(actor, agencyId, async ({ m, log }) => {
      if (applicationId && !(await this.applications.findById(agencyId, applicationId, m)))
        throw refuse(BadRequestException, 'msg.hub.links.application');
      const table = kind === 'api' ? 'hub_api' : 'hub_application';
      if (actor.unitIds) await this.refuseOtherUnits(m, actor, agencyId, table, id, applicationId);
      if (!(await this.records.link(m, agencyId, table, id, applicationId)))
        throw refuse(NotFoundException, 'msg.not_found.field', {
          field: kind === 'api' ? 'hubApiId' : 'hubApplicationId',
        });
      await log({
        entityType: table,
        entityId: id,
        action: 'update',
        after: { applicationId, applicationLink: 'manual' },
      });
    });
  }

  /** An operator limited to units links only hub records of their units, to applications of theirs. */
  private async refuseOtherUnits(
    m: EntityManager,
    actor: Actor,
    agencyId: string,
    table: 'hub_api' | 'hub_application',
    id: string,
    applicationId: string | null,
  ): Promise<void> {
    const units = await this.records.linkUnits(m, agencyId, table, id, applicationId);
    if (!units) return; // not found: answered by the link itself
    const mine = (unitId: string | null) => unitId !== null && reachesUnit(actor, agencyId, unitId);
    if (!mine(units.recordUnitId) || (applicationId !== null && !mine(units.applicationUnitId)))
      throw refuse(ForbiddenException, 'msg.hub.links.own_units');
  }

  /** Hub data is agency data without a period: every open period is recomputed after it. */
  private write<T>(actor: Actor, agencyId: string, work: (w: AgencyWrite) => Promise<T>): Promise<T> {
    return this.uow.write(actor, agencyId, async (w) => {
      await w.agencyData();
      const result = await work(w);
      await this.derivation.refresh(w);
      return result;
    });
  }
}

function logRule(log: LogChange, id: string, action: 'create' | 'delete', before?: object, after?: object) {
  return log({ entityType: 'hub_mapping_rule', entityId: id, action, before, after });
}
