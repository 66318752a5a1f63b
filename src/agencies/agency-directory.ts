import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Evidence } from '../evidence/evidence.entity';
import { Unit } from '../units/unit.entity';
import { Agency } from './agency.entity';

/** Names for pick lists and labels (agencies, units, evidence titles); the full agency features live in their own services. */
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

  /** Titles of the agency's evidence items among `ids`, by id. */
  async evidenceTitles(agencyId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource
      .getRepository(Evidence)
      .find({ where: { agencyId, id: In([...ids]) }, select: { id: true, title: true } });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
