import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The final result of one indicator for one agency and period, with the facts it was scored
 * from and the versions that scored it. Immutable like agency_freeze.
 */
@Entity('frozen_result')
export class FrozenResult {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @PrimaryColumn({ type: 'smallint' })
  indicator!: number;

  /** The scoring facts exactly as stored in the agency's snapshot when the period went final. */
  @Column({ type: 'jsonb' })
  facts!: Record<string, unknown>;

  /** See FrozenIndicatorResult in freeze-hash.ts. */
  @Column({ type: 'jsonb' })
  result!: Record<string, unknown>;

  @Column({ name: 'engine_version', type: 'text' })
  engineVersion!: string;

  @Column({ name: 'framework_version', type: 'text' })
  frameworkVersion!: string;

  /** sha256 of the canonical JSON of the row's content (see freeze-hash.ts). */
  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'frozen_at', type: 'timestamptz' })
  frozenAt!: Date;
}
