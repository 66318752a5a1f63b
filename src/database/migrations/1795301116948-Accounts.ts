import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795301116948 implements MigrationInterface {
  name = 'Accounts1795301116948';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"agency_kind\" AS ENUM('ministry', 'agency', 'province', 'regency', 'city')",
    );
    await queryRunner.query(
      'CREATE TABLE "agency" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "kind" "public"."agency_kind" NOT NULL, "area_code" text, "domain" text, "parent_id" uuid, CONSTRAINT "PK_ab1244724d1c216e9720635a2e5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "agency_code_uq" ON "agency"  ("code") ');
    await queryRunner.query('CREATE INDEX "agency_parent_idx" ON "agency"  ("parent_id") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"unit_kind\" AS ENUM('dinas', 'badan', 'sekretariat', 'inspektorat', 'kecamatan', 'bagian', 'direktorat', 'biro', 'pusat', 'other')",
    );
    await queryRunner.query(
      'CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "agency_id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "kind" "public"."unit_kind" NOT NULL DEFAULT \'other\', "in_scope" boolean NOT NULL DEFAULT true, "out_of_scope_reason" text, CONSTRAINT "unit_out_of_scope_reason" CHECK (in_scope OR length(btrim(coalesce(out_of_scope_reason, \'\'))) > 0), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "unit_agency_code_uq" ON "unit"  ("agency_id", "code") ');
    await queryRunner.query("CREATE TYPE \"public\".\"criteria_edition\" AS ENUM('A', 'B', 'C')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"period_stage\" AS ENUM('self_assessment', 'document_review', 'interview', 'final')",
    );
    await queryRunner.query(
      'CREATE TABLE "period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "year" integer NOT NULL, "framework_version" text NOT NULL DEFAULT \'spbe-2020\', "edition" "public"."criteria_edition" NOT NULL DEFAULT \'B\', "coverage_target" numeric(4,3) NOT NULL DEFAULT \'1\', "stage" "public"."period_stage" NOT NULL DEFAULT \'self_assessment\', "as_of" date NOT NULL, "self_assessment_start" date, "self_assessment_end" date, "document_review_end" date, "interview_end" date, "final_date" date, CONSTRAINT "period_coverage_target" CHECK (coverage_target > 0 AND coverage_target <= 1), CONSTRAINT "PK_cabecec858892ab647cd28673b8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "period_year_uq" ON "period"  ("year") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role\" AS ENUM('admin', 'coordinator', 'operator', 'internal_assessor', 'evaluator', 'leader')",
    );
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL, "email" text, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL, "agency_id" uuid, "active" boolean NOT NULL DEFAULT true, "failed_logins" integer NOT NULL DEFAULT \'0\', "locked_until" TIMESTAMP WITH TIME ZONE, "must_change_password" boolean NOT NULL DEFAULT false, "is_demo" boolean NOT NULL DEFAULT false, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "app_user_username_uq" ON "app_user"  ("username") ');
    await queryRunner.query('CREATE INDEX "app_user_agency_idx" ON "app_user"  ("agency_id") ');
    await queryRunner.query(
      'CREATE TABLE "evaluator_assignment" ("user_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "period_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_376773dcfe5c5b1ea303794d442" PRIMARY KEY ("user_id", "agency_id", "period_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "evaluator_assignment_agency_idx" ON "evaluator_assignment"  ("agency_id", "period_id") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"token_kind\" AS ENUM('session', 'access', 'personal')");
    await queryRunner.query(
      'CREATE TABLE "auth_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."token_kind" NOT NULL, "token_hash" character(64) NOT NULL, "name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" text, "user_agent" text, CONSTRAINT "PK_4572ff5d1264c4a523f01aa86a0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "auth_token_hash_uq" ON "auth_token"  ("token_hash") ');
    await queryRunner.query('CREATE INDEX "auth_token_user_idx" ON "auth_token"  ("user_id", "kind") ');
    await queryRunner.query(
      'CREATE TABLE "user_unit" ("user_id" uuid NOT NULL, "unit_id" uuid NOT NULL, CONSTRAINT "PK_6684843228c331e7d23afcca96d" PRIMARY KEY ("user_id", "unit_id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9f8e28864adc66ade704b902a2" ON "user_unit"  ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_63ccd2198b7da8c4c27e7b8390" ON "user_unit"  ("unit_id") ');
    await queryRunner.query(
      'ALTER TABLE "agency" ADD CONSTRAINT "FK_23b82556fb4ce8b297ecc6fbd2f" FOREIGN KEY ("parent_id") REFERENCES "agency"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "unit" ADD CONSTRAINT "FK_7b95ce2d378ecf6b780b3a9532b" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD CONSTRAINT "FK_6c389af3b251d151c0627d856f5" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" ADD CONSTRAINT "FK_52165c7fcff729665cd09555433" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" ADD CONSTRAINT "FK_a28ba9e3dd357e30874b5dcc151" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" ADD CONSTRAINT "FK_83a9fa1e7bb256dd521a33bf401" FOREIGN KEY ("period_id") REFERENCES "period"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "auth_token" ADD CONSTRAINT "FK_26b580c89e141c75426f44317bc" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "user_unit" ADD CONSTRAINT "FK_9f8e28864adc66ade704b902a25" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "user_unit" ADD CONSTRAINT "FK_63ccd2198b7da8c4c27e7b83905" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user_unit" DROP CONSTRAINT "FK_63ccd2198b7da8c4c27e7b83905"');
    await queryRunner.query('ALTER TABLE "user_unit" DROP CONSTRAINT "FK_9f8e28864adc66ade704b902a25"');
    await queryRunner.query('ALTER TABLE "auth_token" DROP CONSTRAINT "FK_26b580c89e141c75426f44317bc"');
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" DROP CONSTRAINT "FK_83a9fa1e7bb256dd521a33bf401"',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" DROP CONSTRAINT "FK_a28ba9e3dd357e30874b5dcc151"',
    );
    await queryRunner.query(
      'ALTER TABLE "evaluator_assignment" DROP CONSTRAINT "FK_52165c7fcff729665cd09555433"',
    );
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "FK_6c389af3b251d151c0627d856f5"');
    await queryRunner.query('ALTER TABLE "unit" DROP CONSTRAINT "FK_7b95ce2d378ecf6b780b3a9532b"');
    await queryRunner.query('ALTER TABLE "agency" DROP CONSTRAINT "FK_23b82556fb4ce8b297ecc6fbd2f"');
    await queryRunner.query('DROP INDEX "public"."IDX_63ccd2198b7da8c4c27e7b8390"');
    await queryRunner.query('DROP INDEX "public"."IDX_9f8e28864adc66ade704b902a2"');
    await queryRunner.query('DROP TABLE "user_unit"');
    await queryRunner.query('DROP INDEX "public"."auth_token_user_idx"');
    await queryRunner.query('DROP INDEX "public"."auth_token_hash_uq"');
    await queryRunner.query('DROP TABLE "auth_token"');
    await queryRunner.query('DROP TYPE "public"."token_kind"');
    await queryRunner.query('DROP INDEX "public"."evaluator_assignment_agency_idx"');
    await queryRunner.query('DROP TABLE "evaluator_assignment"');
    await queryRunner.query('DROP INDEX "public"."app_user_agency_idx"');
    await queryRunner.query('DROP INDEX "public"."app_user_username_uq"');
    await queryRunner.query('DROP TABLE "app_user"');
    await queryRunner.query('DROP TYPE "public"."user_role"');
    await queryRunner.query('DROP INDEX "public"."period_year_uq"');
    await queryRunner.query('DROP TABLE "period"');
    await queryRunner.query('DROP TYPE "public"."period_stage"');
    await queryRunner.query('DROP TYPE "public"."criteria_edition"');
    await queryRunner.query('DROP INDEX "public"."unit_agency_code_uq"');
    await queryRunner.query('DROP TABLE "unit"');
    await queryRunner.query('DROP TYPE "public"."unit_kind"');
    await queryRunner.query('DROP INDEX "public"."agency_parent_idx"');
    await queryRunner.query('DROP INDEX "public"."agency_code_uq"');
    await queryRunner.query('DROP TABLE "agency"');
    await queryRunner.query('DROP TYPE "public"."agency_kind"');
  }
}
