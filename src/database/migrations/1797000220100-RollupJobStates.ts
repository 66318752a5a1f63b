import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: a roll-up waiting in the queue reads "queued" until an instance takes it, and a job
 * that failed for good keeps the error that ended it (its last attempt threw, or expired).
 */
export class RollupJobStates1797000220100 implements MigrationInterface {
  name = 'RollupJobStates1797000220100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "rollup_job" DROP CONSTRAINT "rollup_job_status_check"');
    await queryRunner.query(
      `ALTER TABLE "rollup_job" ADD CONSTRAINT "rollup_job_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE "rollup_job" ALTER COLUMN "status" SET DEFAULT 'queued'`);
    await queryRunner.query('ALTER TABLE "rollup_job" ADD "error" text');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "rollup_job" DROP COLUMN "error"');
    await queryRunner.query(`UPDATE "rollup_job" SET "status" = 'running' WHERE "status" = 'queued'`);
    await queryRunner.query(`ALTER TABLE "rollup_job" ALTER COLUMN "status" SET DEFAULT 'running'`);
    await queryRunner.query('ALTER TABLE "rollup_job" DROP CONSTRAINT "rollup_job_status_check"');
    await queryRunner.query(
      `ALTER TABLE "rollup_job" ADD CONSTRAINT "rollup_job_status_check" CHECK ("status" IN ('running', 'done', 'failed'))`,
    );
  }
}
