import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One agency's frozen results for a period. Rows are immutable: the database refuses UPDATE and
 * DELETE (trigger), and no code path changes them. No foreign keys on purpose: frozen results do
 * not depend on the life of live rows.
 */
@Entity('agency_freeze')
export class AgencyFreeze {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @PrimaryColumn({ name: 'period_id', type: 'uuid' })
  periodId!: string;

  /** sha256 of the canonical JSON of [{ indicator, hash }] over the agency's frozen_result rows. */
  @Column({ name: 'snapshot_hash', type: 'text' })
  snapshotHash!: string;

  @Column({ name: 'engine_version', type: 'text' })
  engineVersion!: string;

  @Column({ name: 'framework_version', type: 'text' })
  frameworkVersion!: string;

  /** sha256 of the framework scored with (its canonical JSON in framework_snapshot); null before 2.0.0. */
  @Column({ name: 'framework_hash', type: 'text', nullable: true })
  frameworkHash!: string | null;

  /** sha256 of the period's framework package (framework_package.hash); null before issue 20.3. */
  @Column({ name: 'package_hash', type: 'text', nullable: true })
  packageHash!: string | null;

  /** The package's index as frozen (a period on a package other than SPBE 2020), with its levels. */
  @Column({ name: 'package_index', type: 'jsonb', nullable: true })
  packageIndex!: Record<string, unknown> | null;

  @Column({ name: 'frozen_at', type: 'timestamptz' })
  frozenAt!: Date;

  @Column({ name: 'frozen_by', type: 'uuid' })
  frozenBy!: string;
}
