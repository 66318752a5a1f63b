export type { MailConfig } from '../config/mail-config';

/** Injection token of the {@link MailConfig}. */
export const MAIL_CONFIG = Symbol('MAIL_CONFIG');
