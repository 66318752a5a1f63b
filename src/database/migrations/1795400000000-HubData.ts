import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hub usage data (issue 7): import provenance, the hubs, APIs, applications and subscriptions as
 * last imported, usage and uptime buckets, and the rules that attribute them to units. Three
 * indexes the entities cannot express (partial or on expressions) are declared here and marked
 * `synchronize: false` on their entities.
 */
export class HubData1795400000000 implements MigrationInterface {
  name = 'HubData1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "hub_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "file_name" text NOT NULL, "sha256" text NOT NULL, "bytes" bigint NOT NULL, "format" text NOT NULL, "variant" text NOT NULL, "hub_id" text, "skip_bad" boolean NOT NULL DEFAULT false, "channel" text NOT NULL, "imported_by" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "counts" jsonb NOT NULL, "problems" jsonb NOT NULL, "problems_truncated" boolean NOT NULL DEFAULT false, "status" text NOT NULL, CONSTRAINT "hub_import_format" CHECK (format IN (\'F1\', \'F2\', \'F3\', \'F4\', \'F5\', \'F6\', \'F7\', \'F8\')), CONSTRAINT "hub_import_status" CHECK (status IN (\'imported\', \'rejected\')), CONSTRAINT "hub_import_channel" CHECK (channel IN (\'web\', \'api\', \'cli\')), CONSTRAINT "hub_import_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_import_sha_uq" ON "hub_import" ("agency_id", "sha256") WHERE status = \'imported\'',
    );
    await queryRunner.query(
      'CREATE INDEX "hub_import_agency_idx" ON "hub_import"  ("agency_id", "imported_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_mapping_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "match_type" text NOT NULL, "match_value" text NOT NULL, "source" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hub_mapping_rule_type" CHECK (match_type IN (\'api_id\', \'additional_property\', \'business_owner\', \'tag\', \'provider\', \'context_prefix\', \'app_owner\')), CONSTRAINT "hub_mapping_rule_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_mapping_rule_uq" ON "hub_mapping_rule" ("agency_id", "match_type", lower("match_value"))',
    );
    await queryRunner.query('CREATE INDEX "hub_mapping_rule_unit_idx" ON "hub_mapping_rule"  ("unit_id") ');
    await queryRunner.query(
      'CREATE TABLE "hub_api" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "api_key" text NOT NULL, "source_id" text, "name" text NOT NULL, "version" text NOT NULL, "context" text, "provider" text, "tenant_domain" text NOT NULL, "lifecycle_status" text, "published_on_bus" boolean NOT NULL DEFAULT false, "api_type" text, "tags" text array NOT NULL, "business_owner" text, "technical_owner" text, "props" jsonb NOT NULL, "production_url" text, "sandbox_url" text, "operation_count" integer, "deployed_envs" text array, "source_created_at" TIMESTAMP WITH TIME ZONE, "source_created_text" text, "source_updated_at" TIMESTAMP WITH TIME ZONE, "source_updated_text" text, "variant" text NOT NULL, "import_id" uuid NOT NULL, "unit_id" uuid, "unit_rule_id" uuid, "application_id" uuid, "application_link" text, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hub_api_link" CHECK (application_link IN (\'auto\', \'manual\')), CONSTRAINT "hub_api_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "hub_api_unit_idx" ON "hub_api"  ("agency_id", "unit_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_api_uq" ON "hub_api"  ("agency_id", "hub_id", "api_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "app_key" text NOT NULL, "source_id" text, "name" text NOT NULL, "owner" text, "status" text, "import_id" uuid NOT NULL, "unit_id" uuid, "unit_rule_id" uuid, "application_id" uuid, "application_link" text, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hub_application_link" CHECK (application_link IN (\'auto\', \'manual\')), CONSTRAINT "hub_application_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "hub_application_unit_idx" ON "hub_application"  ("agency_id", "unit_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_application_uq" ON "hub_application"  ("agency_id", "hub_id", "app_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_instance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "name" text NOT NULL, "level" text NOT NULL, "platform" text NOT NULL, "gateway_base_urls" text array NOT NULL, "tenant_domain" text, "parent_hub_id" text, "import_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hub_instance_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_instance_uq" ON "hub_instance"  ("agency_id", "hub_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "api_key" text NOT NULL, "app_key" text NOT NULL, "status" text, "tier" text, "active" boolean NOT NULL, "import_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "hub_subscription_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_subscription_uq" ON "hub_subscription"  ("agency_id", "hub_id", "api_key", "app_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_uptime" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "monitor_id" text NOT NULL, "monitor_name" text NOT NULL, "url" text, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "uptime_pct" numeric NOT NULL, "avg_response_ms" numeric, "down_events" integer, "downtime_sec" bigint, "incidents" jsonb, "import_id" uuid NOT NULL, CONSTRAINT "hub_uptime_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_uptime_uq" ON "hub_uptime"  ("agency_id", "hub_id", "monitor_id", "period_start", "period_end") ',
    );
    await queryRunner.query(
      'CREATE TABLE "hub_usage" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "agency_id" uuid NOT NULL, "hub_id" text NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "api_key" text NOT NULL, "app_key" text, "key_type" text, "api_name" text, "api_version" text, "app_name" text, "app_owner" text, "total_calls" bigint NOT NULL, "success_calls" bigint, "client_error_calls" bigint, "server_error_calls" bigint, "fault_calls" bigint, "faults_by_type" jsonb, "latency" jsonb, "latency_histogram" jsonb, "precision" text NOT NULL, "reported_source" text, "import_id" uuid NOT NULL, CONSTRAINT "hub_usage_precision" CHECK (precision IN (\'RAW\', \'AGGREGATED\')), CONSTRAINT "hub_usage_pkey" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "hub_usage_uq" ON "hub_usage" ("agency_id", "hub_id", "api_key", coalesce("app_key", \'\'), coalesce("key_type", \'\'), "period_start", "period_end")',
    );
    await queryRunner.query(
      'CREATE INDEX "hub_usage_period_idx" ON "hub_usage"  ("agency_id", "period_start") ',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_import" ADD CONSTRAINT "hub_import_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_import" ADD CONSTRAINT "hub_import_user_fk" FOREIGN KEY ("imported_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_mapping_rule" ADD CONSTRAINT "hub_mapping_rule_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_mapping_rule" ADD CONSTRAINT "hub_mapping_rule_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_mapping_rule" ADD CONSTRAINT "hub_mapping_rule_user_fk" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_api" ADD CONSTRAINT "hub_api_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_api" ADD CONSTRAINT "hub_api_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_api" ADD CONSTRAINT "hub_api_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_api" ADD CONSTRAINT "hub_api_rule_fk" FOREIGN KEY ("unit_rule_id") REFERENCES "hub_mapping_rule"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_api" ADD CONSTRAINT "hub_api_application_fk" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_application" ADD CONSTRAINT "hub_application_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_application" ADD CONSTRAINT "hub_application_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_application" ADD CONSTRAINT "hub_application_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_application" ADD CONSTRAINT "hub_application_rule_fk" FOREIGN KEY ("unit_rule_id") REFERENCES "hub_mapping_rule"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_application" ADD CONSTRAINT "hub_application_application_fk" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_instance" ADD CONSTRAINT "hub_instance_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_instance" ADD CONSTRAINT "hub_instance_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_subscription" ADD CONSTRAINT "hub_subscription_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_subscription" ADD CONSTRAINT "hub_subscription_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_uptime" ADD CONSTRAINT "hub_uptime_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_uptime" ADD CONSTRAINT "hub_uptime_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_usage" ADD CONSTRAINT "hub_usage_agency_fk" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "hub_usage" ADD CONSTRAINT "hub_usage_import_fk" FOREIGN KEY ("import_id") REFERENCES "hub_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "hub_usage" DROP CONSTRAINT "hub_usage_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_usage" DROP CONSTRAINT "hub_usage_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_uptime" DROP CONSTRAINT "hub_uptime_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_uptime" DROP CONSTRAINT "hub_uptime_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_subscription" DROP CONSTRAINT "hub_subscription_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_subscription" DROP CONSTRAINT "hub_subscription_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_instance" DROP CONSTRAINT "hub_instance_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_instance" DROP CONSTRAINT "hub_instance_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_application" DROP CONSTRAINT "hub_application_application_fk"');
    await queryRunner.query('ALTER TABLE "hub_application" DROP CONSTRAINT "hub_application_rule_fk"');
    await queryRunner.query('ALTER TABLE "hub_application" DROP CONSTRAINT "hub_application_unit_fk"');
    await queryRunner.query('ALTER TABLE "hub_application" DROP CONSTRAINT "hub_application_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_application" DROP CONSTRAINT "hub_application_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_api" DROP CONSTRAINT "hub_api_application_fk"');
    await queryRunner.query('ALTER TABLE "hub_api" DROP CONSTRAINT "hub_api_rule_fk"');
    await queryRunner.query('ALTER TABLE "hub_api" DROP CONSTRAINT "hub_api_unit_fk"');
    await queryRunner.query('ALTER TABLE "hub_api" DROP CONSTRAINT "hub_api_import_fk"');
    await queryRunner.query('ALTER TABLE "hub_api" DROP CONSTRAINT "hub_api_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_mapping_rule" DROP CONSTRAINT "hub_mapping_rule_user_fk"');
    await queryRunner.query('ALTER TABLE "hub_mapping_rule" DROP CONSTRAINT "hub_mapping_rule_unit_fk"');
    await queryRunner.query('ALTER TABLE "hub_mapping_rule" DROP CONSTRAINT "hub_mapping_rule_agency_fk"');
    await queryRunner.query('ALTER TABLE "hub_import" DROP CONSTRAINT "hub_import_user_fk"');
    await queryRunner.query('ALTER TABLE "hub_import" DROP CONSTRAINT "hub_import_agency_fk"');
    await queryRunner.query('DROP INDEX "public"."hub_usage_period_idx"');
    await queryRunner.query('DROP INDEX "public"."hub_usage_uq"');
    await queryRunner.query('DROP TABLE "hub_usage"');
    await queryRunner.query('DROP INDEX "public"."hub_uptime_uq"');
    await queryRunner.query('DROP TABLE "hub_uptime"');
    await queryRunner.query('DROP INDEX "public"."hub_subscription_uq"');
    await queryRunner.query('DROP TABLE "hub_subscription"');
    await queryRunner.query('DROP INDEX "public"."hub_instance_uq"');
    await queryRunner.query('DROP TABLE "hub_instance"');
    await queryRunner.query('DROP INDEX "public"."hub_application_uq"');
    await queryRunner.query('DROP INDEX "public"."hub_application_unit_idx"');
    await queryRunner.query('DROP TABLE "hub_application"');
    await queryRunner.query('DROP INDEX "public"."hub_api_uq"');
    await queryRunner.query('DROP INDEX "public"."hub_api_unit_idx"');
    await queryRunner.query('DROP TABLE "hub_api"');
    await queryRunner.query('DROP INDEX "public"."hub_mapping_rule_unit_idx"');
    await queryRunner.query('DROP INDEX "public"."hub_mapping_rule_uq"');
    await queryRunner.query('DROP TABLE "hub_mapping_rule"');
    await queryRunner.query('DROP INDEX "public"."hub_import_agency_idx"');
    await queryRunner.query('DROP INDEX "public"."hub_import_sha_uq"');
    await queryRunner.query('DROP TABLE "hub_import"');
  }
}
