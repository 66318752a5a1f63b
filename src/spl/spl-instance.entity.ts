import { Column, Entity } from 'typeorm';
import { AgencyOwnedEntity } from '../common/agency-owned.entity';

export const SPL_PRODUCTS = ['wso2_apim', 'mantra', 'kong', 'other'] as const;
export type SplProduct = (typeof SPL_PRODUCTS)[number];

/** The agency's service hub (bus + metadata repository + service directory). */
@Entity('spl_instance')
export class SplInstance extends AgencyOwnedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: SPL_PRODUCTS, enumName: 'spl_product', default: 'wso2_apim' })
  product!: SplProduct;

  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl!: string | null;

  @Column({ name: 'connected_to_splp', type: 'boolean', default: false })
  connectedToSplp!: boolean;
}
