import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OBJECT_SCOPES } from './object-scope';

/** An object's owner as the access guard checks it: its agency (null: national) and period. */
export interface ObjectOwner {
  agency_id: string | null;
  period_id?: string;
}

/** What the access guard reads before any handler runs: who owns a named object, which period. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The agency (and period, for objects of one period) of the object `id`, or null for none. */
  async ownerOf(scope: (typeof OBJECT_SCOPES)[string], id: string): Promise<ObjectOwner | null> {
    const rows: ObjectOwner[] = await this.dataSource.query(
      `SELECT ${scope.agencyColumn} AS agency_id${scope.periodColumn ? `, ${scope.periodColumn} AS period_id` : ''}
         FROM ${scope.table} WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The period of the year, or without a year the latest (what the pages show); null for none. */
  async periodId(year: number | undefined): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      year ? 'SELECT id FROM period WHERE year = $1' : 'SELECT id FROM period ORDER BY year DESC LIMIT 1',
      year ? [year] : [],
    );
    return rows[0]?.id ?? null;
  }
}
