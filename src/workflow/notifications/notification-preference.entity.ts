import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../../users/user.entity';

/** How a person gets the e-mail of one kind of event; the inbox keeps every event regardless. */
export const MAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** A person's choice for one notification kind; no row means `immediate`. */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'notification_preference_pk' })
  userId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'notification_preference_pk' })
  kind!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_preference_user_fk' })
  user?: User;

  @Column({ type: 'enum', enum: MAIL_MODES, enumName: 'mail_mode' })
  mode!: MailMode;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
