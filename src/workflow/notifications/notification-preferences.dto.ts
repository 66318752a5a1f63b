import { IsIn, IsOptional, IsString } from 'class-validator';
import { LANGS, Lang } from '../../i18n/i18n';
import { MAIL_MODES, MailMode } from './notification-preference.entity';

/** The preferences form: one choice per notification kind, and the language of the mail. */
export class NotificationPreferencesDto {
  @IsOptional() @IsIn(LANGS) mailLang?: Lang;
  @IsOptional() @IsIn(MAIL_MODES) submitted?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) assigned?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) returned?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) reopened?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) answered?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) deadline?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) overdue?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) finalised?: MailMode;
  @IsOptional() @IsIn(MAIL_MODES) spl_certificate?: MailMode;
}

export class UnsubscribeDto {
  @IsOptional() @IsString() token?: string;
  /** Sent by mail clients doing a one-click unsubscribe (RFC 8058). */
  @IsOptional() @IsString() 'List-Unsubscribe'?: string;
}

export class UnsubscribeQuery {
  @IsOptional() @IsString() token?: string;
}
