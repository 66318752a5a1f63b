import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Comment } from './comment.entity';

/** The threads' comments, and what a thread's subject resolves to. */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The comments of one thread (an evidence item's, else an indicator's), oldest first. */
  thread(
    agencyId: string,
    periodId: string,
    about: { evidenceId: string | null; indicator: number | null },
  ): Promise<Comment[]> {
    return this.dataSource.getRepository(Comment).find({
      where: {
        agencyId,
        periodId,
        ...(about.evidenceId ? { evidenceId: about.evidenceId } : { indicator: about.indicator! }),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  insert(m: EntityManager, fields: Partial<Comment>): Promise<Comment> {
    const repo = m.getRepository(Comment);
    return repo.save(repo.create(fields));
  }

  async periodIdOfYear(year: number): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM period WHERE year = $1', [
      year,
    ]);
    return rows[0]?.id ?? null;
  }

  /** The agency's evidence item with its period, or null when the agency has no such item. */
  async evidenceItem(
    agencyId: string,
    evidenceId: string,
  ): Promise<{ periodId: string; year: number; title: string } | null> {
    const rows: { period_id: string; year: number; title: string }[] = await this.dataSource.query(
      'SELECT e.period_id, p.year, e.title FROM evidence e JOIN period p ON p.id = e.period_id WHERE e.id = $1 AND e.agency_id = $2',
      [evidenceId, agencyId],
    );
    return rows[0] ? { periodId: rows[0].period_id, year: rows[0].year, title: rows[0].title } : null;
  }
}
