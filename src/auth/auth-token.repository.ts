import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuthToken, TokenKind } from './auth-token.entity';

@Injectable()
export class AuthTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(AuthToken);
  }

  insert(fields: Pick<AuthToken, 'userId' | 'kind' | 'tokenHash' | 'expiresAt'> & Partial<AuthToken>) {
    return this.repo.save(this.repo.create({ ...fields, lastUsedAt: new Date() }));
  }

  /** The token with its user, if it exists and is not revoked; expiry is judged by the caller. */
  findLive(tokenHash: string): Promise<AuthToken | null> {
    // One statement on every request: `findOne` with a to-many relation sends two (ids, then rows).
    return this.repo
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u')
      .leftJoinAndSelect('u.units', 'un')
      .where('t.token_hash = :tokenHash AND t.revoked_at IS NULL', { tokenHash })
      .getOne();
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
