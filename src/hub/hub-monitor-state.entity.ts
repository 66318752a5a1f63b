import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { HubImport } from './hub-import.entity';

/**
 * What the latest uptime-monitor export said about one monitored gateway: status and since
 * when, the latest downtime, certificate and domain expiry. One row per monitor; a later export
 * replaces it, an older one never does.
 */
@Entity('hub_monitor_state')
@Index('hub_monitor_state_uq', ['agencyId', 'hubId', 'monitorId'], { unique: true })
@Check('hub_monitor_state_status', `status IN ('UP', 'DOWN', 'PAUSED', 'UNKNOWN')`)
export class HubMonitorStateRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'hub_monitor_state_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_monitor_state_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'monitor_id', type: 'text' })
  monitorId!: string;

  @Column({ name: 'monitor_name', type: 'text' })
  monitorName!: string;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'status_since', type: 'timestamptz', nullable: true })
  statusSince!: Date | null;

  @Column({ name: 'last_down_start', type: 'timestamptz', nullable: true })
  lastDownStart!: Date | null;

  @Column({ name: 'last_down_sec', type: 'numeric', nullable: true })
  lastDownSec!: string | null;

  @Column({ name: 'last_down_reason', type: 'text', nullable: true })
  lastDownReason!: string | null;

  @Column({ name: 'avg_response_ms', type: 'numeric', nullable: true })
  avgResponseMs!: string | null;

  @Column({ name: 'ssl_expires_at', type: 'timestamptz', nullable: true })
  sslExpiresAt!: Date | null;

  @Column({ name: 'ssl_issuer', type: 'text', nullable: true })
  sslIssuer!: string | null;

  @Column({ name: 'domain_expires_at', type: 'timestamptz', nullable: true })
  domainExpiresAt!: Date | null;

  @Column({ name: 'observed_at', type: 'timestamptz', nullable: true })
  observedAt!: Date | null;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_monitor_state_import_fk' })
  lastImport?: HubImport;
}
