import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Link evidence (issue 16, point 3): an item may be an http(s) link with the date it was
 * captured instead of files. Both columns are nullable, so every existing item stays a file item;
 * the check keeps the two together and the link within what the service accepts.
 */
export class EvidenceLinks1796000016000 implements MigrationInterface {
  name = 'EvidenceLinks1796000016000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" ADD "url" text`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "captured_at" date`);
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "evidence_link" CHECK ((url IS NULL AND captured_at IS NULL) OR (url IS NOT NULL AND captured_at IS NOT NULL AND char_length(url) <= 2000 AND url ~ '^https?://'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "evidence_link"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "captured_at"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "url"`);
  }
}
