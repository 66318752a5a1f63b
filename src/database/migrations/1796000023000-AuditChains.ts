import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One hash chain per agency plus a national chain, instead of one chain for the whole country
 * (whose single lock made every audited write wait for every other). Entries written before
 * this migration keep their hashes untouched as the closed chain `legacy`: rewriting them into
 * the new chains would re-hash history that someone may already have recorded. The first anchor
 * the app writes after this migration seals the legacy head with the heads of the new chains.
 * Anchors are append-only, like the entries.
 */
export class AuditChains1796000023000 implements MigrationInterface {
  name = 'AuditChains1796000023000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_log" ADD "chain" text, ADD "chain_seq" bigint');
    await queryRunner.query('ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_change"');
    await queryRunner.query(
      `UPDATE "audit_log" l SET "chain" = 'legacy', "chain_seq" = o.n
         FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM "audit_log") o
        WHERE o.seq = l.seq`,
    );
    await queryRunner.query('ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_change"');
    await queryRunner.query(
      'ALTER TABLE "audit_log" ALTER "chain" SET NOT NULL, ALTER "chain_seq" SET NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "audit_log_chain_idx" ON "audit_log" ("chain", "chain_seq")',
    );
    await queryRunner.query(`
      CREATE TABLE "audit_anchor" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "heads" jsonb NOT NULL,
        "prev_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL UNIQUE,
        "signature" char(64) NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_anchor_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_anchor is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_anchor_no_change BEFORE UPDATE OR DELETE ON audit_anchor FOR EACH ROW EXECUTE FUNCTION audit_anchor_append_only()',
    );
    await queryRunner.query(
      'CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor FOR EACH STATEMENT EXECUTE FUNCTION audit_anchor_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_anchor"');
    await queryRunner.query('DROP FUNCTION audit_anchor_append_only()');
    await queryRunner.query('DROP INDEX "audit_log_chain_idx"');
    await queryRunner.query('ALTER TABLE "audit_log" DROP COLUMN "chain_seq", DROP COLUMN "chain"');
  }
}
