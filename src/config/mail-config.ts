/**
 * What e-mail needs from AppConfig (the environment is read there, not here): SMTP_URL,
 * MAIL_FROM, APP_URL and the MAIL_* timings. Without SMTP_URL and MAIL_FROM the app is inbox-only.
 */
export interface MailConfig {
  /** True when both SMTP_URL and MAIL_FROM are set. */
  enabled: boolean;
  /** SMTP_URL, e.g. `smtp://user:pass@mail.example.go.id:587` or `smtps://…:465`. */
  smtpUrl?: string;
  /** MAIL_FROM, e.g. `SPBE Tracker <noreply@example.go.id>`. */
  from?: string;
  /** APP_URL: the address people open, for links in mail (default http://localhost:PORT). */
  appUrl: string;
  /** MAIL_WORKER_INTERVAL_MS: how often queued mail is sent; 0 stops the in-process worker. */
  workerIntervalMs: number;
  /** MAIL_SCAN_INTERVAL_MS: how often digests and deadline reminders are looked for; 0 stops it. */
  scanIntervalMs: number;
  /** MAIL_MAX_ATTEMPTS: tries before a mail is marked failed. */
  maxAttempts: number;
  /** MAIL_RETRY_BASE_MS: the first retry waits this long, each next one twice as long (capped at 6 h). */
  retryBaseMs: number;
  /** MAIL_DIGEST_HOUR: the hour (in TIME_ZONE) from which the day's digest goes out. */
  digestHour: number;
  /** TIME_ZONE: where "today" is for digests and stage deadlines (default Asia/Jakarta). */
  timeZone: string;
}
