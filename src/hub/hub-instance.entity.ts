import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { HubImport } from './hub-import.entity';

/** A hub (SPL or the national SPLP) declared by an F8 hubs file, with every gateway URL it has. */
@Entity('hub_instance')
@Index('hub_instance_uq', ['agencyId', 'hubId'], { unique: true })
export class HubInstance {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_instance_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_instance_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** NASIONAL, INSTANSI or DAERAH. */
  @Column({ type: 'text' })
  level!: string;

  @Column({ type: 'text' })
  platform!: string;

  @Column({ name: 'gateway_base_urls', type: 'text', array: true })
  gatewayBaseUrls!: string[];

  @Column({ name: 'tenant_domain', type: 'text', nullable: true })
  tenantDomain!: string | null;

  @Column({ name: 'parent_hub_id', type: 'text', nullable: true })
  parentHubId!: string | null;

  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId!: string | null;

  @ManyToOne(() => HubImport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_instance_import_fk' })
  lastImport?: HubImport | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
