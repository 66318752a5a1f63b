import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { COORDINATOR_ASSIGNABLE, Role } from '../access/roles';
import { AuditEvent, AuditService } from '../audit/audit.service';
import { AuthTokenRepository } from './auth-token.repository';
import { hashPassword, passwordProblem } from './passwords';
import { NotificationsService } from '../workflow/notifications/notifications.service';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AssignmentDto, CreateUserDto, ListUsersQuery, UpdateUserDto, UserPage, UserView } from './users.dto';
import { assertVersion } from '../database/optimistic-version';
import { refuse } from '../i18n/refusal';
import { msg } from '../i18n/message';

/** People and their roles. Coordinators manage their own agency's people; admins everyone. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuthTokenRepository) private readonly tokens: AuthTokenRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, query: ListUsersQuery): Promise<UserPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const agencyId = actor.role === 'admin' ? query.agencyId : (actor.agencyId as string);
    const { items, total } = await this.users.findPage({
      agencyId,
      role: query.role,
      active: query.active,
      search: query.q,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: items.map(userView), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    return userView(await this.visible(actor, id));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const agencyId = this.agencyForNewUser(actor, dto.role, dto.agencyId);
    const problem = passwordProblem(dto.password, [dto.username, dto.displayName]);
    if (problem) throw refuse(BadRequestException, 'msg.password.problem', { field: 'password', problem });
    if (await this.users.findByUsername(dto.username)) {
      throw refuse(ConflictException, 'msg.users.username_taken', { username: dto.username.toLowerCase() });
    }
    const passwordHash = await hashPassword(dto.password);
    const id = await this.users.transaction(async (m) => {
      const user = this.users.create({
        username: dto.username.toLowerCase(),
        displayName: dto.displayName.trim(),
        email: dto.email ?? null,
        role: dto.role,
        agencyId,
        passwordHash,
        // Someone else chose this password: the person changes it at the first login.
        mustChangePassword: true,
      });
      user.units = await this.unitsFor(dto.role, agencyId, dto.unitIds, m);
      const saved = await this.users.save(user, m);
      await this.assign(actor, saved, dto.assignments, m);
      await this.audit.record(event(actor, 'user.created', saved, { role: dto.role, agencyId }), m);
      return saved.id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.users.transaction(async (m) => {
      const user = await this.lockVisible(actor, id, m);
      assertVersion(user.version, dto.version);
      await this.applyUpdate(actor, user, dto, m);
    });
    return this.get(actor, id);
  }

  private async applyUpdate(actor: Actor, user: User, dto: UpdateUserDto, m: EntityManager) {
    if (user.id === actor.userId && (dto.active === false || (dto.role && dto.role !== user.role))) {
      throw refuse(BadRequestException, 'msg.users.self_change');
    }
    const before = { role: user.role, active: user.active };
    if (dto.role && dto.role !== user.role) {
      this.agencyForNewUser(actor, dto.role, user.agencyId ?? undefined);
      user.role = dto.role;
    }
    if (dto.displayName !== undefined) user.displayName = dto.displayName.trim();
    if (dto.email !== undefined) user.email = dto.email || null;
    if (dto.active !== undefined) user.active = dto.active;
    if (dto.unitIds !== undefined || dto.role)
      user.units = await this.unitsFor(user.role, user.agencyId, dto.unitIds, m);
    await this.users.save(user, m);
    if (dto.assignments !== undefined) await this.assign(actor, user, dto.assignments, m);
    if (before.role !== user.role) {
      await this.audit.record(
        event(actor, 'user.role_changed', user, { from: before.role, to: user.role }),
        m,
      );
    }
    if (before.active && !user.active) {
      await this.tokens.revokeAllForUser(user.id, ['session', 'access', 'personal'], m);
      await this.audit.record(event(actor, 'user.deactivated', user), m);
    } else if (!before.active && user.active) {
      await this.audit.record(event(actor, 'user.reactivated', user), m);
    }
  }

  /** An admin assigns an evaluator to agencies for one period, replacing that period's list. */
  async assignForPeriod(actor: Actor, id: string, periodId: string, agencyIds: string[]): Promise<void> {
    await this.users.transaction(async (m) => {
      const user = await this.lockVisible(actor, id, m);
      if (user.role !== 'evaluator')
        throw refuse(BadRequestException, 'msg.users.evaluators_only', { field: 'agencyIds' });
      if (actor.role !== 'admin')
        throw refuse(BadRequestException, 'msg.users.admin_assigns', { field: 'agencyIds' });
      const before = await this.users.assignmentPairs(id, m);
      await this.users.replaceAssignmentsForPeriod(id, periodId, agencyIds, m);
      await this.notifyNewAssignments(m, id, before);
      await this.audit.record(event(actor, 'user.assignments_changed', user, { periodId, agencyIds }), m);
    });
  }

  async assignments(id: string, periodId: string): Promise<string[]> {
    return this.users.assignedAgencyIdsFor(id, periodId);
  }

  /** An admin sets a temporary password: the account unlocks and must change it at next login. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw refuse(BadRequestException, 'msg.password.problem', { field: 'password', problem });
    const passwordHash = await hashPassword(password);
    await this.users.transaction(async (m) => {
      const user = await this.lockVisible(actor, id, m);
      Object.assign(user, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
      await this.users.save(user, m);
      await this.audit.record(event(actor, 'password.reset', user), m);
    });
    await this.tokens.revokeAllForUser(id, ['session', 'access', 'personal']);
  }

  /** Which agency a user with this role gets, given who creates them; throws when not allowed. */
  private agencyForNewUser(actor: Actor, role: Role, agencyId: string | undefined): string | null {
    if (actor.role === 'coordinator') {
      if (!COORDINATOR_ASSIGNABLE.includes(role)) {
        throw refuse(BadRequestException, 'msg.users.coordinator_roles', {
          roles: COORDINATOR_ASSIGNABLE.map((r) => msg(`role.${r}`)),
        });
      }
      if (agencyId && agencyId !== actor.agencyId) throw refuse(NotFoundException, 'msg.not_found.agency');
      return actor.agencyId;
    }
    if (role === 'admin' || role === 'evaluator') {
      if (agencyId)
        throw refuse(BadRequestException, 'msg.users.no_agency_for_role', { role: msg(`role.${role}`) });
      return null;
    }
    if (!agencyId && role !== 'leader')
      throw refuse(BadRequestException, 'msg.users.agency_required', { role: msg(`role.${role}`) });
    return agencyId ?? null;
  }

  private async unitsFor(
    role: Role,
    agencyId: string | null,
    unitIds: string[] | undefined,
    m: EntityManager,
  ) {
    if (!unitIds?.length) return [];
    if (role !== 'operator' || !agencyId) throw refuse(BadRequestException, 'msg.users.units_operators_only');
    const units = await this.users.unitsOf(agencyId, unitIds, m);
    if (units.length !== new Set(unitIds).size) {
      throw refuse(BadRequestException, 'msg.users.units_of_agency');
    }
    return units;
  }

  private async assign(actor: Actor, user: User, assignments: AssignmentDto[] | undefined, m: EntityManager) {
    if (assignments === undefined) return;
    if (actor.role !== 'admin')
      throw refuse(BadRequestException, 'msg.users.admin_assigns', { field: 'assignments' });
    if (user.role !== 'evaluator' && assignments.length) {
      throw refuse(BadRequestException, 'msg.users.evaluators_only', { field: 'assignments' });
    }
    const before = await this.users.assignmentPairs(user.id, m);
    await this.users.replaceAssignments(user.id, assignments, m);
    await this.notifyNewAssignments(m, user.id, before);
  }

  /** The evaluator hears of each agency newly assigned (inbox and mail), not of those kept. */
  private async notifyNewAssignments(
    m: EntityManager,
    userId: string,
    before: { agencyId: string; periodId: string }[],
  ) {
    const known = new Set(before.map((p) => `${p.agencyId}/${p.periodId}`));
    const added = (await this.users.assignmentPairs(userId, m)).filter(
      (p) => !known.has(`${p.agencyId}/${p.periodId}`),
    );
    await this.notifications.notifyAssigned(m, userId, added);
  }

  private async visible(actor: Actor, id: string, m?: EntityManager): Promise<User> {
    const user = await this.users.findById(id, m);
    if (!user || (actor.role !== 'admin' && user.agencyId !== actor.agencyId))
      throw refuse(NotFoundException, 'msg.not_found.user');
    return user;
  }

  private async lockVisible(actor: Actor, id: string, m: EntityManager): Promise<User> {
    await this.users.lock(id, m);
    return this.visible(actor, id, m);
  }
}

function event(actor: Actor, action: string, user: User, detail: Record<string, unknown> = {}): AuditEvent {
  return {
    action,
    actorId: actor.userId,
    actorName: actor.username,
    agencyId: user.agencyId,
    subjectType: 'user',
    subjectId: user.id,
    detail: { username: user.username, ...detail },
  };
}

export function userView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    agencyId: user.agencyId,
    agencyName: user.agency?.name ?? null,
    unitIds: user.units?.map((u) => u.id) ?? [],
    active: user.active,
    locked: Boolean(user.lockedUntil && user.lockedUntil > new Date()),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    version: user.version,
  };
}
