import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A freeze records the framework it was scored with (its canonical JSON, kept once per hash), so
 * a frozen agency's page and PDF show the criteria, kinds and level names of that framework after
 * an upgrade changes them. Freezes made before this migration have no hash: they show the
 * framework in use. Snapshots are immutable, like the freezes that name them.
 */
export class FrameworkSnapshot1796000161000 implements MigrationInterface {
  name = 'FrameworkSnapshot1796000161000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "framework_snapshot" (
         "hash" text PRIMARY KEY,
         "framework_id" text NOT NULL,
         "framework_version" text NOT NULL,
         "content" jsonb NOT NULL,
         "created_at" timestamptz NOT NULL DEFAULT now())`,
    );
    // The same refusal as the frozen results' (migration Workflow1795400100000).
    await queryRunner.query(
      `CREATE TRIGGER framework_snapshot_no_change BEFORE UPDATE OR DELETE ON framework_snapshot
         FOR EACH ROW EXECUTE FUNCTION frozen_rows_immutable()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER framework_snapshot_no_truncate BEFORE TRUNCATE ON framework_snapshot
         FOR EACH STATEMENT EXECUTE FUNCTION frozen_rows_immutable()`,
    );
    await queryRunner.query(`ALTER TABLE "agency_freeze" ADD "framework_hash" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_freeze" DROP COLUMN "framework_hash"`);
    await queryRunner.query(`DROP TABLE "framework_snapshot"`);
  }
}
