import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The head of one chain as an anchor saw it. */
export interface ChainHead {
  chain: string;
  chainSeq: string;
  seq: string;
  hash: string;
}

/**
 * A periodic, signed statement of every chain's head. Anchors link to each other by hash, and
 * each carries an HMAC with a key kept outside the database, so someone who can rewrite the
 * tables can still not hide a removed chain tail or forge an anchor that agrees with it.
 */
@Entity('audit_anchor')
export class AuditAnchor {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'jsonb' })
  heads!: ChainHead[];

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64, unique: true })
  hash!: string;

  @Column({ type: 'char', length: 64 })
  signature!: string;
}
