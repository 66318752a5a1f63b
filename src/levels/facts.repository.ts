import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { FactRows, FactTexts, LOAD_SQL, rowsFromTexts } from './facts.decode';

export type * from './facts.decode';

/**
 * Reads everything the scoring engine needs for the given agencies in one statement: set-based,
 * so recomputing one agency or all of them costs one round trip to the database.
 */
@Injectable()
export class FactsRepository {
  /**
   * On a PostgreSQL server the statement is prepared once per connection (it takes longer to plan
   * than to run for one agency). Not on an embedded database (PGlite, also behind a URL): its
   * connections share one session, where a second connection preparing the same name fails.
   * Asked of the server once.
   */
  private preparable: Promise<boolean> | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private canPrepare(m: EntityManager): Promise<boolean> {
    this.preparable ??= m.query('SELECT version() AS version').then(
      ([row]: { version: string }[]) => !/PGlite/i.test(row.version),
      () => {
        this.preparable = undefined;
        return false;
      },
    );
    return this.preparable;
  }

  /**
   * The facts read in one statement. The planner prices the hub rule's subqueries as if every
   * application ran them; with JIT on (PostgreSQL's default) it would then spend seconds
   * compiling a statement that runs in milliseconds, so the app's connections run with JIT off
   * (data-source-options.ts).
   */
  async load(agencyIds: string[], periodId: string, manager?: EntityManager): Promise<Map<string, FactRows>> {
    return rowsFromTexts(await this.loadTexts(agencyIds, periodId, manager), agencyIds);
  }

  /** What the facts statement answers, undecoded ({@link rowsFromTexts} decodes it). */
  async loadTexts(agencyIds: string[], periodId: string, manager?: EntityManager): Promise<FactTexts> {
    const m = manager ?? this.dataSource.manager;
    const params = [agencyIds, periodId];
    // Only on a connection held for the caller (a transaction's, a national recompute reader's).
    const held = m.queryRunner && !m.queryRunner.isReleased ? m.queryRunner : undefined;
    const runner = held && (await this.canPrepare(m)) ? held : undefined;
    const [texts]: FactTexts[] = runner
      ? (
          await ((await runner.connect()) as PoolClient).query({
            name: 'levels.facts',
            text: LOAD_SQL,
            values: params,
          })
        ).rows
      : await m.query(LOAD_SQL, params);
    return texts;
  }
}
