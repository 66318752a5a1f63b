import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../common/canonical-json';
import { frameworkSchema, type Framework } from '../framework/framework.schema';

/** The frameworks freezes were scored with, kept once per hash of their canonical JSON. */
@Injectable()
export class FrameworkSnapshotRepository {
  private readonly cache = new Map<string, Framework>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keeps the framework (once per content) and answers its hash. */
  async keep(m: EntityManager, framework: Framework): Promise<string> {
    const content = canonicalJson(framework);
    const hash = createHash('sha256').update(content).digest('hex');
    await m.query(
      `INSERT INTO framework_snapshot (hash, framework_id, framework_version, content)
       VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (hash) DO NOTHING`,
      [hash, framework.id, framework.version, content],
    );
    return hash;
  }

  async find(hash: string): Promise<Framework | null> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const [row] = (await this.dataSource.query('SELECT content FROM framework_snapshot WHERE hash = $1', [
      hash,
    ])) as { content: unknown }[];
    if (!row) return null;
    const framework = frameworkSchema.parse(row.content);
    this.cache.set(hash, framework);
    return framework;
  }
}
