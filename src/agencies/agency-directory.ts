import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { Agency } from './agency.entity';

/** Names for pick lists (agencies, units); the full agency features live in their own services. */
@Injectable()
export class AgencyDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listNames(): Promise<Pick<Agency, 'id' | 'name' | 'code'>[]> {
    return this.dataSource
      .getRepository(Agency)
      .find({ select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }

  unitNames(agencyId: string): Promise<Pick<Unit, 'id' | 'name' | 'code'>[]> {
    return this.dataSource
      .getRepository(Unit)
      .find({ where: { agencyId }, select: { id: true, name: true, code: true }, order: { name: 'ASC' } });
  }
}
