import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22, points 1 and 6: WSO2's "Devices" dashboard counts calls by OS and browser family.
 * Each usage bucket keeps those counts, and only them; buckets written before (and those of
 * pre-aggregated files, which carry no device) stay null: "not in the source", never zero.
 */
export class HubUsageDevices1798002200000 implements MigrationInterface {
  name = 'HubUsageDevices1798002200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "hub_usage" ADD "platforms" jsonb');
    await queryRunner.query('ALTER TABLE "hub_usage" ADD "user_agents" jsonb');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "hub_usage" DROP COLUMN "user_agents"');
    await queryRunner.query('ALTER TABLE "hub_usage" DROP COLUMN "platforms"');
  }
}
