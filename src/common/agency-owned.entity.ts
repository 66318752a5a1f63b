import { Column, Index } from 'typeorm';
import { VersionedEntity } from './base.entity';

/** A record that belongs to one agency; the access guard and services scope by agency_id. */
export abstract class AgencyOwnedEntity extends VersionedEntity {
  @Index()
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;
}
