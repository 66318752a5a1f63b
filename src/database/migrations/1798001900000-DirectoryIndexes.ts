import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22, point 7: the national SPL directory counts each agency's published APIs and reads the
 * last 30 days of its uptime on every page. A partial index over the published APIs lets the count
 * read the index alone, and an index by agency and period end finds each agency's latest monitor
 * period and its window without scanning the year of uptime rows of every agency (the start and
 * the ratio it was meant to carry came with DirectoryUptimeCovering1798002100000).
 */
export class DirectoryIndexes1798001900000 implements MigrationInterface {
  name = 'DirectoryIndexes1798001900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "hub_api_published_idx" ON "hub_api" ("agency_id") WHERE "published_on_bus"',
    );
    await queryRunner.query(
      'CREATE INDEX "hub_uptime_agency_end_idx" ON "hub_uptime" ("agency_id", "period_end")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "hub_uptime_agency_end_idx"');
    await queryRunner.query('DROP INDEX "hub_api_published_idx"');
  }
}
