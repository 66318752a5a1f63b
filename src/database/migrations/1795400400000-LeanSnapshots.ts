import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['facts', 'supported', 'verified'];

/**
 * Every change of an agency's data stores its snapshot again; this makes that cheaper (issue 10).
 * - A snapshot keeps its facts only once its period is final: before that, live data gives them
 *   back and the hash names them. The facts were 130 KB of each 180 KB snapshot.
 * - The three columns hold `json` (the text as the app wrote it) instead of `jsonb`: they are
 *   written and read whole, never searched, so parsing them into jsonb on every write and
 *   printing them back on every read was wasted work. The compression of the scale migration is
 *   set again (a change of type keeps it, but say it where it is relied on).
 * - Which engine and framework computed the outputs gets a column of its own: a national
 *   recompute asks it of every agency, and a json column would be parsed to answer.
 */
export class LeanSnapshots1795400400000 implements MigrationInterface {
  name = 'LeanSnapshots1795400400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "score_snapshot" ALTER COLUMN "facts" DROP NOT NULL');
    await queryRunner.query(
      `UPDATE "score_snapshot" s SET "facts" = NULL FROM "period" p WHERE p."id" = s."period_id" AND p."stage" <> 'final'`,
    );
    await queryRunner.query(`ALTER TABLE "score_snapshot" ADD "engine_key" text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `UPDATE "score_snapshot" SET "engine_key" = concat_ws('|', "supported"->>'engineVersion',
         "supported"->>'frameworkId', "supported"->>'frameworkVersion')`,
    );
    await this.retype(queryRunner, 'json');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.retype(queryRunner, 'jsonb');
    await queryRunner.query('ALTER TABLE "score_snapshot" DROP COLUMN "engine_key"');
    // The facts dropped cannot be given back: the rows are marked stale, so the next recompute
    // stores them again.
    await queryRunner.query(
      `UPDATE "score_snapshot" SET "facts" = '{}'::jsonb, "facts_hash" = repeat('0', 64) WHERE "facts" IS NULL`,
    );
    await queryRunner.query('ALTER TABLE "score_snapshot" ALTER COLUMN "facts" SET NOT NULL');
  }

  private async retype(queryRunner: QueryRunner, type: 'json' | 'jsonb'): Promise<void> {
    const retype = COLUMNS.map((c) => `ALTER COLUMN "${c}" TYPE ${type} USING "${c}"::${type}`).join(', ');
    await queryRunner.query(`ALTER TABLE "score_snapshot" ${retype}`);
    const lz4 = COLUMNS.map((c) => `ALTER COLUMN "${c}" SET COMPRESSION lz4`).join(', ');
    const external = COLUMNS.map((c) => `ALTER COLUMN "${c}" SET STORAGE EXTERNAL`).join(', ');
    await queryRunner.query(`DO $$
      BEGIN
        ALTER TABLE "score_snapshot" ${lz4};
      EXCEPTION WHEN feature_not_supported THEN
        ALTER TABLE "score_snapshot" ${external};
      END $$`);
  }
}
