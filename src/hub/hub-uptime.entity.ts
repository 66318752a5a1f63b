import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { HubImport } from './hub-import.entity';
import type { UptimeIncident } from './parsers';

/** Uptime of one monitored gateway over one period; read directly by the PDF reports too. */
@Entity('hub_uptime')
@Index('hub_uptime_uq', ['agencyId', 'hubId', 'monitorId', 'periodStart', 'periodEnd'], { unique: true })
// (agency_id, period_end) INCLUDE (period_start, uptime_pct), created by migrations DirectoryIndexes and
// DirectoryUptimeCovering:
// the SPL directory's latest period and 30-day window per agency.
@Index('hub_uptime_agency_end_idx', { synchronize: false })
export class HubUptimeRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'hub_uptime_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_uptime_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'monitor_id', type: 'text' })
  monitorId!: string;

  @Column({ name: 'monitor_name', type: 'text' })
  monitorName!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd!: Date;

  @Column({ name: 'uptime_pct', type: 'numeric' })
  uptimePct!: string;

  @Column({ name: 'avg_response_ms', type: 'numeric', nullable: true })
  avgResponseMs!: string | null;

  @Column({ name: 'down_events', type: 'integer', nullable: true })
  downEvents!: number | null;

  @Column({ name: 'downtime_sec', type: 'bigint', nullable: true })
  downtimeSec!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  incidents!: UptimeIncident[] | null;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_uptime_import_fk' })
  lastImport?: HubImport;
}
