import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Period } from './period.entity';

@Injectable()
export class PeriodRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(Period);
  }

  list(): Promise<Period[]> {
    return this.repo().find({ order: { year: 'DESC' } });
  }

  /** Every period, in no particular order. */
  all(m?: EntityManager): Promise<Period[]> {
    return this.repo(m).find();
  }

  findByIds(ids: string[], m?: EntityManager): Promise<Period[]> {
    return this.repo(m).find({ where: { id: In(ids) } });
  }

  async latest(): Promise<Period | undefined> {
    return (await this.repo().find({ order: { year: 'DESC' }, take: 1 }))[0];
  }

  findById(id: string, m?: EntityManager): Promise<Period | null> {
    return this.repo(m).findOne({ where: { id } });
  }

  findByYear(year: number, m?: EntityManager): Promise<Period | null> {
    return this.repo(m).findOne({ where: { year } });
  }

  /** The framework version of the year's period (null when there is none), without building the period. */
  async frameworkOfYear(year: number): Promise<string | null> {
    const rows: { framework_version: string }[] = await this.dataSource.query(
      'SELECT framework_version FROM period WHERE year = $1',
      [year],
    );
    return rows[0]?.framework_version ?? null;
  }

  async lockByYear(year: number, m: EntityManager): Promise<{ id: string; version: number } | null> {
    const rows: { id: string; version: number }[] = await m.query(
      'SELECT id, version FROM period WHERE year = $1 FOR UPDATE',
      [year],
    );
    return rows[0] ?? null;
  }

  create(fields: Partial<Period>, m: EntityManager): Period {
    return this.repo(m).create(fields);
  }

  save(period: Period, m: EntityManager): Promise<Period> {
    return this.repo(m).save(period);
  }
}
