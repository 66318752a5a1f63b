import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Role } from '../access/roles';
import { AuthToken, TokenKind } from './auth-token.entity';

/** What authenticating a request needs of a token and its user. */
export interface LiveToken {
  id: string;
  kind: TokenKind;
  expiresAt: Date | null;
  lastUsedAt: Date;
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    agencyId: string | null;
    active: boolean;
    mustChangePassword: boolean;
    unitIds: string[];
  };
}

@Injectable()
export class AuthTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(AuthToken);
  }

  insert(fields: Pick<AuthToken, 'userId' | 'kind' | 'tokenHash' | 'expiresAt'> & Partial<AuthToken>) {
    return this.repo.save(this.repo.create({ ...fields, lastUsedAt: new Date() }));
  }

  /**
   * The token with its user, if it exists and is not revoked; expiry is judged by the caller.
   * One plain statement on every request, with only the columns authentication reads: built by
   * the query builder with the user's units as entities it cost more CPU than any other step of
   * a request (bench/write-cpu.bench.ts).
   */
  async findLive(tokenHash: string): Promise<LiveToken | null> {
    const rows: LiveToken[] = await this.dataSource.query(
      `SELECT t.id, t.kind, t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
              json_build_object(
                'id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role,
                'agencyId', u.agency_id, 'active', u.active, 'mustChangePassword', u.must_change_password,
                'unitIds', ARRAY(SELECT uu.unit_id FROM user_unit uu WHERE uu.user_id = u.id ORDER BY uu.unit_id)
              ) AS "user"
         FROM auth_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.repo.update(id, { lastUsedAt: at });
  }

  async revoke(id: string): Promise<void> {
    await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Pass the caller's manager inside a transaction: never wait on a second connection there. */
  async revokeAllForUser(userId: string, kinds: TokenKind[], manager?: EntityManager): Promise<void> {
    const repo = (manager ?? this.dataSource.manager).getRepository(AuthToken);
    await repo.update({ userId, kind: In(kinds), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  listPersonal(userId: string): Promise<AuthToken[]> {
    return this.repo.find({
      where: { userId, kind: 'personal', revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  findPersonal(userId: string, id: string): Promise<AuthToken | null> {
    return this.repo.findOne({ where: { id, userId, kind: 'personal', revokedAt: IsNull() } });
  }

  /** Removes sessions and tokens that can no longer be used. */
  async purgeExpired(now: Date): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM auth_token WHERE (expires_at IS NOT NULL AND expires_at < $1)
         OR (revoked_at IS NOT NULL AND revoked_at < $1 - interval '30 days')`,
      [now],
    );
  }
}
