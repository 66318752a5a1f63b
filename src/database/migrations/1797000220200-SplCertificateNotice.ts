import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: the scheduled SPL endpoint check tells the agency when a gateway's certificate is
 * about to expire (inbox entry and mail). `notice_valid_to` is the expiry date a notice was given
 * for, so each certificate is announced once, whichever instance runs the check; a renewed
 * certificate (a new date) is announced again when its time comes.
 */
export class SplCertificateNotice1797000220200 implements MigrationInterface {
  name = 'SplCertificateNotice1797000220200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "notification_kind" ADD VALUE IF NOT EXISTS 'spl_certificate'`);
    await queryRunner.query(
      'ALTER TABLE "hub_endpoint_check" ADD "notice_valid_to" TIMESTAMP WITH TIME ZONE',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "hub_endpoint_check" DROP COLUMN "notice_valid_to"');
    await queryRunner.query(`DELETE FROM "notification" WHERE "kind" = 'spl_certificate'`);
    await queryRunner.query(`DELETE FROM "notification_preference" WHERE "kind" = 'spl_certificate'`);
    // An enum value cannot be dropped: the type is built again with every other kind.
    await queryRunner.query('ALTER TYPE "notification_kind" RENAME TO "notification_kind_old"');
    const kept = (
      (await queryRunner.query(`SELECT unnest(enum_range(NULL::"notification_kind_old"))::text AS kind`)) as {
        kind: string;
      }[]
    )
      .map((r) => r.kind)
      .filter((kind) => kind !== 'spl_certificate');
    await queryRunner.query(
      `CREATE TYPE "notification_kind" AS ENUM(${kept.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ')})`,
    );
    await queryRunner.query(
      'ALTER TABLE "notification" ALTER COLUMN "kind" TYPE "notification_kind" USING "kind"::text::"notification_kind"',
    );
    await queryRunner.query('DROP TYPE "notification_kind_old"');
  }
}
