import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, reachesUnit } from '../access/actor';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import {
  CHECKLISTS,
  CHECKLIST_KEYS,
  ChecklistKey,
  HUB_STEPS,
  STEPS,
  StepKey,
  checklistOf,
  isStep,
} from './onboarding.catalogue';
import {
  ApplicationStepsView,
  ChecklistView,
  OnboardingItemView,
  UpdateOnboardingItemDto,
} from './onboarding.dto';
import { OnboardingItem } from './onboarding-item.entity';
import { AppRef, OnboardingRepository, StepProof } from './onboarding.repository';
import { assertVersion } from '../database/optimistic-version';
import { refuse } from '../i18n/refusal';

type StoredItem = OnboardingItem & { ownerName?: string | null };

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The road to the SPLP: each application's SPLP steps and the agency's checklists. Writes go
 * through the agency writer (workflow lock, change log, recompute in one transaction); these
 * records explain and plan Indicators 7 and 18 but are no input of their levels.
 */
@Injectable()
export class OnboardingService {
  constructor(
    @Inject(OnboardingRepository) private readonly repo: OnboardingRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
  ) {}

  /** Every application of the agency (or one) with its five steps. */
  async steps(agencyId: string, applicationId?: string, today = todayUtc()): Promise<ApplicationStepsView[]> {
    const apps = await this.repo.applications(agencyId, applicationId);
    if (applicationId && !apps.length)
      throw refuse(NotFoundException, 'msg.applications.not_of_agency', { field: 'applicationId' });
    const [stored, proofs] = await Promise.all([
      this.repo.findForAgency(agencyId),
      this.repo.stepProofs(agencyId, applicationId ? [applicationId] : null),
    ]);
    const byKey = new Map(stored.map((s) => [`${s.applicationId ?? ''}|${s.item}`, s]));
    const proofOf = new Map(proofs.map((p) => [`${p.applicationId}|${p.step}`, p]));
    return apps.map((a) => ({
      applicationId: a.id,
      name: a.name,
      unitId: a.unitId,
      unitCode: a.unitCode,
      unitName: a.unitName,
      usageType: a.usageType,
      steps: STEPS.map((step) =>
        itemView(step, byKey.get(`${a.id}|${step}`), proofOf.get(`${a.id}|${step}`) ?? null, today),
      ),
    }));
  }

  /** The agency's three checklists. */
  async checklists(agencyId: string, today = todayUtc()): Promise<ChecklistView[]> {
    const stored = await this.repo.findForAgency(agencyId);
    const byKey = new Map(stored.filter((s) => !s.applicationId).map((s) => [s.item, s]));
    return CHECKLIST_KEYS.map((key) => ({
      key,
      items: CHECKLISTS[key].map((item) => itemView(item, byKey.get(item), null, today)),
    }));
  }

  async checklist(agencyId: string, key: string): Promise<ChecklistView> {
    const found = (await this.checklists(agencyId)).find((c) => c.key === key);
    if (!found)
      throw refuse(NotFoundException, 'msg.validation.one_of', {
        field: 'checklist',
        choices: CHECKLIST_KEYS.join(', '),
      });
    return found;
  }

  owners(agencyId: string) {
    return this.repo.owners(agencyId);
  }

  evidenceChoices(agencyId: string) {
    return this.repo.evidenceChoices(agencyId);
  }

  async writeStep(
    actor: Actor,
    agencyId: string,
    applicationId: string,
    step: string,
    dto: UpdateOnboardingItemDto,
  ): Promise<OnboardingItemView> {
    if (!isStep(step))
      throw refuse(NotFoundException, 'msg.validation.one_of', { field: 'step', choices: STEPS.join(', ') });
    const [app] = await this.repo.applications(agencyId, applicationId);
    if (!app) throw refuse(NotFoundException, 'msg.applications.not_of_agency', { field: 'applicationId' });
    if (!reachesUnit(actor, agencyId, app.unitId))
      throw refuse(ForbiddenException, 'msg.onboarding.own_units_steps');
    await this.write(actor, agencyId, app, step, dto);
    return (await this.steps(agencyId, applicationId))[0].steps.find((s) => s.item === step)!;
  }

  async writeChecklistItem(
    actor: Actor,
    agencyId: string,
    checklist: string,
    item: string,
    dto: UpdateOnboardingItemDto,
  ): Promise<OnboardingItemView> {
    if (checklistOf(item) !== checklist || !checklist)
      throw refuse(NotFoundException, 'msg.onboarding.not_in_checklist', { checklist });
    refuseUnitLimited(actor, 'the agency checklists');
    await this.write(actor, agencyId, null, item, dto);
    return (await this.checklist(agencyId, checklist as ChecklistKey)).items.find((i) => i.item === item)!;
  }

  /** Adds evidence to a checklist item (the generated service directory), keeping what it had. */
  async linkEvidence(actor: Actor, agencyId: string, item: string, evidenceId: string): Promise<void> {
    const checklist = checklistOf(item);
    if (!checklist) throw refuse(NotFoundException, 'msg.onboarding.not_item');
    const current = (await this.checklist(agencyId, checklist)).items.find((i) => i.item === item)!;
    await this.write(actor, agencyId, null, item, {
      version: current.version,
      evidenceIds: [...current.evidenceIds, evidenceId],
    });
  }

  private async write(
    actor: Actor,
    agencyId: string,
    app: AppRef | null,
    item: string,
    dto: UpdateOnboardingItemDto,
  ): Promise<void> {
    await this.writer.run(actor, agencyId, async (m, log) => {
      const applicationId = app?.id ?? null;
      const existing = await this.repo.lockOne(m, agencyId, applicationId, item);
      assertVersion(existing?.version ?? 0, dto.version);
      const row =
        existing ??
        this.repo.create({ agencyId, applicationId, item, status: 'not_started', evidenceIds: [] }, m);
      const before = existing ? { ...existing } : null;
      await this.apply(m, agencyId, row, dto);
      if (app && dto.status !== undefined && (HUB_STEPS as readonly string[]).includes(item))
        await this.checkAgainstHub(m, agencyId, app.id, item as StepKey, row);
      const saved = await this.repo.save(row, m);
      await log({
        entityType: 'onboarding_item',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before,
        after: saved,
      });
    });
  }

  private async apply(m: EntityManager, agencyId: string, row: OnboardingItem, dto: UpdateOnboardingItemDto) {
    const today = todayUtc();
    if (dto.status !== undefined) {
      if (dto.status === 'done' && dto.doneOn === undefined && !row.doneOn) row.doneOn = today;
      if (dto.status !== 'not_started' && dto.startedOn === undefined && !row.startedOn)
        row.startedOn = today;
      if (dto.status !== 'done' && dto.doneOn === undefined) row.doneOn = null;
      row.status = dto.status;
    }
    if (dto.startedOn !== undefined) row.startedOn = dto.startedOn;
    if (dto.dueOn !== undefined) row.dueOn = dto.dueOn;
    if (dto.doneOn !== undefined) row.doneOn = dto.doneOn;
    if (dto.note !== undefined) row.note = dto.note?.trim() || null;
    if (dto.ownerId !== undefined) {
      if (dto.ownerId && !(await this.repo.isAgencyUser(agencyId, dto.ownerId, m)))
        throw refuse(BadRequestException, 'msg.onboarding.active_user', { field: 'ownerId' });
      row.ownerId = dto.ownerId;
    }
    if (dto.evidenceIds !== undefined) {
      await ensureOwned(m, 'evidence', agencyId, dto.evidenceIds, 'evidenceIds', 'evidence item');
      row.evidenceIds = [...new Set(dto.evidenceIds)];
    }
    if (row.doneOn && row.status !== 'done')
      throw refuse(BadRequestException, 'msg.onboarding.done_date_status');
    if (row.startedOn && row.doneOn && row.doneOn < row.startedOn)
      throw refuse(BadRequestException, 'msg.onboarding.done_before_start');
    if (row.doneOn && row.doneOn > today) throw refuse(BadRequestException, 'msg.onboarding.done_future');
  }

  /** A person may go against the hub's proof (or its silence) only with a note saying why. */
  private async checkAgainstHub(
    m: EntityManager,
    agencyId: string,
    appId: string,
    step: StepKey,
    row: OnboardingItem,
  ) {
    const proof = (await this.repo.stepProofs(agencyId, [appId], m)).find((p) => p.step === step);
    const against = proof
      ? row.status !== 'done'
      : row.status === 'done' && (await this.repo.hasHubData(agencyId, m));
    if (against && !row.note)
      throw proof
        ? refuse(BadRequestException, 'msg.onboarding.hub_done', {
            detail: proof.detail,
            file: proof.fileName,
          })
        : refuse(BadRequestException, 'msg.onboarding.hub_not_done');
  }
}

export function itemView(
  item: string,
  row: StoredItem | undefined,
  proof: StepProof | null,
  today: string,
): OnboardingItemView {
  const recorded = row?.status ?? 'not_started';
  // A person's status against the proof holds only with the note the write required.
  const againstHub = Boolean(proof && row && recorded !== 'done');
  const status = againstHub || !proof ? recorded : 'done';
  return {
    item,
    status,
    recordedStatus: recorded,
    source: proof && !againstHub ? 'hub' : row ? 'person' : 'none',
    hubProof: proof ? { detail: proof.detail, fileName: proof.fileName, importedAt: proof.importedAt } : null,
    againstHub,
    startedOn: row?.startedOn ?? null,
    dueOn: row?.dueOn ?? null,
    doneOn: row?.doneOn ?? (proof ? proof.importedAt.slice(0, 10) : null),
    ownerId: row?.ownerId ?? null,
    ownerName: row?.ownerName ?? null,
    note: row?.note ?? null,
    evidenceIds: row?.evidenceIds ?? [],
    overdue: status !== 'done' && Boolean(row?.dueOn && row.dueOn < today),
    version: row?.version ?? 0,
  };
}
