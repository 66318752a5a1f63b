import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Application } from '../applications/application.entity';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { User } from '../users/user.entity';

export const ONBOARDING_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

/**
 * One tracked item of the road to the SPLP: a step of an application's SPLP process
 * (`applicationId` set) or an item of one of the agency's checklists (`applicationId` null).
 * The item keys are data (onboarding.catalogue.ts). A row exists once someone has written it;
 * until then the item reads as not started.
 */
@Entity('onboarding_item')
@Index('onboarding_item_app_uq', ['applicationId', 'item'], {
  unique: true,
  where: '"application_id" IS NOT NULL',
})
@Index('onboarding_item_agency_uq', ['agencyId', 'item'], { unique: true, where: '"application_id" IS NULL' })
export class OnboardingItem extends AgencyOwnedEntity {
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'onboarding_item_application_fk' })
  application?: Application;

  @Column({ type: 'text' })
  item!: string;

  @Column({
    type: 'enum',
    enum: ONBOARDING_STATUSES,
    enumName: 'onboarding_status',
    default: 'not_started',
  })
  status!: OnboardingStatus;

  /** The person in charge: a user of the agency, notified when the item is overdue. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'onboarding_item_owner_fk' })
  owner?: User;

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'done_on', type: 'date', nullable: true })
  doneOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: () => "'{}'" })
  evidenceIds!: string[];

  /** The day the owner was last told the item is overdue (one inbox entry per due date). */
  @Column({ name: 'overdue_notified_on', type: 'date', nullable: true })
  overdueNotifiedOn!: string | null;
}
