import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Application } from '../applications/application.entity';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Unit } from '../units/unit.entity';
import { User } from '../users/user.entity';

/**
 * Who is who on the road to the SPLP: the unit that operates the SPL, the data steward (Wali
 * Data), the agency's SPLP contact person (one each per agency), each unit's role as provider or
 * consumer of data services and the person responsible for each application. `subject` is ''
 * for the agency's roles, else the unit's or the application's id, so each role is held once.
 */
@Entity('onboarding_role')
@Index('onboarding_role_uq', ['agencyId', 'role', 'subject'], { unique: true })
export class OnboardingRole extends AgencyOwnedEntity {
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', default: '' })
  subject!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'onboarding_role_unit_fk' })
  unit?: Unit;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'onboarding_role_application_fk' })
  application?: Application;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'onboarding_role_user_fk' })
  user?: User;

  /** For a unit's `data_service` role: provider, consumer or both. */
  @Column({ name: 'service_role', type: 'text', nullable: true })
  serviceRole!: string | null;
}
