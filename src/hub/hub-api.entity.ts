import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Application } from '../applications/application.entity';
import { Unit } from '../units/unit.entity';
import { HubImport } from './hub-import.entity';
import { HubMappingRule } from './hub-mapping-rule.entity';

export type LinkMode = 'auto' | 'manual';

/**
 * The current state of one API on a hub, upserted on (agency, hub, api key) by every import that
 * mentions it. Attribution (unit and the rule that matched) and the link to one of our
 * applications are derived after each import; a manual link is never overwritten.
 */
@Entity('hub_api')
@Index('hub_api_uq', ['agencyId', 'hubId', 'apiKey'], { unique: true })
@Index('hub_api_unit_idx', ['agencyId', 'unitId'])
// Partial (application_id IS NOT NULL), created by migration ScaleIndexes: the facts query looks
// applications up here (src/levels/hub-via-spl.repository.ts).
@Index('hub_api_application_idx', { synchronize: false })
// Partial (published_on_bus), created by migration DirectoryIndexes: the SPL directory counts here.
@Index('hub_api_published_idx', { synchronize: false })
@Check('hub_api_link', `application_link IN ('auto', 'manual')`)
export class HubApiRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_api_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_api_agency_fk' })
  agency?: Agency;

  @Column({ name: 'hub_id', type: 'text' })
  hubId!: string;

  @Column({ name: 'api_key', type: 'text' })
  apiKey!: string;

  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ type: 'text', nullable: true })
  context!: string | null;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ name: 'tenant_domain', type: 'text' })
  tenantDomain!: string;

  @Column({ name: 'lifecycle_status', type: 'text', nullable: true })
  lifecycleStatus!: string | null;

  @Column({ name: 'published_on_bus', type: 'boolean', default: false })
  publishedOnBus!: boolean;

  @Column({ name: 'api_type', type: 'text', nullable: true })
  apiType!: string | null;

  @Column({ type: 'text', array: true })
  tags!: string[];

  @Column({ name: 'business_owner', type: 'text', nullable: true })
  businessOwner!: string | null;

  @Column({ name: 'technical_owner', type: 'text', nullable: true })
  technicalOwner!: string | null;

  @Column({ type: 'jsonb' })
  props!: Record<string, string>;

  @Column({ name: 'production_url', type: 'text', nullable: true })
  productionUrl!: string | null;

  @Column({ name: 'sandbox_url', type: 'text', nullable: true })
  sandboxUrl!: string | null;

  @Column({ name: 'operation_count', type: 'integer', nullable: true })
  operationCount!: number | null;

  @Column({ name: 'deployed_envs', type: 'text', array: true, nullable: true })
  deployedEnvs!: string[] | null;

  /** Best-effort UTC, and the text as the file wrote it (WSO2 writes local time without a zone). */
  @Column({ name: 'source_created_at', type: 'timestamptz', nullable: true })
  sourceCreatedAt!: Date | null;

  @Column({ name: 'source_created_text', type: 'text', nullable: true })
  sourceCreatedText!: string | null;

  @Column({ name: 'source_updated_at', type: 'timestamptz', nullable: true })
  sourceUpdatedAt!: Date | null;

  @Column({ name: 'source_updated_text', type: 'text', nullable: true })
  sourceUpdatedText!: string | null;

  /** The format variant of the last file that described the API ('usage' when only seen in usage). */
  @Column({ type: 'text' })
  variant!: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HubImport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'hub_api_import_fk' })
  lastImport?: HubImport;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'hub_api_unit_fk' })
  unit?: Unit | null;

  @Column({ name: 'unit_rule_id', type: 'uuid', nullable: true })
  unitRuleId!: string | null;

  @ManyToOne(() => HubMappingRule, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_rule_id', foreignKeyConstraintName: 'hub_api_rule_fk' })
  unitRule?: HubMappingRule | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @ManyToOne(() => Application, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'hub_api_application_fk' })
  application?: Application | null;

  @Column({ name: 'application_link', type: 'text', nullable: true })
  applicationLink!: LinkMode | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
