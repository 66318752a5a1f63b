import { AuditEntry } from '../audit/audit-entry.entity';

/** Every TypeORM entity, listed once (no globbing, so builds and tests see the same set). */
export const ENTITIES = [AuditEntry];
