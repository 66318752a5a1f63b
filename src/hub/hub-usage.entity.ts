import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { HubImport } from './hub-import.entity';
import type { ExtraHistograms, FaultType, LatencySummary } from './parsers';

/**
 * Calls of one API (by one application and key type) in one period. The natural key is an
 * expression index in the migration (app and key type may be absent), so an overlapping import
 * replaces a bucket instead of counting it twice. Read directly by the PDF reports too.
 */
@Entity('hub_usage')
@Index('hub_usage_uq', { synchronize: false })
@Index('hub_usage_period_idx', ['agencyId', 'periodStart'])
@Check('hub_usage_precision', `precision IN ('RAW', 'AGGREGATED')`)
export class HubUsageRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'hub_usage_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_usage_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd!: Date;

  @Column({ name: 'api_key', type: 'text' })
  apiKey!: string;

  @Column({ name: 'app_key', type: 'text', nullable: true })
  appKey!: string | null;

  @Column({ name: 'key_type', type: 'text', nullable: true })
  keyType!: string | null;

  @Column({ name: 'api_name', type: 'text', nullable: true })
  apiName!: string | null;

  @Column({ name: 'api_version', type: 'text', nullable: true })
  apiVersion!: string | null;

  @Column({ name: 'app_name', type: 'text', nullable: true })
  appName!: string | null;

  @Column({ name: 'app_owner', type: 'text', nullable: true })
  appOwner!: string | null;

  @Column({ name: 'total_calls', type: 'bigint' })
  totalCalls!: string;

  @Column({ name: 'success_calls', type: 'bigint', nullable: true })
  successCalls!: string | null;

  @Column({ name: 'client_error_calls', type: 'bigint', nullable: true })
  clientErrorCalls!: string | null;

  @Column({ name: 'server_error_calls', type: 'bigint', nullable: true })
  serverErrorCalls!: string | null;

  @Column({ name: 'fault_calls', type: 'bigint', nullable: true })
  faultCalls!: string | null;

  @Column({ name: 'faults_by_type', type: 'jsonb', nullable: true })
  faultsByType!: Partial<Record<FaultType, number>> | null;

  /** Calls by the gateway's status code (RAW only): `{"200": 10, "429": 1}`. */
  @Column({ name: 'status_codes', type: 'jsonb', nullable: true })
  statusCodes!: Record<string, number> | null;

  /**
   * Calls by OS family and by browser family, RAW only (`{"Android": 40, "UNKNOWN": 2}`, at most
   * 20 names and OTHER): no user, IP or user agent header of a call is stored (issue 22, point 6).
   */
  @Column({ type: 'jsonb', nullable: true })
  platforms!: Record<string, number> | null;

  @Column({ name: 'user_agents', type: 'jsonb', nullable: true })
  userAgents!: Record<string, number> | null;

  /** Backend and request-mediation latency histograms of RAW buckets, merged like the response one. */
  @Column({ name: 'extra_histograms', type: 'jsonb', nullable: true })
  extraHistograms!: ExtraHistograms | null;

  /** p50Ms, p95Ms, p99Ms, avgMs...: computed from events (RAW) or as the file reported them. */
  @Column({ type: 'jsonb', nullable: true })
  latency!: LatencySummary | null;

  /** Ascending [ms, count] pairs of RAW buckets: merged, they give exact percentiles over any span. */
  @Column({ name: 'latency_histogram', type: 'jsonb', nullable: true })
  latencyHistogram!: Array<[number, number]> | null;

  @Column({ type: 'text' })
  precision!: 'RAW' | 'AGGREGATED';

  @Column({ name: 'reported_source', type: 'text', nullable: true })
  reportedSource!: string | null;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_usage_import_fk' })
  lastImport?: HubImport;
}
