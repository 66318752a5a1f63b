import { PERIOD_STAGES, PeriodStage } from '../periods/period.entity';
import { Permission, ROLES, Role, hasPermission } from '../access/roles';
import { Message, msg } from '../i18n/message';

/**
 * What may change in each stage of a period: ONE table for the whole yearly cycle. Who may do an
 * action is a permission (roles.ts); this table says when, within a stage, the action is open.
 */
export const WORKFLOW_ACTIONS = [
  'agency_data.write',
  'evidence.create',
  'evidence.edit',
  'evidence.agency_status',
  'evidence.return_internal',
  'assessment.claim',
  'assessment.submit',
  'evidence.decide',
  'assessment.validate',
  'interview.reopen',
  'interview.answer',
  'comment.post',
  'period.freeze',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * When an action is open inside a stage. A cell lists conditions; any one of them suffices, an
 * empty cell means closed.
 * - always: for the whole stage;
 * - before_submission / after_submission: until / once the agency's coordinator submits;
 * - returned_item: only for an evidence item in `needs_revision` (returned by an assessor);
 * - reopened_item: only for an evidence item with an interview round that is open and unanswered.
 */
export const CONDITIONS = [
  'always',
  'before_submission',
  'after_submission',
  'returned_item',
  'reopened_item',
] as const;
export type Condition = (typeof CONDITIONS)[number];

type Row = Readonly<Record<WorkflowAction, readonly Condition[]>>;

const CLOSED: Row = {
  'agency_data.write': [],
  'evidence.create': [],
  'evidence.edit': [],
  'evidence.agency_status': [],
  'evidence.return_internal': [],
  'assessment.claim': [],
  'assessment.submit': [],
  'evidence.decide': [],
  'assessment.validate': [],
  'interview.reopen': [],
  'interview.answer': [],
  'comment.post': [],
  'period.freeze': [],
};

export const STAGE_RULES: Readonly<Record<PeriodStage, Row>> = {
  self_assessment: {
    ...CLOSED,
    'agency_data.write': ['before_submission'],
    'evidence.create': ['before_submission'],
    'evidence.edit': ['before_submission', 'returned_item'],
    'evidence.agency_status': ['before_submission', 'returned_item'],
    'evidence.return_internal': ['before_submission'],
    'assessment.claim': ['before_submission'],
    'assessment.submit': ['before_submission'],
    'evidence.decide': ['after_submission'],
    'comment.post': ['always'],
  },
  // Decided: during document review the agency answers only what an assessor returned.
  document_review: {
    ...CLOSED,
    'evidence.edit': ['returned_item'],
    'evidence.agency_status': ['returned_item'],
    'evidence.decide': ['always'],
    'assessment.validate': ['always'],
    'comment.post': ['always'],
  },
  // Rebuttals go through interview rounds: new files on the reopened item, then an answer.
  interview: {
    ...CLOSED,
    'evidence.edit': ['reopened_item'],
    'evidence.decide': ['always'],
    'assessment.validate': ['always'],
    'interview.reopen': ['always'],
    'interview.answer': ['reopened_item'],
    'comment.post': ['always'],
  },
  final: { ...CLOSED, 'period.freeze': ['always'] },
};

/** Who performs each action; the roles follow from roles.ts. */
export const ACTION_PERMISSION: Readonly<Record<WorkflowAction, Permission>> = {
  'agency_data.write': 'agency.write',
  'evidence.create': 'evidence.upload',
  'evidence.edit': 'evidence.upload',
  'evidence.agency_status': 'evidence.upload',
  'evidence.return_internal': 'evidence.review_internal',
  'assessment.claim': 'assessment.claim',
  'assessment.submit': 'assessment.submit',
  'evidence.decide': 'evidence.review',
  'assessment.validate': 'assessment.validate',
  'interview.reopen': 'evidence.review',
  'interview.answer': 'evidence.upload',
  'comment.post': 'agency.read',
  'period.freeze': 'period.manage',
};

/** Admins may correct evaluation results in any stage before final. */
export const ADMIN_OVERRIDE: readonly WorkflowAction[] = ['evidence.decide', 'assessment.validate'];

export interface Situation {
  stage: PeriodStage;
  submitted: boolean;
  /** The evidence item the action concerns, if any. */
  itemStatus?: string;
  itemReopened?: boolean;
  admin?: boolean;
}

function holds(condition: Condition, s: Situation): boolean {
  switch (condition) {
    case 'always':
      return true;
    case 'before_submission':
      return !s.submitted;
    case 'after_submission':
      return s.submitted;
    case 'returned_item':
      return s.itemStatus === 'needs_revision';
    case 'reopened_item':
      return s.itemReopened === true;
  }
}

export function allows(action: WorkflowAction, s: Situation): boolean {
  if (s.admin && s.stage !== 'final' && ADMIN_OVERRIDE.includes(action)) return true;
  return STAGE_RULES[s.stage][action].some((c) => holds(c, s));
}

/** Why the action is refused, naming the lock in catalogue words; null when it is allowed. */
export function refusal(action: WorkflowAction, s: Situation, year: number): Message | null {
  if (allows(action, s)) return null;
  const open = STAGE_RULES[s.stage][action].map((c) => msg(`workflow.condition.${c}`));
  return msg('msg.workflow.lock', {
    year,
    stage: msg(`stage.${s.stage}`),
    action: msg(`workflow.action.${action}`),
    when: open.length
      ? msg('msg.workflow.lock.open', {
          conditions: open.reduce((a, b) => msg('msg.workflow.lock.or', { a, b })),
        })
      : msg('msg.workflow.lock.closed'),
    submitted: s.submitted ? msg('msg.workflow.lock.submitted', { year }) : '',
  });
}

/** The table as the period page and the API show it: per action, the roles and each stage's cell. */
export function stageRulesTable() {
  return WORKFLOW_ACTIONS.map((action) => ({
    action,
    permission: ACTION_PERMISSION[action],
    roles: ROLES.filter((r: Role) => hasPermission(r, ACTION_PERMISSION[action])),
    adminOverride: ADMIN_OVERRIDE.includes(action),
    stages: PERIOD_STAGES.map((stage) => ({ stage, conditions: STAGE_RULES[stage][action] })),
  }));
}
