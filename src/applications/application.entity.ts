import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';
import { Unit } from '../units/unit.entity';

export const EXCHANGE_MODES = ['spl', 'point_to_point', 'none'] as const;
export type ExchangeMode = (typeof EXCHANGE_MODES)[number];
/** How the application uses the SPLP (the SPLP onboarding material's "tipe pemanfaatan"). */
export const USAGE_TYPES = ['not_integrated', 'scratch', 'api_ready', 'spl_ippd_ready'] as const;
export type UsageType = (typeof USAGE_TYPES)[number];
/** A common application (aplikasi umum, shared by agencies) or a sector one. */
export const APP_SCOPES = ['common', 'sector'] as const;
export type AppScope = (typeof APP_SCOPES)[number];

/** An application of a unit, and how it exchanges data: through the SPL counts, host-to-host never does. */
@Entity('application')
@Index('application_unit_name_uq', ['unitId', 'name'], { unique: true })
export class Application extends AgencyOwnedEntity {
  @Index()
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: EXCHANGE_MODES, enumName: 'exchange_mode', default: 'none' })
  exchange!: ExchangeMode;

  @Column({
    name: 'usage_type',
    type: 'enum',
    enum: USAGE_TYPES,
    enumName: 'splp_usage_type',
    default: 'not_integrated',
  })
  usageType!: UsageType;

  @Column({ name: 'has_api', type: 'boolean', default: false })
  hasApi!: boolean;

  @Column({ type: 'boolean', default: true })
  operating!: boolean;

  @Column({
    name: 'app_scope',
    type: 'enum',
    enum: APP_SCOPES,
    enumName: 'application_scope',
    default: 'sector',
  })
  appScope!: AppScope;
}
