import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BASES = ['supported', 'verified'] as const;
export type Basis = (typeof BASES)[number];

/**
 * Stored engine results so dashboards read levels without recomputing: one row per agency,
 * period, basis and indicator (unit_id null), plus one per unit for Indicator 18.
 */
@Entity('level_result')
@Index('level_result_uq', ['agencyId', 'periodId', 'basis', 'indicator', 'unitKey'], { unique: true })
@Index('level_result_period_idx', ['periodId', 'basis', 'indicator'])
export class LevelResult {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ type: 'enum', enum: BASES, enumName: 'level_basis' })
  basis!: Basis;

  @Column({ type: 'smallint' })
  indicator!: number;

  /** '' for the agency row, otherwise the unit id (a key column cannot be null in the unique index). */
  @Column({ name: 'unit_key', type: 'text', default: '' })
  unitKey!: string;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true })
  coverage!: string | null;
}

/**
 * The full engine output behind the stored levels, with the hash of the facts it was computed
 * from. The facts themselves are kept once the period is final (live data then no longer gives
 * them back); before that `LevelBatches.facts` rebuilds them.
 */
@Entity('score_snapshot')
@Index('score_snapshot_uq', ['agencyId', 'periodId'], { unique: true })
export class ScoreSnapshot {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  @Column({ name: 'facts_hash', type: 'char', length: 64 })
  factsHash!: string;

  /** `engineVersion|frameworkId|frameworkVersion` of the outputs: whether they are still current. */
  @Column({ name: 'engine_key', type: 'text', default: '' })
  engineKey!: string;

  // json, not jsonb: written and read whole, never searched (migration LeanSnapshots).
  @Column({ type: 'json', nullable: true })
  facts!: Record<string, unknown> | null;

  @Column({ type: 'json' })
  supported!: Record<string, unknown>;

  @Column({ type: 'json' })
  verified!: Record<string, unknown>;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
