import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring contract version 2 makes the review window an input: a period may set its own
 * (1 to 60 months); null keeps the criteria edition's default (12 for A and B, 24 for C).
 * The engine version changes with it: stored levels of periods that are not final are
 * recomputed at boot (src/levels/stale-levels.ts); frozen results are never touched.
 */
export class ReviewWindow1796000160000 implements MigrationInterface {
  name = 'ReviewWindow1796000160000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "period" ADD "review_window_months" integer,
         ADD CONSTRAINT "period_review_window" CHECK ("review_window_months" BETWEEN 1 AND 60)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "period" DROP CONSTRAINT "period_review_window", DROP COLUMN "review_window_months"`,
    );
  }
}
