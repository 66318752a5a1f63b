import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Role } from '../access/roles';
import { escapeLike } from '../common/sql';
import { Unit } from '../units/unit.entity';
import { EvaluatorAssignment } from './evaluator-assignment.entity';
import { User } from './user.entity';

export interface UserFilter {
  agencyId?: string | null;
  role?: Role;
  active?: boolean;
  search?: string;
  offset: number;
  limit: number;
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(User);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.repo().findOne({ where: { username: username.toLowerCase() } });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOne({ where: { id }, relations: { units: true, agency: true } });
  }

  async findPage(filter: UserFilter): Promise<{ items: User[]; total: number }> {
    const qb = this.repo()
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.agency', 'agency')
      .orderBy('u.username', 'ASC')
      .skip(filter.offset)
      .take(filter.limit);
    if (filter.agencyId !== undefined) qb.andWhere('u.agency_id IS NOT DISTINCT FROM :agencyId', filter);
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.search) {
      qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', {
        q: `%${escapeLike(filter.search)}%`,
      });
    }
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  save(user: User, manager?: EntityManager): Promise<User> {
    return this.repo(manager).save(user);
  }

  create(fields: Partial<User>): User {
    return this.repo().create(fields);
  }

  /** Counts a failed login and locks the account when the limit is reached, in one statement. */
  /**
   * Counts a failed login; the count restarts after a lock has run out, so one wrong password
   * after the lock expires does not lock the account again.
   */
  async recordFailure(id: string, maxFailures: number, lockMs: number): Promise<{ locked: boolean }> {
    // An UPDATE through TypeORM's query() answers [rows, affectedCount].
    const [rows]: [{ failed_logins: number }[], number] = await this.dataSource.query(
      `UPDATE app_user u SET failed_logins = n.failures,
         locked_until = CASE WHEN n.failures >= $2 THEN now() + ($3 || ' milliseconds')::interval END
         FROM (SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                               ELSE failed_logins + 1 END AS failures
                 FROM app_user WHERE id = $1) n
       WHERE u.id = n.id RETURNING u.failed_logins`,
      [id, maxFailures, String(lockMs)],
    );
    return { locked: rows.length > 0 && rows[0].failed_logins >= maxFailures };
  }

  async recordSuccess(id: string): Promise<void> {
    await this.repo().update(id, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
  }

  unitsOf(agencyId: string, unitIds: string[], manager?: EntityManager): Promise<Unit[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return (manager ?? this.dataSource.manager)
      .getRepository(Unit)
      .find({ where: { agencyId, id: In(unitIds) } });
  }

  async assignmentsOf(userId: string): Promise<{ agencyId: string; periodId: string }[]> {
    const rows = await this.dataSource.getRepository(EvaluatorAssignment).find({ where: { userId } });
    return rows.map((r) => ({ agencyId: r.agencyId, periodId: r.periodId }));
  }

  async assignedAgencyIds(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(EvaluatorAssignment).find({ where: { userId } });
    return [...new Set(rows.map((r) => r.agencyId))];
  }

  async assignedAgencyIdsFor(userId: string, periodId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(EvaluatorAssignment)
      .find({ where: { userId, periodId } });
    return rows.map((r) => r.agencyId);
  }

  /** Every (agency, period) the evaluator is assigned to, as the transaction sees it. */
  async assignmentPairs(
    userId: string,
    manager: EntityManager,
  ): Promise<{ agencyId: string; periodId: string }[]> {
    const rows = await manager.getRepository(EvaluatorAssignment).find({ where: { userId } });
    return rows.map((r) => ({ agencyId: r.agencyId, periodId: r.periodId }));
  }

  async replaceAssignments(
    userId: string,
    pairs: { agencyId: string; periodId: string }[],
    manager: EntityManager,
  ) {
    const repo = manager.getRepository(EvaluatorAssignment);
    await repo.delete({ userId });
    if (pairs.length) await repo.insert(pairs.map((p) => ({ userId, ...p })));
  }

  /** An evaluator's agencies for one period, replacing that period's list (others are kept). */
  async replaceAssignmentsForPeriod(
    userId: string,
    periodId: string,
    agencyIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    const repo = manager.getRepository(EvaluatorAssignment);
    await repo.delete({ userId, periodId });
    const rows = [...new Set(agencyIds)].map((agencyId) => ({ userId, agencyId, periodId }));
    if (rows.length) await repo.insert(rows);
  }

  /**
   * The language of the person's e-mail (chosen with their notification preferences), in the
   * caller's transaction. The version stays: the admin's form of the account does not hold it.
   */
  async setMailLanguage(id: string, lang: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE app_user SET lang = $2 WHERE id = $1', [id, lang]);
  }

  /** Locks the account's row for the rest of the transaction. */
  async lock(id: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [id]);
  }

  countDemoUsers(): Promise<number> {
    return this.repo().count({ where: { isDemo: true } });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
