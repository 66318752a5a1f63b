import { assertVersion } from '../database/optimistic-version';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Actor, reachesUnit } from '../access/actor';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { UnitRepository } from '../units/unit.repository';
import { AGENCY_ROLES, ROLES, RoleKey, isRole } from './onboarding.catalogue';
import { RolesView, WriteRoleDto } from './onboarding.dto';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingRoleRepository, StoredRole } from './onboarding-role.repository';
import { refuse } from '../i18n/refusal';

/**
 * Who is who on the road to the SPLP. Writes go through the agency writer like every other
 * agency record; an operator limited to units may set the roles of their units and applications only.
 */
@Injectable()
export class OnboardingRolesService {
  constructor(
    @Inject(OnboardingRoleRepository) private readonly repo: OnboardingRoleRepository,
    @Inject(OnboardingRepository) private readonly items: OnboardingRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
  ) {}

  async read(agencyId: string): Promise<RolesView> {
    const [stored, units, apps] = await Promise.all([
      this.repo.findForAgency(agencyId),
      this.units.names(agencyId),
      this.items.applications(agencyId),
    ]);
    const held = new Map(stored.map((r) => [`${r.role}|${r.subject}`, r]));
    const of = (role: RoleKey, subject = ''): StoredRole | undefined => held.get(`${role}|${subject}`);
    return {
      agency: AGENCY_ROLES.map((role) => {
        const r = of(role);
        return {
          role,
          unitId: r?.unitId ?? null,
          unitName: r?.unitName ?? null,
          userId: r?.userId ?? null,
          userName: r?.userName ?? null,
          version: r?.version ?? 0,
        };
      }),
      units: units.map((u) => ({
        unitId: u.id,
        code: u.code,
        name: u.name,
        serviceRole: of('data_service', u.id)?.serviceRole ?? null,
        version: of('data_service', u.id)?.version ?? 0,
      })),
      applications: apps.map((a) => ({
        applicationId: a.id,
        name: a.name,
        unitId: a.unitId,
        unitCode: a.unitCode,
        userId: of('app_owner', a.id)?.userId ?? null,
        userName: of('app_owner', a.id)?.userName ?? null,
        version: of('app_owner', a.id)?.version ?? 0,
      })),
    };
  }

  async write(actor: Actor, agencyId: string, role: string, dto: WriteRoleDto): Promise<RolesView> {
    if (!isRole(role))
      throw refuse(NotFoundException, 'msg.validation.one_of', { field: 'role', choices: ROLES.join(', ') });
    const subject = await this.subjectOf(actor, agencyId, role, dto);
    await this.writer.run(actor, agencyId, async (m, log) => {
      const existing = await this.repo.lockOne(m, agencyId, role, subject);
      assertVersion(existing?.version ?? 0, dto.version);
      const row = existing ?? this.repo.create({ agencyId, role, subject }, m);
      const before = existing ? { ...existing } : null;
      if (dto.unitId !== undefined) {
        await ensureOwned(m, 'unit', agencyId, dto.unitId ? [dto.unitId] : [], 'unitId', 'unit');
        row.unitId = dto.unitId;
      }
      if (role === 'app_owner') row.applicationId = subject;
      if (dto.userId !== undefined) {
        if (dto.userId && !(await this.items.isAgencyUser(agencyId, dto.userId, m)))
          throw refuse(BadRequestException, 'msg.onboarding.active_user', { field: 'userId' });
        row.userId = dto.userId;
      }
      if (role === 'data_service' && dto.serviceRole !== undefined) row.serviceRole = dto.serviceRole;
      const saved = await this.repo.save(row, m);
      await log({
        entityType: 'onboarding_role',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before,
        after: saved,
      });
    });
    return this.read(agencyId);
  }

  /** '' for the agency's roles, else the unit or application whose role it is (reachable by the actor). */
  private async subjectOf(actor: Actor, agencyId: string, role: RoleKey, dto: WriteRoleDto): Promise<string> {
    if (role === 'data_service') {
      if (!dto.unitId) throw refuse(BadRequestException, 'msg.onboarding.unit_required');
      if (!(await this.units.names(agencyId)).some((u) => u.id === dto.unitId))
        throw refuse(BadRequestException, 'msg.units.not_of_agency', { field: 'unitId' });
      if (!reachesUnit(actor, agencyId, dto.unitId))
        throw refuse(ForbiddenException, 'msg.onboarding.own_units_roles');
      return dto.unitId;
    }
    if (role === 'app_owner') {
      if (!dto.applicationId) throw refuse(BadRequestException, 'msg.onboarding.application_required');
      const [app] = await this.items.applications(agencyId, dto.applicationId);
      if (!app) throw refuse(NotFoundException, 'msg.applications.not_of_agency', { field: 'applicationId' });
      if (!reachesUnit(actor, agencyId, app.unitId))
        throw refuse(ForbiddenException, 'msg.onboarding.own_units_people');
      return app.id;
    }
    refuseUnitLimited(actor, 'the agency roles');
    return '';
  }
}
