import { MigrationInterface, QueryRunner } from 'typeorm';

const SNAPSHOT_COLUMNS = ['facts', 'supported', 'verified'];

/**
 * National scale (issue 10).
 * - The facts query asks, for each application, whether hub data shows it via the SPL
 *   (src/hub/hub-via-spl.ts): without an index on the link to our applications that is a scan
 *   of every hub API and hub application per application (minutes for 615 agencies).
 * - A national recompute writes every agency's snapshot, about 180 KB of JSON each; compressing
 *   it with PostgreSQL's default (pglz) costs more than parsing it. lz4 compresses several times
 *   faster at a similar size; where the server is built without lz4 (the embedded PGlite), the
 *   values are stored uncompressed out of line instead. Neither changes what is stored.
 */
export class ScaleIndexes1795400300000 implements MigrationInterface {
  name = 'ScaleIndexes1795400300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "hub_api_application_idx" ON "hub_api" ("application_id") WHERE application_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "hub_application_application_idx" ON "hub_application" ("application_id") WHERE application_id IS NOT NULL',
    );
    const lz4 = SNAPSHOT_COLUMNS.map((c) => `ALTER COLUMN "${c}" SET COMPRESSION lz4`).join(', ');
    const external = SNAPSHOT_COLUMNS.map((c) => `ALTER COLUMN "${c}" SET STORAGE EXTERNAL`).join(', ');
    await queryRunner.query(`DO $$
      BEGIN
        ALTER TABLE "score_snapshot" ${lz4};
      EXCEPTION WHEN feature_not_supported THEN
        ALTER TABLE "score_snapshot" ${external};
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const defaults = SNAPSHOT_COLUMNS.map(
      (c) => `ALTER COLUMN "${c}" SET COMPRESSION DEFAULT, ALTER COLUMN "${c}" SET STORAGE EXTENDED`,
    ).join(', ');
    await queryRunner.query(`ALTER TABLE "score_snapshot" ${defaults}`);
    await queryRunner.query('DROP INDEX "public"."hub_application_application_idx"');
    await queryRunner.query('DROP INDEX "public"."hub_api_application_idx"');
  }
}
