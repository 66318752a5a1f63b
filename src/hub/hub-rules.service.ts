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
import { ChangeLogService } from '../changes/change-log.service';
import { LevelsService } from '../levels/levels.service';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { HubAttributionRepository } from './hub-attribution.repository';
import { HubDerivationService } from './hub-derivation.service';
import { HubImportsRepository } from './hub-imports.repository';
import { HubRulesRepository, RuleView, UnmappedView } from './hub-rules.repository';
import type { MatchType } from './parsers';
import { WorkflowLock } from '../workflow/core/workflow-lock';
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
    @Inject(HubAttributionRepository) private readonly attribution: HubAttributionRepository,
    @Inject(HubImportsRepository) private readonly imports: HubImportsRepository,
    @Inject(HubDerivationService) private readonly derivation: HubDerivationService,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
  ) {}

  list(agencyId: string): Promise<RuleView[]> {
    return this.rules.list(agencyId);
  }

  unmapped(agencyId: string): Promise<UnmappedView[]> {
    return this.rules.unmapped(agencyId);
  }

  async add(actor: Actor, agencyId: string, rule: NewRule): Promise<string> {
    refuseUnitLimited(actor, 'mapping rules');
    const value = rule.matchValue.trim();
    if (!value) throw refuse(BadRequestException, 'msg.validation.required', { field: 'matchValue' });
    return this.write(actor, agencyId, async (m) => {
      await ensureOwned(m, 'unit', agencyId, [rule.unitId], 'unitId', 'unit');
      const id = await this.rules.insert(m, agencyId, { ...rule, matchValue: value }, actor.userId);
      if (!id)
        throw refuse(ConflictException, 'msg.hub.rules.exists', {
          field: 'matchValue',
          type: rule.matchType,
          value,
        });
      await this.log(m, actor, agencyId, id, 'create', undefined, { ...rule, matchValue: value });
      return id;
    });
  }

  async remove(actor: Actor, agencyId: string, ruleId: string): Promise<void> {
    refuseUnitLimited(actor, 'mapping rules');
    await this.write(actor, agencyId, async (m) => {
      const removed = await this.rules.remove(m, agencyId, ruleId);
      if (!removed) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'hubRuleId' });
      await this.log(m, actor, agencyId, ruleId, 'delete', removed);
    });
  }

  /** Puts an unmapped API (api_id rule) or application (app_owner rule) under a unit. */
  async assign(actor: Actor, agencyId: string, kind: 'api' | 'application', id: string, unitId: string) {
    refuseUnitLimited(actor, 'mapping rules');
    return this.write(actor, agencyId, async (m) => {
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
      await this.log(m, actor, agencyId, ruleId, 'create', undefined, rule);
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
    await this.write(actor, agencyId, async (m) => {
      if (applicationId) await ensureOwnedApplication(m, agencyId, applicationId);
      const table = kind === 'api' ? 'hub_api' : 'hub_application';
      if (actor.unitIds) await this.refuseOtherUnits(m, actor, agencyId, table, id, applicationId);
      if (!(await this.attribution.link(m, agencyId, table, id, applicationId)))
        throw refuse(NotFoundException, 'msg.not_found.field', {
          field: kind === 'api' ? 'hubApiId' : 'hubApplicationId',
        });
      await this.changes.record(m, actor, {
        entityType: table,
        entityId: id,
        agencyId,
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
    const units = await this.attribution.linkUnits(m, agencyId, table, id, applicationId);
    if (!units) return; // not found: answered by the link itself
    const mine = (unitId: string | null) => unitId !== null && reachesUnit(actor, agencyId, unitId);
    if (!mine(units.recordUnitId) || (applicationId !== null && !mine(units.applicationUnitId)))
      throw refuse(ForbiddenException, 'msg.hub.links.own_units');
  }

  private async write<T>(actor: Actor, agencyId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.imports.transaction(async (m) => {
      await this.lock.assertAgencyEditable(agencyId, m);
      const result = await work(m);
      await this.derivation.refresh(m, agencyId, actor);
      await this.levels.recompute([agencyId], m);
      return result;
    });
  }

  private log(
    m: EntityManager,
    actor: Actor,
    agencyId: string,
    id: string,
    action: 'create' | 'delete',
    before?: object,
    after?: object,
  ) {
    return this.changes.record(m, actor, {
      entityType: 'hub_mapping_rule',
      entityId: id,
      agencyId,
      action,
      before,
      after,
    });
  }
}

async function ensureOwnedApplication(m: EntityManager, agencyId: string, applicationId: string) {
  const rows: unknown[] = await m.query('SELECT 1 FROM application WHERE agency_id = $1 AND id = $2', [
    agencyId,
    applicationId,
  ]);
  if (!rows.length) throw refuse(BadRequestException, 'msg.hub.links.application');
}
