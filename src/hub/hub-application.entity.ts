import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Application } from '../applications/application.entity';
import { Unit } from '../units/unit.entity';
import type { LinkMode } from './hub-api.entity';
import { HubImport } from './hub-import.entity';
import { HubMappingRule } from './hub-mapping-rule.entity';

/** A consumer application on a hub (from subscriptions, application lists or analytics events). */
@Entity('hub_application')
@Index('hub_application_uq', ['agencyId', 'hubId', 'appKey'], { unique: true })
@Index('hub_application_unit_idx', ['agencyId', 'unitId'])
// Partial (application_id IS NOT NULL), created by migration ScaleIndexes: the facts query looks
// applications up here (src/levels/hub-via-spl.repository.ts).
@Index('hub_application_application_idx', { synchronize: false })
@Check('hub_application_link', `application_link IN ('auto', 'manual')`)
export class HubApplicationRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_application_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_application_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'app_key', type: 'text' })
  appKey!: string;

  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'text', nullable: true })
  status!: string | null;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_application_import_fk' })
  lastImport?: HubImport;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'hub_application_unit_fk' })
  unit?: Unit | null;

  @Column({ name: 'unit_rule_id', type: 'uuid', nullable: true })
  unitRuleId!: string | null;

  @ManyToOne(() => HubMappingRule, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_rule_id', foreignKeyConstraintName: 'hub_application_rule_fk' })
  unitRule?: HubMappingRule | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => Application, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'hub_application_application_fk' })
  application?: Application | null;

  @Column({ name: 'application_link', type: 'text', nullable: true })
  applicationLink!: LinkMode | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
