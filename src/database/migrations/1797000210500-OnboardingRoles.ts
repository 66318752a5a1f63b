import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is who on the road to the SPLP (issue 21): the unit operating the SPL, the data steward,
 * the SPLP contact person, each unit's data-service role and each application's responsible
 * person; one row per role and subject ('' for the agency's own roles).
 */
export class OnboardingRoles1797000210500 implements MigrationInterface {
  name = 'OnboardingRoles1797000210500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "onboarding_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "agency_id" uuid NOT NULL, "role" text NOT NULL, "subject" text NOT NULL DEFAULT \'\', "unit_id" uuid, "application_id" uuid, "user_id" uuid, "service_role" text, CONSTRAINT "PK_77e49fa7231c85fd5422db16ca3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_49f561b60fda51f25b3df7e4e8" ON "onboarding_role"  ("agency_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "onboarding_role_uq" ON "onboarding_role"  ("agency_id", "role", "subject") ',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_role" ADD CONSTRAINT "onboarding_role_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_role" ADD CONSTRAINT "onboarding_role_application_fk" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onboarding_role" ADD CONSTRAINT "onboarding_role_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "onboarding_role" DROP CONSTRAINT "onboarding_role_user_fk"');
    await queryRunner.query('ALTER TABLE "onboarding_role" DROP CONSTRAINT "onboarding_role_application_fk"');
    await queryRunner.query('ALTER TABLE "onboarding_role" DROP CONSTRAINT "onboarding_role_unit_fk"');
    await queryRunner.query('DROP INDEX "public"."onboarding_role_uq"');
    await queryRunner.query('DROP INDEX "public"."IDX_49f561b60fda51f25b3df7e4e8"');
    await queryRunner.query('DROP TABLE "onboarding_role"');
  }
}
