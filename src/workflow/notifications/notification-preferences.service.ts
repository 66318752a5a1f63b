import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../access/actor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isLang } from '../../i18n/i18n';
import { readUnsubscribeToken } from '../../mail/unsubscribe-token';
import { UserRepository } from '../../users/user.repository';
import { NOTIFICATION_KINDS, NotificationKind } from './notification.entity';
import { MailMode } from './notification-preference.entity';
import { NotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationsRepository } from './notifications.repository';
import { refuse } from '../../i18n/refusal';

/** The kinds a person chooses for, in the order the page lists them. */
export const CHOOSABLE_KINDS: readonly NotificationKind[] = [
  'submitted',
  'assigned',
  'returned',
  'reopened',
  'answered',
  'deadline',
  'overdue',
  'finalised',
  'spl_certificate',
];

/** Each person's choice per notification kind (immediate, daily digest, off) and mail language. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  async view(actor: Actor) {
    const m = this.dataSource.manager;
    const modes = await this.repo.preferences(actor.userId, m);
    const user = await this.repo.userMailSettings(m, actor.userId);
    return {
      email: user?.email ?? null,
      mailLang: user?.lang ?? 'id',
      enabled: this.config.mail.enabled,
      digestHour: this.config.mail.digestHour,
      timeZone: this.config.mail.timeZone,
      kinds: CHOOSABLE_KINDS.map((kind) => ({ kind, mode: modes.get(kind) ?? 'immediate' })),
    };
  }

  async save(actor: Actor, dto: NotificationPreferencesDto): Promise<void> {
    const modes: Record<string, MailMode> = {};
    for (const kind of CHOOSABLE_KINDS) {
      const mode = dto[kind as keyof NotificationPreferencesDto] as MailMode | undefined;
      if (mode) modes[kind] = mode;
    }
    await this.dataSource.transaction(async (m) => {
      await this.repo.setPreferences(m, actor.userId, modes);
      if (dto.mailLang) await this.users.setMailLanguage(actor.userId, dto.mailLang, m);
    });
  }

  /** Reads an unsubscribe token; undefined when it is not one this server signed. */
  readToken(token: unknown): { userId: string; kind: string } | undefined {
    const read = readUnsubscribeToken(this.config.sessionSecret, token);
    if (!read) return undefined;
    const known = read.kind === 'digest' || (NOTIFICATION_KINDS as readonly string[]).includes(read.kind);
    return known ? read : undefined;
  }

  /** Turns off the one kind of mail the token names (for the digest: every kind sent in it). */
  async unsubscribe(token: unknown): Promise<{ kind: string }> {
    const read = this.readToken(token);
    if (!read) throw refuse(BadRequestException, 'msg.notify.bad_token');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.repo.userMailSettings(m, read.userId))) return;
      if (read.kind === 'digest') await this.repo.turnOffDigest(m, read.userId);
      else await this.repo.setPreferences(m, read.userId, { [read.kind]: 'off' });
    });
    return { kind: read.kind };
  }

  mailLanguages(current: string) {
    return ['id', 'en'].filter(isLang).map((value) => ({ value, selected: value === current }));
  }
}
