import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** queued → sending → sent; a refusal or too many tries end in failed (with the server's answer). */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One e-mail to one person, written in the transaction of the event it tells about (outbox).
 * It keeps what the message says (kind, payload, link) rather than the rendered text, so the
 * worker renders it in the recipient's language when it sends.
 */
@Entity('mail_outbox')
@Index('mail_outbox_due_idx', ['status', 'nextAttemptAt'])
@Index('mail_outbox_created_idx', ['createdAt'])
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Kept for the unsubscribe link; the row stays when the user is removed. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'to_address', type: 'text' })
  toAddress!: string;

  @Column({ type: 'text' })
  lang!: string;

  /** The event (a notification kind) or `digest`. */
  @Column({ type: 'text' })
  kind!: string;

  /** The page of this site the mail links back to (a path). */
  @Column({ type: 'text' })
  link!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'enum', enum: MAIL_STATUSES, enumName: 'mail_status', default: 'queued' })
  status!: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** The mail server's last answer (or the connection error) when it did not take the mail. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
