import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AuthToken, TokenKind } from './auth-token.entity';
import { AuthTokenRepository, LiveToken } from './auth-token.repository';
import { decoyHash, verifyPassword } from './passwords';
import { PERSONAL_TOKEN_PREFIX, newSecret, sha256Hex } from '../common/token-secrets';
import { UnknownLogins } from './unknown-logins';

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

export type LoginResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'locked' };

export interface IssuedToken {
  secret: string;
  token: AuthToken;
}

/** Writes to last_used_at at most this often per token, so reads do not become writes. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly unknownLogins = new UnknownLogins();

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuthTokenRepository) private readonly tokens: AuthTokenRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks a password with lockout; every outcome is audited. Unknown names cost the same time. */
  async verifyCredentials(username: string, password: string, client: ClientInfo): Promise<LoginResult> {
    const user = await this.users.findByUsername(username);
    const base = { actorName: username, ip: client.ip ?? null };
    if (!user || !user.active) {
      // Counted like an account's failures, so the answers (and their timing) match an account's.
      if (this.unknownLogins.isLocked(username)) {
        await this.audit.record({ ...base, action: 'login.failure', detail: { reason: 'locked' } });
        return { ok: false, reason: 'locked' };
      }
      await verifyPassword(await decoyHash(), password);
      await this.audit.record({
        ...base,
        action: 'login.failure',
        detail: { reason: user ? 'inactive' : 'unknown' },
      });
      const { maxFailures, lockMs } = this.config.auth;
      const locked = this.unknownLogins.fail(username, maxFailures, lockMs);
      return { ok: false, reason: locked ? 'locked' : 'invalid' };
    }
    const who = { ...base, actorId: user.id, agencyId: user.agencyId };
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record({ ...who, action: 'login.failure', detail: { reason: 'locked' } });
      return { ok: false, reason: 'locked' };
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const { locked } = await this.users.recordFailure(
        user.id,
        this.config.auth.maxFailures,
        this.config.auth.lockMs,
      );
      await this.audit.record({ ...who, action: 'login.failure', detail: { reason: 'password' } });
      if (locked) await this.audit.record({ ...who, action: 'login.lockout' });
      return { ok: false, reason: locked ? 'locked' : 'invalid' };
    }
    await this.users.recordSuccess(user.id);
    await this.audit.record({ ...who, action: 'login.success' });
    return { ok: true, user };
  }

  startSession(user: User, client: ClientInfo): Promise<IssuedToken> {
    return this.issue(user.id, 'session', new Date(Date.now() + this.config.auth.sessionMaxMs), client);
  }

  issueAccessToken(user: User, client: ClientInfo): Promise<IssuedToken> {
    return this.issue(user.id, 'access', new Date(Date.now() + this.config.auth.accessTokenMs), client);
  }

  async createPersonalToken(actor: Actor, name: string, expiresAt: Date | null): Promise<IssuedToken> {
    const issued = await this.issue(actor.userId, 'personal', expiresAt, {}, name, PERSONAL_TOKEN_PREFIX);
    await this.audit.record({
      action: 'token.created',
      actorId: actor.userId,
      actorName: actor.username,
      agencyId: actor.agencyId,
      subjectType: 'auth_token',
      subjectId: issued.token.id,
      detail: { name },
    });
    return issued;
  }

  private async issue(
    userId: string,
    kind: TokenKind,
    expiresAt: Date | null,
    client: ClientInfo,
    name: string | null = null,
    prefix = '',
  ): Promise<IssuedToken> {
    const secret = newSecret(prefix);
    const token = await this.tokens.insert({
      userId,
      kind,
      tokenHash: sha256Hex(secret),
      expiresAt,
      name,
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return { secret, token };
  }

  /** The actor behind a session cookie or bearer token, or null when it is unknown or expired. */
  async authenticate(secret: string, channel: 'cookie' | 'bearer'): Promise<Actor | null> {
    const token = await this.tokens.findLive(sha256Hex(secret));
    if (!token?.user || !token.user.active) return null;
    if ((channel === 'cookie') !== (token.kind === 'session')) return null;
    const now = new Date();
    if (token.expiresAt && token.expiresAt <= now) return null;
    if (
      token.kind === 'session' &&
      now.getTime() - token.lastUsedAt.getTime() > this.config.auth.sessionIdleMs
    ) {
      await this.tokens.revoke(token.id);
      return null;
    }
    if (now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.tokens.touch(token.id, now);
    return this.actorFor(token.user, token);
  }

  private async actorFor(user: LiveToken['user'], token: LiveToken): Promise<Actor> {
    const unitIds = user.unitIds;
    const assignments = user.role === 'evaluator' ? await this.users.assignmentsOf(user.id) : [];
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
      unitIds: user.role === 'operator' && unitIds.length > 0 ? unitIds : null,
      assignedAgencyIds: [...new Set(assignments.map((a) => a.agencyId))],
      assignments,
      via: token.kind,
      tokenId: token.id,
      mustChangePassword: user.mustChangePassword,
    };
  }

  async logout(actor: Actor, client: ClientInfo): Promise<void> {
    await this.tokens.revoke(actor.tokenId);
    await this.audit.record({
      action: 'logout',
      actorId: actor.userId,
      actorName: actor.username,
      agencyId: actor.agencyId,
      ip: client.ip ?? null,
      detail: { via: actor.via },
    });
  }
}
