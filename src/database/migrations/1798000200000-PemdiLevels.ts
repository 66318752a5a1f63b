import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20.3: a period on a framework package other than SPBE 2020 (Pemdi 2026) is scored as that
 * package. A claim of an indicator entered as a level names the evidence it rests on
 * (`assessment.evidence_ids`); an externally scored indicator gets a value entered by an
 * administrator with its source and date (`external_indicator_value`, exact decimal); the
 * package's index of each agency is stored with the levels it was computed from and the package
 * hash (`framework_index_result`); a freeze records the package and its index (`agency_freeze`).
 */
export class PemdiLevels1798000200000 implements MigrationInterface {
  name = 'PemdiLevels1798000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment" ADD "evidence_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE TABLE "external_indicator_value" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL,
        "agency_id" uuid NOT NULL,
        "period_id" uuid NOT NULL,
        "indicator" smallint NOT NULL,
        "value" numeric(4,2) NOT NULL,
        "source" text NOT NULL,
        "source_url" text,
        "source_date" date NOT NULL,
        "entered_by" uuid,
        CONSTRAINT "external_indicator_value_pk" PRIMARY KEY ("id"),
        CONSTRAINT "external_indicator_value_value" CHECK ("value" >= 0 AND "value" <= 9),
        CONSTRAINT "external_indicator_value_url" CHECK ("source_url" IS NULL OR ("source_url" ~ '^https?://' AND char_length("source_url") <= 2000)),
        CONSTRAINT "external_indicator_value_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE,
        CONSTRAINT "external_indicator_value_period_fk" FOREIGN KEY ("period_id") REFERENCES "period"("id") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "external_indicator_value_uq" ON "external_indicator_value" ("agency_id", "period_id", "indicator")`,
    );
    await queryRunner.query(
      `CREATE TABLE "framework_index_result" (
        "agency_id" uuid NOT NULL,
        "period_id" uuid NOT NULL,
        "framework_id" text NOT NULL,
        "framework_version" text NOT NULL,
        "package_hash" char(64) NOT NULL,
        "index" numeric(8,6),
        "predicate" text,
        "complete" boolean NOT NULL,
        "levels" jsonb NOT NULL,
        "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "framework_index_result_pk" PRIMARY KEY ("agency_id", "period_id"),
        CONSTRAINT "framework_index_result_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE,
        CONSTRAINT "framework_index_result_period_fk" FOREIGN KEY ("period_id") REFERENCES "period"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(`ALTER TABLE "agency_freeze" ADD "package_hash" text`);
    await queryRunner.query(`ALTER TABLE "agency_freeze" ADD "package_index" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_freeze" DROP COLUMN "package_index"`);
    await queryRunner.query(`ALTER TABLE "agency_freeze" DROP COLUMN "package_hash"`);
    await queryRunner.query(`DROP TABLE "framework_index_result"`);
    await queryRunner.query(`DROP TABLE "external_indicator_value"`);
    await queryRunner.query(`ALTER TABLE "assessment" DROP COLUMN "evidence_ids"`);
  }
}
