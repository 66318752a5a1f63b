import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';

/**
 * The latest TLS check of one SPL gateway base URL the agency recorded: the certificate the
 * server presented (subject, issuer, validity) and whether its chain verified for that host.
 * One row per agency, hub and URL; every check replaces it.
 */
@Entity('hub_endpoint_check')
@Index('hub_endpoint_check_uq', ['agencyId', 'hubId', 'url'], { unique: true })
export class HubEndpointCheckRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'hub_endpoint_check_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_endpoint_check_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;

  /** A TLS handshake took place (the certificate fields are then set). */
  @Column({ type: 'boolean' })
  reachable!: boolean;

  @Column({ name: 'chain_verified', type: 'boolean', default: false })
  chainVerified!: boolean;

  /** Why the connection or the verification failed (Node's error code, e.g. CERT_HAS_EXPIRED). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true })
  validFrom!: Date | null;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;

  /** The expiry date the agency was last told about (see HubHealthScheduler). */
  @Column({ name: 'notice_valid_to', type: 'timestamptz', nullable: true })
  noticeValidTo!: Date | null;
}
