import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PERIOD_STAGES, Period, PeriodStage } from '../../periods/period.entity';
import { User } from '../../users/user.entity';

/** A stage-deadline reminder sent to one person (3 or 1 days before): recorded so it goes once. */
@Entity('deadline_reminder')
export class DeadlineReminder {
  @PrimaryColumn({ name: 'period_id', type: 'uuid', primaryKeyConstraintName: 'deadline_reminder_pk' })
  periodId!: string;

  @PrimaryColumn({
    type: 'enum',
    enum: PERIOD_STAGES,
    enumName: 'period_stage',
    primaryKeyConstraintName: 'deadline_reminder_pk',
  })
  stage!: PeriodStage;

  @PrimaryColumn({ name: 'days_before', type: 'int', primaryKeyConstraintName: 'deadline_reminder_pk' })
  daysBefore!: number;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'deadline_reminder_pk' })
  userId!: string;

  @ManyToOne(() => Period, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'deadline_reminder_period_fk' })
  period?: Period;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'deadline_reminder_user_fk' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
