/**
 * Email copies of notifications: OFF by default, and there is no sender. The in-app inbox is the
 * channel. Email needs a mail transport (nodemailer is not a dependency) and an environment flag
 * read by src/config/app-config.ts (e.g. NOTIFY_EMAIL=true plus SMTP settings); until both exist,
 * `email` stays false and nothing is sent.
 */
export interface NotificationsConfig {
  email: boolean;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export const DEFAULT_NOTIFICATIONS_CONFIG: NotificationsConfig = { email: false };
