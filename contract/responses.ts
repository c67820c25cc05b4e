/**
 * The API's answers as zod/mini schemas, for whoever must check a response it did not build (the bundle
 * verifier, tests, a client that distrusts a proxy). Each schema is pinned to its TypeScript type in api.ts,
 * users.ts, config.ts or reports.ts by a compile-time equality check at the bottom: change a type and
 * `tsc` fails until the schema follows. Objects are strict, so an answer that leaks a field the type does not
 * declare (a table key, an internal flag) fails the check too.
 */
import * as z from 'zod/mini';
import type { ApiError, ErrorCode, HistoryEvent, HistoryResponse, ProjectFigures, ProjectsResponse, ProjectSummary, SyncResponse, SyncRowResult } from './api';
import type { CountyConfig } from './config';
import type { ChannelsResponse, CutoffResult, PushRun, WeekCloseResult } from './channels';
import { FIELD_KEYS } from './fields';
import type { FieldError, Flag, FlagReason, Transition } from './flags';
import type { Dashboard, ReportProject, WeeklyReport } from './reports';
import { ROLES, type MeResponse, type UserProfile, type UserPutResponse, type UsersResponse } from './users';

// ---------------------------------------------------------------- vocabulary

const message = z.strictObject({ zh: z.string(), en: z.string() });
const listKey = z.enum(['clue', 'signed', 'landed', 'producing']);
const stage = z.enum(['clue', 'signed', 'landed', 'producing', 'dropped']);
const flagLevel = z.enum(['none', 'yellow', 'red']);
const fieldKey = z.enum(FIELD_KEYS);
const ruleId = z.enum(['weekly-update', 'clue-stalled', 'signed-not-started', 'milestone-overdue', 'problem-open', 'escalation', 'missing-owner', 'contribution-below-standard']);
const role = z.enum(ROLES);
const fieldValue = z.union([z.string(), z.number(), z.null()]);
/** One schema per list: PerList<T>. */
const perList = <T extends z.ZodMiniType>(item: T) => z.strictObject({ clue: item, signed: item, landed: item, producing: item });

export const flagReasonSchema = z.strictObject({
  rule: ruleId,
  level: z.enum(['yellow', 'red']),
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
  message,
});
export const flagSchema = z.strictObject({ level: flagLevel, reasons: z.array(flagReasonSchema) });
export const transitionSchema = z.strictObject({ from: stage, to: stage, on: z.string(), cycleDays: z.nullable(z.number()) });
export const fieldErrorSchema = z.strictObject({ field: z.nullable(fieldKey), code: z.string(), message });

// ---------------------------------------------------------------- POST /v1/sync

export const projectFiguresSchema = z.strictObject({
  landArea: z.nullable(z.number()),
  investmentIntensity: z.nullable(z.number()),
  investmentBasis: z.nullable(z.enum(['fixedInvestment', 'amount'])),
  taxPerMu: z.nullable(z.number()),
  outputPerMu: z.nullable(z.number()),
});

export const syncRowResultSchema = z.strictObject({
  ref: z.strictObject({ sheet: z.string(), row: z.number() }),
  id: z.string(),
  sentId: z.optional(z.string()),
  warnings: z.optional(
    z.array(z.strictObject({ code: z.literal('possible_duplicate'), message, projects: z.array(z.strictObject({ id: z.string(), name: z.string(), unit: z.string() })) })),
  ),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  stage,
  targetList: z.nullable(listKey),
  transition: z.optional(transitionSchema),
  flag: flagSchema,
  errors: z.array(fieldErrorSchema),
  figures: z.optional(projectFiguresSchema),
});

export const syncResponseSchema = z.strictObject({
  asOf: z.string(),
  rows: z.array(syncRowResultSchema),
  summary: z.strictObject({
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    rejected: z.number(),
    red: z.number(),
    yellow: z.number(),
    transitions: z.number(),
    errors: z.number(),
    warnings: z.optional(z.number()),
    matched: z.optional(z.number()),
    missing: z.optional(z.array(z.strictObject({ id: z.string(), name: z.string(), stage, unit: z.string() }))),
  }),
});

// ---------------------------------------------------------------- GET /v1/projects, /v1/projects/{id}/history

export const projectSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  leader: z.string(),
  stage,
  amount: z.nullable(z.number()),
  flag: flagSchema,
  flagSince: z.nullable(z.string()),
  updatedAt: z.string(),
  version: z.number(),
  fields: z.partialRecord(fieldKey, fieldValue),
  figures: z.optional(projectFiguresSchema),
});
export const projectsResponseSchema = z.strictObject({ projects: z.array(projectSummarySchema), nextToken: z.optional(z.string()) });

export const historyEventSchema = z.strictObject({
  version: z.number(),
  at: z.string(),
  kind: z.enum(['created', 'fields', 'transition', 'flag']),
  by: z.string(),
  workbook: z.string(),
  user: z.optional(z.strictObject({ subject: z.string(), email: z.nullable(z.string()), name: z.nullable(z.string()) })),
  workbookName: z.optional(z.string()),
  changes: z.optional(z.partialRecord(fieldKey, z.strictObject({ from: fieldValue, to: fieldValue }))),
  transition: z.optional(transitionSchema),
  flag: z.optional(z.strictObject({ from: flagLevel, to: flagLevel, rules: z.array(ruleId) })),
});
export const historyResponseSchema = z.strictObject({ id: z.string(), events: z.array(historyEventSchema), figures: z.optional(projectFiguresSchema) });

// ---------------------------------------------------------------- GET|PUT /v1/config

const thresholds = { yellow: z.number(), red: z.number() };
const contributionStandard = z.strictObject({ investmentIntensity: z.optional(z.number()), taxPerMu: z.optional(z.number()), name: z.optional(z.string()) });
export const countyConfigSchema = z.strictObject({
  county: z.string(),
  cutoff: z.strictObject({ weekday: z.number(), time: z.string(), timeZone: z.string() }),
  rules: z.strictObject({
    weeklyUpdate: z.strictObject({ ...thresholds, enabled: z.boolean() }),
    clueStalled: z.strictObject({ ...thresholds, enabled: z.boolean(), suggestDropWeeks: z.number() }),
    signedNotStarted: z.strictObject({ ...thresholds, enabled: z.boolean() }),
    milestoneOverdue: z.strictObject({ ...thresholds, enabled: z.boolean() }),
    problemOpen: z.strictObject({ ...thresholds, enabled: z.boolean(), coordinationIsRed: z.boolean() }),
    escalation: z.strictObject({ enabled: z.boolean(), consecutiveCutoffs: z.number() }),
    missingOwner: z.strictObject({ enabled: z.boolean() }),
  }),
  industries: z.array(z.string()),
  units: z.array(z.string()),
  autoMoveRows: z.boolean(),
  investmentMethods: z.array(z.string()),
  standards: z.strictObject({ default: z.nullable(contributionStandard), industries: z.record(z.string(), contributionStandard) }),
});

// ---------------------------------------------------------------- GET|PUT /v1/users, GET /v1/me

export const userProfileSchema = z.strictObject({
  subject: z.optional(z.string()),
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  role,
  units: z.array(z.string()),
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(z.string()),
});
export const usersResponseSchema = z.strictObject({ users: z.array(userProfileSchema) });
export const userPutResponseSchema = z.strictObject({ user: userProfileSchema });
export const meResponseSchema = z.strictObject({
  subject: z.string(),
  email: z.nullable(z.string()),
  name: z.nullable(z.string()),
  role,
  units: z.array(z.string()),
  bootstrapped: z.optional(z.boolean()),
});

// ---------------------------------------------------------------- reports

export const reportProjectSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  leader: z.nullable(z.string()),
  stage,
  amount: z.nullable(z.number()),
  flag: flagLevel,
});
const flagChange = z.strictObject({ project: reportProjectSchema, from: flagLevel, to: flagLevel, reasons: z.array(flagReasonSchema) });
const changeFigure = z.strictObject({ previous: z.number(), current: z.number(), delta: z.number() });
const listChange = z.strictObject({ count: changeFigure, amount: changeFigure, red: changeFigure, yellow: changeFigure });
const weeklyFigures = z.strictObject({ count: z.number(), amount: z.number(), red: z.number(), yellow: z.number(), entered: z.number(), noUpdate: z.number() });

const notReportedUnit = z.strictObject({ unit: z.string(), active: z.number() });

export const weeklyReportSchema = z.strictObject({
  period: z.strictObject({ week: z.string(), previousWeek: z.string(), start: z.string(), end: z.string(), firstDay: z.string(), lastDay: z.string() }),
  empty: z.boolean(),
  units: z.array(z.strictObject({ unit: z.string(), lists: perList(weeklyFigures), total: weeklyFigures, droppedThisWeek: z.number() })),
  county: z.strictObject({ lists: perList(weeklyFigures), total: weeklyFigures, droppedThisWeek: z.number(), droppedTotal: z.number() }),
  entered: perList(z.array(reportProjectSchema)),
  movements: z.array(z.strictObject({ project: reportProjectSchema, from: z.nullable(stage), to: stage, passed: z.array(listKey), on: z.nullable(z.string()) })),
  noUpdate: z.array(reportProjectSchema),
  notReported: z.array(notReportedUnit),
  coordination: z.array(z.strictObject({ project: reportProjectSchema, text: z.string() })),
  droppedThisWeek: z.array(reportProjectSchema),
  change: z.nullable(
    z.strictObject({ lists: perList(listChange), total: listChange, newRed: z.array(flagChange), newYellow: z.array(flagChange), cleared: z.array(flagChange) }),
  ),
});

const dashboardFigures = z.strictObject({
  count: z.number(),
  amount: z.number(),
  red: z.number(),
  yellow: z.number(),
  outputValue: z.number(),
  tax: z.number(),
  jobs: z.number(),
});
const cycleTime = z.strictObject({ median: z.nullable(z.number()), count: z.number() });
const countAmount = z.strictObject({ count: z.number(), amount: z.number() });
const priorityRow = z.strictObject({ lists: perList(countAmount), total: countAmount });
const trendSeries = z.strictObject({ red: z.array(z.nullable(z.number())), yellow: z.array(z.nullable(z.number())) });
const landFigures = z.strictObject({
  count: z.number(),
  amount: z.number(),
  outputValue: z.number(),
  tax: z.number(),
  withLand: z.number(),
  landArea: z.number(),
  investmentIntensity: z.nullable(z.number()),
  taxPerMu: z.nullable(z.number()),
  outputPerMu: z.nullable(z.number()),
});
const contributionSections = z.strictObject({
  methods: z.array(
    z.strictObject({
      method: z.string(),
      lists: perList(z.number()),
      total: z.number(),
      amount: z.number(),
      all: z.number(),
      signed: z.number(),
      conversion: z.nullable(z.number()),
      clueToSigned: cycleTime,
    }),
  ),
  teams: z.array(z.strictObject({ team: z.string(), lists: perList(z.number()), total: z.number(), amount: z.number(), red: z.number(), yellow: z.number() })),
  chains: z.array(
    z.strictObject({
      industry: z.string(),
      roles: z.strictObject({ build: perList(z.number()), fill: perList(z.number()), strengthen: perList(z.number()), extend: perList(z.number()) }),
      unmarked: z.number(),
      lists: perList(z.number()),
      total: z.number(),
    }),
  ),
  land: z.array(z.strictObject({ unit: z.string(), landed: landFigures, producing: landFigures, total: landFigures })),
  landTotal: z.strictObject({ landed: landFigures, producing: landFigures, total: landFigures }),
});

export const dashboardSchema = z.strictObject({
  asOf: z.string(),
  week: z.string(),
  empty: z.boolean(),
  lists: perList(dashboardFigures),
  total: dashboardFigures,
  dropped: z.number(),
  units: z.array(
    z.strictObject({
      unit: z.string(),
      lists: perList(z.number()),
      total: z.number(),
      amount: z.number(),
      red: z.number(),
      yellow: z.number(),
    }),
  ),
  cycleTimes: z.strictObject({ clueToSigned: cycleTime, signedToLanded: cycleTime, landedToProducing: cycleTime }),
  priority: z.strictObject({ centralSoe: priorityRow, nationalBrand: priorityRow, fortune500: priorityRow }),
  redFlags: z.array(
    z.strictObject({ project: reportProjectSchema, reasons: z.array(flagReasonSchema), flagSince: z.nullable(z.string()), daysFlagged: z.nullable(z.number()) }),
  ),
  notReported: z.array(notReportedUnit),
  redFlagsTotal: z.optional(z.number()),
  redFlagsNext: z.optional(z.string()),
  trend: z.optional(z.strictObject({ weeks: z.array(z.string()), units: z.array(z.strictObject({ unit: z.string(), ...trendSeries.shape })), lists: perList(trendSeries), total: trendSeries })),
  contribution: z.optional(contributionSections),
  duplicates: z.optional(
    z.array(z.strictObject({ kind: z.enum(['same', 'otherUnit', 'near']), a: z.strictObject({ id: z.string(), name: z.string(), unit: z.string() }), b: z.strictObject({ id: z.string(), name: z.string(), unit: z.string() }) })),
  ),
  duplicatesTotal: z.optional(z.number()),
});

// ---------------------------------------------------------------- push channels and the cut-off (channels.ts)

const channelKind = z.enum(['wecom', 'dingtalk', 'feishu', 'email']);
const answeredChannel = z.strictObject({ id: z.string(), kind: channelKind, name: z.string(), url: z.optional(z.string()), secret: z.optional(z.string()), to: z.optional(z.array(z.string())) });
const deliveryReport = z.strictObject({ channel: z.string(), kind: channelKind, audience: z.string(), ok: z.boolean(), attempts: z.number(), error: z.optional(z.string()) });
export const pushRunSchema = z.strictObject({ kind: z.enum(['afterCutoff', 'reminder']), week: z.string(), at: z.string(), sent: z.number(), failed: z.number(), deliveries: z.array(deliveryReport) });
export const channelsResponseSchema = z.strictObject({
  settings: z.strictObject({
    channels: z.array(answeredChannel),
    leaders: z.record(z.string(), z.array(z.string())),
    units: z.record(z.string(), z.array(z.string())),
    schedule: z.strictObject({ afterCutoff: z.boolean(), reminderHoursBefore: z.nullable(z.number()), projectLinkBase: z.optional(z.string()) }),
  }),
  lastRuns: z.array(pushRunSchema),
});
export const weekCloseResultSchema = z.strictObject({ week: z.string(), status: z.enum(['closed', 'alreadyClosed', 'wouldClose']), projects: z.number(), escalated: z.number(), notReported: z.array(z.string()) });
export const cutoffResultSchema = z.strictObject({
  at: z.string(),
  dryRun: z.boolean(),
  weeks: z.array(weekCloseResultSchema),
  push: z.nullable(pushRunSchema),
  reminder: z.nullable(pushRunSchema),
  preview: z.optional(z.array(z.strictObject({ audience: z.string(), text: z.string() }))),
});

// ---------------------------------------------------------------- every non-2xx answer

export const errorCodeSchema = z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'throttled', 'internal']);
export const apiErrorSchema = z.strictObject({ error: z.strictObject({ code: errorCodeSchema, message, details: z.optional(z.unknown()) }) });

// ---------------------------------------------------------------- the schemas cannot drift from the types

/** A and B accept the same values: each is assignable to the other (catches a wrong type, a required/optional mix-up). */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every property path of T ("flag.reasons.rule"), through arrays, unions and nullables. */
type Paths<T> = T extends readonly (infer U)[] ? Paths<U> : T extends object ? { [K in keyof T & string]-?: K | `${K}.${Paths<T[K]>}` }[keyof T & string] : never;
/** The same type: the same values and the same property paths (catches an optional field on one side only). */
type Same<A, B> = Mutual<A, B> extends true ? Mutual<Paths<A>, Paths<B>> : false;

// Each line fails to compile when its schema and its type part ways.
export const flagReasonSchemaMatchesType: Same<z.infer<typeof flagReasonSchema>, FlagReason> = true;
export const flagSchemaMatchesType: Same<z.infer<typeof flagSchema>, Flag> = true;
export const transitionSchemaMatchesType: Same<z.infer<typeof transitionSchema>, Transition> = true;
export const fieldErrorSchemaMatchesType: Same<z.infer<typeof fieldErrorSchema>, FieldError> = true;
export const projectFiguresSchemaMatchesType: Same<z.infer<typeof projectFiguresSchema>, ProjectFigures> = true;
export const syncRowResultSchemaMatchesType: Same<z.infer<typeof syncRowResultSchema>, SyncRowResult> = true;
export const syncResponseSchemaMatchesType: Same<z.infer<typeof syncResponseSchema>, SyncResponse> = true;
export const projectSummarySchemaMatchesType: Same<z.infer<typeof projectSummarySchema>, ProjectSummary> = true;
export const projectsResponseSchemaMatchesType: Same<z.infer<typeof projectsResponseSchema>, ProjectsResponse> = true;
export const historyEventSchemaMatchesType: Same<z.infer<typeof historyEventSchema>, HistoryEvent> = true;
export const historyResponseSchemaMatchesType: Same<z.infer<typeof historyResponseSchema>, HistoryResponse> = true;
export const countyConfigSchemaMatchesType: Same<z.infer<typeof countyConfigSchema>, CountyConfig> = true;
export const userProfileSchemaMatchesType: Same<z.infer<typeof userProfileSchema>, UserProfile> = true;
export const usersResponseSchemaMatchesType: Same<z.infer<typeof usersResponseSchema>, UsersResponse> = true;
export const userPutResponseSchemaMatchesType: Same<z.infer<typeof userPutResponseSchema>, UserPutResponse> = true;
export const meResponseSchemaMatchesType: Same<z.infer<typeof meResponseSchema>, MeResponse> = true;
export const reportProjectSchemaMatchesType: Same<z.infer<typeof reportProjectSchema>, ReportProject> = true;
export const weeklyReportSchemaMatchesType: Same<z.infer<typeof weeklyReportSchema>, WeeklyReport> = true;
export const dashboardSchemaMatchesType: Same<z.infer<typeof dashboardSchema>, Dashboard> = true;
export const errorCodeSchemaMatchesType: Same<z.infer<typeof errorCodeSchema>, ErrorCode> = true;
export const apiErrorSchemaMatchesType: Same<z.infer<typeof apiErrorSchema>, ApiError> = true;
export const pushRunSchemaMatchesType: Same<z.infer<typeof pushRunSchema>, PushRun> = true;
export const channelsResponseSchemaMatchesType: Same<z.infer<typeof channelsResponseSchema>, ChannelsResponse> = true;
export const weekCloseResultSchemaMatchesType: Same<z.infer<typeof weekCloseResultSchema>, WeekCloseResult> = true;
export const cutoffResultSchemaMatchesType: Same<z.infer<typeof cutoffResultSchema>, CutoffResult> = true;
