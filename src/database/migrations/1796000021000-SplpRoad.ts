import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The road to the SPLP (issue 21): how each application uses the SPLP, and one table of tracked
 * items (an application's SPLP steps, the agency's checklists) with status, dates, owner and
 * evidence; overdue items notify their owner.
 */
export class SplpRoad1796000021000 implements MigrationInterface {
  name = 'SplpRoad1796000021000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"onboarding_status\" AS ENUM('not_started', 'in_progress', 'done')",
    );
    await queryRunner.query(
      'CREATE TABLE "onboarding_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "agency_id" uuid NOT NULL, "application_id" uuid, "item" text NOT NULL, "status" "public"."onboarding_status" NOT NULL DEFAULT \'not_started\', "owner_id" uuid, "started_on" date, "due_on" date, "done_on" date, "note" text, "evidence_ids" uuid array NOT NULL DEFAULT \'{}\', "overdue_notified_on" date, CONSTRAINT "PK_662e449b48d527f97b6dc3839c8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_afc83b9b25e5da4910aec81739" ON "onboarding_item"  ("agency_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "onboarding_item_agency_uq" ON "onboarding_item"  ("agency_id", "item") WHERE "application_id" IS NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "onboarding_item_app_uq" ON "onboarding_item"  ("application_id", "item") WHERE "application_id" IS NOT NULL',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"splp_usage_type\" AS ENUM('not_integrated', 'scratch', 'api_ready', 'spl_ippd_ready')",
    );
    await queryRunner.query(
      'ALTER TABLE "application" ADD "usage_type" "public"."splp_usage_type" NOT NULL DEFAULT \'not_integrated\'',
    );
    await queryRunner.query('ALTER TABLE "application" ADD "has_api" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "application" ADD "operating" boolean NOT NULL DEFAULT true');
    await queryRunner.query('CREATE TYPE "public"."application_scope" AS ENUM(\'common\', \'sector\')');
    await queryRunner.query(
      'ALTER TABLE "application" ADD "app_scope" "public"."application_scope" NOT NULL DEFAULT \'sector\'',
    );
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'overdue\'');
    await queryRunner.query(
      'ALTER TABLE "onboarding_item" ADD CONSTRAINT "onboarding_item_application_fk" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_item" ADD CONSTRAINT "onboarding_item_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "onboarding_item" DROP CONSTRAINT "onboarding_item_owner_fk"');
    await queryRunner.query('ALTER TABLE "onboarding_item" DROP CONSTRAINT "onboarding_item_application_fk"');
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'overdue'`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('returned', 'submitted', 'reopened', 'answered', 'finalised')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "application" DROP COLUMN "app_scope"');
    await queryRunner.query('DROP TYPE "public"."application_scope"');
    await queryRunner.query('ALTER TABLE "application" DROP COLUMN "operating"');
    await queryRunner.query('ALTER TABLE "application" DROP COLUMN "has_api"');
    await queryRunner.query('ALTER TABLE "application" DROP COLUMN "usage_type"');
    await queryRunner.query('DROP TYPE "public"."splp_usage_type"');
    await queryRunner.query('DROP INDEX "public"."onboarding_item_app_uq"');
    await queryRunner.query('DROP INDEX "public"."onboarding_item_agency_uq"');
    await queryRunner.query('DROP INDEX "public"."IDX_afc83b9b25e5da4910aec81739"');
    await queryRunner.query('DROP TABLE "onboarding_item"');
    await queryRunner.query('DROP TYPE "public"."onboarding_status"');
  }
}
