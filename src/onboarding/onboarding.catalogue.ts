/**
 * What the road to the SPLP tracks, as data (the SPLP onboarding material in seeds/000_*, the
 * explanation of Indicator 7, Perpres 95/2018 Art. 33(3)). Keys are stored; people read the
 * words from the message catalogue (`onboarding.item.<key>`).
 */

/** The five steps of the SPLP process, per application, in order. */
export const STEPS = ['app_docs', 'data_api_docs', 'publish', 'test', 'pilot'] as const;
export type StepKey = (typeof STEPS)[number];

/** Steps the imported hub data can prove by itself. */
export const HUB_STEPS: readonly StepKey[] = ['publish', 'test'];

export const CHECKLISTS = {
  /** The agency's integration stages ("Tahapan Integrasi"). */
  stages: [
    'resource_categorisation',
    'data_standards',
    'legacy_support',
    'middleware',
    'single_sign_on',
    'helpdesk',
    'backup_security_policies',
    'standardisation_policies',
  ],
  /** What makes a hub an SPL (Indicator 7's explanation). */
  requirements: ['bus', 'metadata_repository', 'service_directory'],
  /** Perpres 95/2018 Art. 33(3): what using the SPL obliges the agency to do. */
  obligations: ['intranet_connection', 'interoperability_standards', 'operational_feasibility'],
} as const;
export type ChecklistKey = keyof typeof CHECKLISTS;
export const CHECKLIST_KEYS = Object.keys(CHECKLISTS) as ChecklistKey[];
export type ChecklistItemKey = (typeof CHECKLISTS)[ChecklistKey][number];

/** The checklist item whose evidence can be generated from the hub's API list. */
export const SERVICE_DIRECTORY: ChecklistItemKey = 'service_directory';

export function checklistOf(item: string): ChecklistKey | null {
  return CHECKLIST_KEYS.find((k) => (CHECKLISTS[k] as readonly string[]).includes(item)) ?? null;
}

export function isStep(item: string): item is StepKey {
  return (STEPS as readonly string[]).includes(item);
}

/**
 * Who is who: the agency's own roles (one holder each), each unit's role in the data services and
 * the person responsible for each application.
 */
export const AGENCY_ROLES = ['spl_operator', 'data_steward', 'splp_contact'] as const;
export const ROLES = [...AGENCY_ROLES, 'data_service', 'app_owner'] as const;
export type RoleKey = (typeof ROLES)[number];
export const SERVICE_ROLES = ['provider', 'consumer', 'both'] as const;

export function isRole(role: string): role is RoleKey {
  return (ROLES as readonly string[]).includes(role);
}
