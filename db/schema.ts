import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/** A `date` column: read as an ISO `YYYY-MM-DD` string (see the type parser in connection.ts). */
type DateColumn = string;
/** A `numeric` column: pg returns it as a string so that no precision is lost. */
type Numeric = ColumnType<string, string | number, string | number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Role = 'exec' | 'em' | 'engineer' | 'viewer';
export type Stage = 'candidate' | 'active' | 'rejected' | 'handed_off' | 'ended';
export type Level = 'low' | 'medium' | 'high';
export type DecisionKind = 'approve' | 'reject' | 'defer' | 'reconsider';
export type IarrKind = 'expansion' | 'net_new';
export type ProgressKind = 'progress' | 'win' | 'risk' | 'blocker' | 'feedback' | 'request';
export type UpdateStatus = 'draft' | 'submitted' | 'amended';
export type SettingKey = 'acceptance_pct' | 'dau_pct' | 'iarr_usd' | 'capacity' | 'stale_window_days' | 'team_time_zone';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface SsoFlowsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_to: string;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The minute whose requests `rate_window_requests` counts. */
  rate_window_start: Timestamp | null;
  rate_window_requests: Generated<number>;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  attempted_at: Timestamp;
}

export interface CustomersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  stage: Generated<Stage>;
  lead_engineer_id: number | null;
  notes: Generated<string>;
  approved_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FrameworkEvaluationsTable {
  id: Generated<number>;
  customer_id: number;
  strategic_segment: boolean;
  co_market: Level;
  new_industry: boolean;
  related_market: string | null;
  vision_alignment: Level;
  evaluated_by: number | null;
  evaluated_at: CreatedAt;
}

export interface DecisionsTable {
  id: Generated<number>;
  customer_id: number;
  decided_by: number;
  decided_at: CreatedAt;
  decision: DecisionKind;
  rationale: string;
  stage_before: Stage;
  stage_after: Stage;
  framework: ColumnType<unknown, string, never>;
  score: number;
  gate_open: boolean;
  gate_reasons: ColumnType<unknown, string | undefined, never>;
  override_justification: string | null;
}

export interface MetricSnapshotsTable {
  customer_id: number;
  week_start: DateColumn;
  completions_shown: number;
  completions_accepted: number;
  dau: number;
  available_developers: number;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface IarrEntriesTable {
  id: Generated<number>;
  customer_id: number;
  booked_on: DateColumn;
  amount_usd: ColumnType<number, number, number>;
  kind: IarrKind;
  note: Generated<string>;
  external_id: string | null;
  recorded_by: number | null;
  recorded_at: CreatedAt;
}

export interface SettingChangesTable {
  id: Generated<number>;
  key: SettingKey;
  /** A threshold's value; null for the time zone. */
  value: Numeric | null;
  /** The team time zone's IANA name; null for the thresholds. */
  text_value: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface FeedbackThemesTable {
  id: Generated<number>;
  name: string;
  owning_team: string;
  created_at: CreatedAt;
}

export interface ProgressEntriesTable {
  id: Generated<number>;
  customer_id: number;
  kind: ProgressKind;
  occurred_on: DateColumn;
  body: string;
  theme_id: number | null;
  routed_to: string | null;
  resolved_at: Timestamp | null;
  resolved_by: number | null;
  resolution_note: string | null;
  submission_key: string | null;
  author_id: number;
  created_at: CreatedAt;
  version: Generated<number>;
  /** The body's words for full-text search, computed by the database. */
  search_vector: GeneratedAlways<string>;
}

export interface WeeklyUpdatesTable {
  id: Generated<number>;
  week_start: DateColumn;
  status: Generated<UpdateStatus>;
  progress: Generated<string>;
  blockers: Generated<string>;
  upcoming: Generated<string>;
  created_by: number;
  created_at: Timestamp;
  updated_by: number;
  updated_at: Timestamp;
  submitted_by: number | null;
  submitted_at: Timestamp | null;
  amended_at: Timestamp | null;
  version: Generated<number>;
}

export interface HandoffsTable {
  customer_id: number;
  outcome: 'handed_off' | 'ended';
  receiving_team: string | null;
  exit_notes: Generated<string>;
  exited_on: DateColumn;
  recorded_by: number;
  recorded_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  ip: string | null;
}

/** What happened, for the inbox and the webhooks (the kinds of app/domain/events.ts, and the webhooks' test). */
export interface EventsTable {
  id: Generated<number>;
  kind: string;
  occurred_at: Timestamp;
  customer_id: number | null;
  data: ColumnType<unknown, string, never>;
  text: string;
  link: string;
  dedupe_key: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  event_id: number;
  read_at: Timestamp | null;
}

export interface NotificationMutesTable {
  user_id: number;
  kind: string;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  events: ColumnType<string[], string[], never>;
  secret: string | null;
  created_by: number;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: number;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
}

export interface ObjectivesTable {
  id: Generated<number>;
  customer_id: number;
  title: string;
  owner_id: number | null;
  due_on: DateColumn;
  status: Generated<'planned' | 'in_progress' | 'done' | 'dropped'>;
  links: ColumnType<string[], string[] | undefined, string[]>;
  notes: Generated<string>;
  done_on: DateColumn | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  customers: CustomersTable;
  framework_evaluations: FrameworkEvaluationsTable;
  decisions: DecisionsTable;
  metric_snapshots: MetricSnapshotsTable;
  iarr_entries: IarrEntriesTable;
  setting_changes: SettingChangesTable;
  feedback_themes: FeedbackThemesTable;
  progress_entries: ProgressEntriesTable;
  weekly_updates: WeeklyUpdatesTable;
  handoffs: HandoffsTable;
  audit_log: AuditLogTable;
  events: EventsTable;
  notifications: NotificationsTable;
  notification_mutes: NotificationMutesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  objectives: ObjectivesTable;
  sso_flows: SsoFlowsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type MetricSnapshot = Selectable<MetricSnapshotsTable>;
export type NewMetricSnapshot = Insertable<MetricSnapshotsTable>;
export type NewIarrEntry = Insertable<IarrEntriesTable>;
export type NewProgressEntry = Insertable<ProgressEntriesTable>;
export type NewWeeklyUpdate = Insertable<WeeklyUpdatesTable>;
export type AuditEntry = Selectable<AuditLogTable>;
