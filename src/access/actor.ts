import { Permission, Role, hasPermission } from './roles';

/** Who is asking: built once per request from the session or token, read by guards and services. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The user's own agency; null for admins, evaluators and national leaders. */
  agencyId: string | null;
  /** Operators limited to some units; null means every unit of the agency. */
  unitIds: string[] | null;
  /** Agencies an evaluator is assigned to, in any period. */
  assignedAgencyIds: string[];
  /** An evaluator's assignments: which agency, for which period. Their reads stay within these. */
  assignments: { agencyId: string; periodId: string }[];
  /** How the request authenticated; cookie sessions need a CSRF token for changes. */
  via: 'session' | 'access' | 'personal';
  tokenId: string;
  mustChangePassword: boolean;
}

export function can(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor.role, permission);
}

/** Whether the actor may see this agency's data at all (what they may do is a permission). */
export function reachesAgency(actor: Actor, agencyId: string): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'evaluator':
      return actor.assignedAgencyIds.includes(agencyId);
    case 'leader':
      return actor.agencyId === null || actor.agencyId === agencyId;
    case 'coordinator':
    case 'operator':
    case 'internal_assessor':
      return actor.agencyId === agencyId;
  }
}

/** Whether the actor may enter data for this unit (operators may be limited to some units). */
export function reachesUnit(actor: Actor, agencyId: string, unitId: string): boolean {
  if (!reachesAgency(actor, agencyId)) return false;
  return actor.unitIds === null || actor.unitIds.includes(unitId);
}

/**
 * Whether the actor may see this agency's data of this period: an evaluator only for the periods
 * they are assigned to the agency; everyone else as far as they reach the agency.
 */
export function reachesPeriod(actor: Actor, agencyId: string, periodId: string): boolean {
  if (actor.role !== 'evaluator') return reachesAgency(actor, agencyId);
  return actor.assignments.some((a) => a.agencyId === agencyId && a.periodId === periodId);
}

/** The agencies an evaluator is assigned to for one period. */
export function agenciesAssignedFor(actor: Actor, periodId: string): string[] {
  return [...new Set(actor.assignments.filter((a) => a.periodId === periodId).map((a) => a.agencyId))];
}

/**
 * Whether an operator limited to units may change an item scoped to these units: every one of
 * them must be theirs, and an item of the whole agency is not. Others: as far as they reach.
 */
export function reachesUnits(actor: Actor, agencyId: string, allUnits: boolean, unitIds: string[]): boolean {
  if (!reachesAgency(actor, agencyId)) return false;
  if (actor.unitIds === null) return true;
  return !allUnits && unitIds.length > 0 && unitIds.every((u) => reachesUnit(actor, agencyId, u));
}
