import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Framework packages as data (docs/frameworks.md): every package the app knows, shipped with the
 * build (kept in step with its files at boot) or imported by an administrator. A stored version
 * never changes: a correction is a new version. A period chooses its framework id (the existing
 * `framework_version` column, which has always held the id) and now the package version; null is
 * the version shipped with the build, which is what every period used before.
 */
export class FrameworkPackages1797000200000 implements MigrationInterface {
  name = 'FrameworkPackages1797000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "framework_package" (
         "framework_id" text NOT NULL,
         "version" text NOT NULL,
         "hash" text NOT NULL,
         "source_text" text NOT NULL,
         "content" jsonb NOT NULL,
         "shipped" boolean NOT NULL DEFAULT false,
         "imported_at" timestamptz NOT NULL DEFAULT now(),
         "imported_by" uuid REFERENCES "app_user" ("id") ON DELETE SET NULL,
         CONSTRAINT "framework_package_pk" PRIMARY KEY ("framework_id", "version"))`,
    );
    await queryRunner.query(`ALTER TABLE "period" ADD "framework_package_version" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "period" DROP COLUMN "framework_package_version"`);
    await queryRunner.query(`DROP TABLE "framework_package"`);
  }
}
