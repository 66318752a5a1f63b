import { Agency } from '../agencies/agency.entity';
import { Application } from '../applications/application.entity';
import { Assessment } from '../assessments/assessment.entity';
import { AuditAnchor } from '../audit/audit-anchor.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuthToken } from '../auth/auth-token.entity';
import { Change } from '../changes/change.entity';
import { EvidenceFile } from '../evidence/evidence-file.entity';
import { Evidence } from '../evidence/evidence.entity';
import { HubApiRow } from '../hub/hub-api.entity';
import { HubApplicationRow } from '../hub/hub-application.entity';
import { HubEndpointCheckRow } from '../hub/hub-endpoint-check.entity';
import { HubImport } from '../hub/hub-import.entity';
import { HubInstance } from '../hub/hub-instance.entity';
import { HubMappingRule } from '../hub/hub-mapping-rule.entity';
import { HubMonitorStateRow } from '../hub/hub-monitor-state.entity';
import { HubSubscriptionRow } from '../hub/hub-subscription.entity';
import { HubUptimeRow } from '../hub/hub-uptime.entity';
import { HubUsageRow } from '../hub/hub-usage.entity';
import { Integration } from '../integrations/integration.entity';
import { LevelResult, ScoreSnapshot } from '../levels/level-result.entity';
import { OnboardingItem } from '../onboarding/onboarding-item.entity';
import { OnboardingRole } from '../onboarding/onboarding-role.entity';
import { Period } from '../periods/period.entity';
import { Policy } from '../policies/policy.entity';
import { FollowUp } from '../periodic-reviews/follow-up.entity';
import { Review } from '../periodic-reviews/review.entity';
import { SplInstance } from '../spl/spl-instance.entity';
import { Unit } from '../units/unit.entity';
import { EvaluatorAssignment } from '../users/evaluator-assignment.entity';
import { User } from '../users/user.entity';
import { Comment } from '../workflow/comments/comment.entity';
import { AgencySubmission } from '../workflow-core/agency-submission.entity';
import { AgencyFreeze } from '../workflow-core/agency-freeze.entity';
import { FrozenResult } from '../workflow-core/frozen-result.entity';
import { InterviewRound } from '../workflow/interview/interview-round.entity';
import { MailOutbox } from '../mail/mail-outbox.entity';
import { DeadlineReminder } from '../workflow/notifications/deadline-reminder.entity';
import {
  NotificationDigestItem,
  NotificationDigestRun,
} from '../workflow/notifications/notification-digest.entity';
import { NotificationPreference } from '../workflow/notifications/notification-preference.entity';
import { Notification } from '../workflow/notifications/notification.entity';
import { EvidenceDecision } from '../workflow/review/evidence-decision.entity';

/** Every TypeORM entity, listed once (no globbing, so builds and tests see the same set). */
export const ENTITIES = [
  AuditEntry,
  AuditAnchor,
  Agency,
  Unit,
  Period,
  User,
  EvaluatorAssignment,
  AuthToken,
  Application,
  SplInstance,
  OnboardingItem,
  OnboardingRole,
  Evidence,
  EvidenceFile,
  Policy,
  Integration,
  Review,
  FollowUp,
  Assessment,
  LevelResult,
  ScoreSnapshot,
  Change,
  HubImport,
  HubMappingRule,
  HubInstance,
  HubApiRow,
  HubApplicationRow,
  HubSubscriptionRow,
  HubUsageRow,
  HubUptimeRow,
  HubMonitorStateRow,
  HubEndpointCheckRow,
  AgencySubmission,
  EvidenceDecision,
  InterviewRound,
  Notification,
  Comment,
  AgencyFreeze,
  FrozenResult,
  // e-mail (issue 24)
  MailOutbox,
  NotificationPreference,
  NotificationDigestItem,
  NotificationDigestRun,
  DeadlineReminder,
];
