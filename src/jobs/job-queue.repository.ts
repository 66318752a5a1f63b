import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** pg-boss's statements, run through the app's own pool (one connection on the embedded database). */
@Injectable()
export class JobQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(text: string, values: unknown[] | undefined): Promise<{ rows: unknown[] }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // Without parameters the simple protocol runs pg-boss's multi-statement scripts in one go.
      const result = await runner.query(text, values?.length ? values : undefined, true);
      return { rows: Array.isArray(result.records) ? result.records : [] };
    } catch (error) {
      // A failed script may stop inside its own BEGIN; never hand an aborted transaction back to the pool.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
