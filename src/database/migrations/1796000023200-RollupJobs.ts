import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roll-up report jobs in the database instead of one process's memory, so any instance can show
 * a job's progress and serve its file (kept in the storage driver under `reports/`). The queue
 * that runs them is pg-boss's; this table is what the reports page reads.
 */
export class RollupJobs1796000023200 implements MigrationInterface {
  name = 'RollupJobs1796000023200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rollup_job" (
        "id" uuid PRIMARY KEY,
        "user_id" uuid NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
        "year" integer NOT NULL,
        "request" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'running' CHECK ("status" IN ('running', 'done', 'failed')),
        "done" integer NOT NULL DEFAULT 0,
        "total" integer,
        "attempts" integer NOT NULL DEFAULT 0,
        "file_key" text NOT NULL,
        "file_name" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "finished_at" timestamptz
      )`);
    await queryRunner.query('CREATE INDEX "rollup_job_user_idx" ON "rollup_job" ("user_id", "status")');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "rollup_job"');
  }
}
