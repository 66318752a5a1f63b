import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795299576385 implements MigrationInterface {
  name = 'Init1795299576385';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_name" text, "action" text NOT NULL, "subject_type" text, "subject_id" text, "agency_id" uuid, "ip" text, "detail" jsonb NOT NULL DEFAULT \'{}\', "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "UQ_8720a34a7f1ebda6f2b3b29f7e3" UNIQUE ("hash"), CONSTRAINT "PK_ce5b9b7d945cab0a6c604bafd9e" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_log_agency_idx" ON "audit_log"  ("agency_id", "occurred_at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."audit_log_agency_idx"');
    await queryRunner.query('DROP TABLE "audit_log"');
  }
}
