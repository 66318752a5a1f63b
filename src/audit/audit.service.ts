import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogRepository } from './audit-log.repository';
import { AuditEvent, GENESIS, chainHash, chainOf } from './audit-hash';

export { GENESIS, chainHash } from './audit-hash';
export type { AuditEvent } from './audit-hash';

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AuditLogRepository)
    private readonly entries: AuditLogRepository = new AuditLogRepository(dataSource),
  ) {}

  /** Appends an entry; pass the caller's manager to make it part of its transaction. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<AuditEntry> {
    if (manager) return this.append(manager, event);
    return this.dataSource.transaction((m) => this.append(m, event));
  }

  private async append(manager: EntityManager, event: AuditEvent): Promise<AuditEntry> {
    const chain = chainOf(event);
    await this.entries.lockChain(manager, chain);
    const last = await this.entries.last(manager, chain);
    // JavaScript dates carry milliseconds, and timestamptz keeps them, so the hash re-computes.
    const occurredAt = new Date();
    const prevHash = last?.hash ?? GENESIS;
    const chainSeq = String(Number(last?.chainSeq ?? 0) + 1);
    return this.entries.append(manager, {
      ...event,
      detail: event.detail ?? {},
      occurredAt,
      chain,
      chainSeq,
      prevHash,
      hash: chainHash(prevHash, event, occurredAt, { chain, chainSeq }),
    });
  }
}
