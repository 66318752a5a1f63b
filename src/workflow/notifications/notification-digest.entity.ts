import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/user.entity';

/** An event waiting for its person's daily digest mail; removed when the digest is queued. */
@Entity('notification_digest_item')
@Index('notification_digest_item_user_idx', ['userId'])
export class NotificationDigestItem {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'notification_digest_item_pk',
  })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_digest_item_user_fk' })
  user?: User;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  link!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One digest per person per day: two app instances scanning at once cannot both send it. */
@Entity('notification_digest_run')
export class NotificationDigestRun {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'notification_digest_run_pk' })
  userId!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'notification_digest_run_pk' })
  day!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_digest_run_user_fk' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
