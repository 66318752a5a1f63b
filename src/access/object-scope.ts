/**
 * Route parameters that name an object of some agency, and where that agency is recorded.
 * The access guard resolves them before validation or any handler runs, so an id from another
 * agency answers 404 on every route, whatever the body. Features add their own ids here.
 */
export const OBJECT_SCOPES: Record<string, { table: string; agencyColumn: string; periodColumn?: string }> = {
  userId: { table: 'app_user', agencyColumn: 'agency_id' },
  unitId: { table: 'unit', agencyColumn: 'agency_id' },
  applicationId: { table: 'application', agencyColumn: 'agency_id' },
  splId: { table: 'spl_instance', agencyColumn: 'agency_id' },
  policyId: { table: 'policy', agencyColumn: 'agency_id' },
  integrationId: { table: 'integration', agencyColumn: 'agency_id' },
  reviewId: { table: 'review', agencyColumn: 'agency_id' },
  followUpId: { table: 'follow_up', agencyColumn: 'agency_id' },
  // Objects of one period: an evaluator reaches them only for a period assigned to them.
  evidenceId: { table: 'evidence', agencyColumn: 'agency_id', periodColumn: 'period_id' },
  roundId: { table: 'interview_round', agencyColumn: 'agency_id', periodColumn: 'period_id' },
  hubRuleId: { table: 'hub_mapping_rule', agencyColumn: 'agency_id' },
};

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
