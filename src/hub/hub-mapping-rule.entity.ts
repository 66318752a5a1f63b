import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Unit } from '../units/unit.entity';
import { User } from '../users/user.entity';
import type { MatchType } from './parsers';

/**
 * Attributes hub data to a unit: WSO2 has no notion of a work unit, so the agency states which
 * provider, owner, tag, context or API id belongs to which unit. Unique per agency, match type
 * and case-insensitive value (an expression index in the migration).
 */
@Entity('hub_mapping_rule')
@Index('hub_mapping_rule_uq', { synchronize: false })
@Index('hub_mapping_rule_unit_idx', ['unitId'])
@Check(
  'hub_mapping_rule_type',
  `match_type IN ('api_id', 'additional_property', 'business_owner', 'tag', 'provider', 'context_prefix', 'app_owner')`,
)
export class HubMappingRule {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'hub_mapping_rule_pkey' })
  id!: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => Agency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'hub_mapping_rule_agency_fk' })
  agency?: Agency;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'hub_mapping_rule_unit_fk' })
  unit?: Unit;

  @Column({ name: 'match_type', type: 'text' })
  matchType!: MatchType;

  @Column({ name: 'match_value', type: 'text' })
  matchValue!: string;

  /** 'manual', or the id of the F8 import that declared the rule. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'hub_mapping_rule_user_fk' })
  creator?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
