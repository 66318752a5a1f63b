import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login rate limits counted in the database, so every app instance sees the same count: one row
 * per client key with the hits of its current window and, once over the limit, until when it is
 * refused. Unlogged: a crash that loses the counts only resets rate windows, never data.
 */
export class RateLimits1796000023100 implements MigrationInterface {
  name = 'RateLimits1796000023100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "rate_limit_hit" (
        "key" text PRIMARY KEY,
        "hits" integer NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "blocked_until" timestamptz
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "rate_limit_hit"');
  }
}
