import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { UserRepository } from '../users/user.repository';
import { AuthToken } from './auth-token.entity';
import { AuthTokenRepository } from './auth-token.repository';
import { CreatedTokenView, TokenView } from './auth.dto';
import { AuthService } from './auth.service';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { refuse } from '../i18n/refusal';

const DEFAULT_TOKEN_DAYS = 365;

/** What a signed-in person does to their own account: password and personal API tokens. */
@Injectable()
export class AccountService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuthTokenRepository) private readonly tokens: AuthTokenRepository,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Checks the current password, stores the new one, and ends every other session and token. */
  async changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw refuse(NotFoundException, 'msg.not_found.user');
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw refuse(BadRequestException, 'msg.account.current_wrong');
    }
    const problem = passwordProblem(next, [user.username, user.displayName]);
    if (problem) throw refuse(BadRequestException, 'msg.password.problem', { field: 'newPassword', problem });
    if (next === current) throw refuse(BadRequestException, 'msg.account.same_password');
    user.passwordHash = await hashPassword(next);
    user.mustChangePassword = false;
    await this.users.save(user);
    await this.tokens.revokeAllForUser(user.id, ['session', 'access', 'personal']);
    await this.audit.record({
      action: 'password.changed',
      actorId: actor.userId,
      actorName: actor.username,
      agencyId: actor.agencyId,
      subjectType: 'user',
      subjectId: actor.userId,
    });
  }

  async listTokens(actor: Actor): Promise<TokenView[]> {
    return (await this.tokens.listPersonal(actor.userId)).map(tokenView);
  }

  async createToken(actor: Actor, name: string, days = DEFAULT_TOKEN_DAYS): Promise<CreatedTokenView> {
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    const { secret, token } = await this.auth.createPersonalToken(actor, name.trim(), expiresAt);
    return { ...tokenView(token), token: secret };
  }

  async revokeToken(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.tokens.findPersonal(actor.userId, tokenId);
    if (!token) throw refuse(NotFoundException, 'msg.not_found.token');
    await this.tokens.revoke(token.id);
    await this.audit.record({
      action: 'token.revoked',
      actorId: actor.userId,
      actorName: actor.username,
      agencyId: actor.agencyId,
      subjectType: 'auth_token',
      subjectId: token.id,
      detail: { name: token.name },
    });
  }
}

function tokenView(token: AuthToken): TokenView {
  return {
    id: token.id,
    name: token.name ?? '',
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt ? token.lastUsedAt.toISOString() : null,
    expiresAt: token.expiresAt ? token.expiresAt.toISOString() : null,
  };
}
