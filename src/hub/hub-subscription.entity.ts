import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { HubImport } from './hub-import.entity';

/** Which application subscribes to which API on a hub; only active ones count as consumers. */
@Entity('hub_subscription')
@Index('hub_subscription_uq', ['agencyId', 'hubId', 'apiKey', 'appKey'], { unique: true })
export class HubSubscriptionRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_subscription_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_subscription_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'api_key', type: 'text' })
  apiKey!: string;

  @Column({ name: 'app_key', type: 'text' })
  appKey!: string;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ type: 'text', nullable: true })
  tier!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_subscription_import_fk' })
  lastImport?: HubImport;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
