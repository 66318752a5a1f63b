import { Agency } from '../agencies/agency.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuthToken } from '../auth/auth-token.entity';
import { Period } from '../periods/period.entity';
import { Unit } from '../units/unit.entity';
import { EvaluatorAssignment } from '../users/evaluator-assignment.entity';
import { User } from '../users/user.entity';

/** Every TypeORM entity, listed once (no globbing, so builds and tests see the same set). */
export const ENTITIES = [AuditEntry, Agency, Unit, Period, User, EvaluatorAssignment, AuthToken];
