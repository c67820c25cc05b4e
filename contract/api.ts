/**
 * The HTTP API: request/response schemas (zod/mini, small bundles) and their types.
 * The add-in and the handlers both import these; nothing is declared twice.
 */
import * as z from 'zod/mini';
import { FIELD_KEYS, type FieldKey, type ListKey, type Message, type RawCell, type Stage } from './fields';
import type { FieldError, Flag, FlagLevel, RuleId, Transition } from './flags';
import { cellRefusal, ID_RULE, isValidId, LIMITS, rowCellBytes, WORKBOOK_ID_MAX, type CellRefusal } from './limits';


export const API_VERSION = 'v1';

const message = z.object({ zh: z.string(), en: z.string() });
const listKey = z.enum(['clue', 'signed', 'landed', 'producing']);
const stage = z.enum(['clue', 'signed', 'landed', 'producing', 'dropped']);
const flagLevel = z.enum(['none', 'yellow', 'red']);
/** A cell's type; its bounds are cellRefusal's (limits.ts), checked on the row's cells below. */
const rawCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldKey = z.enum(FIELD_KEYS);
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const isoWeek = z.string().check(z.regex(/^\d{4}-W\d{2}$/));

const REFUSAL_RULE: Record<CellRefusal['kind'], (limit: number) => string> = {
  number: (limit) => `a finite number of magnitude at most ${limit}`,
  length: (limit) => `at most ${limit} characters`,
};

/** A project id (or a workbook id, `max` 100) in the one ID grammar (limits.ts isValidId): else a 400 naming the field. */
export const idSchema = (max: number = LIMITS.idLength) => z.string().check(z.refine((s) => isValidId(s, max), { message: ID_RULE(max) }));

export const rowRefSchema = z.object({ sheet: z.string().check(z.maxLength(200)), row: z.number().check(z.int(), z.positive()) });

export const syncRowSchema = z.object({
  ref: rowRefSchema,
  /** The list (sheet) the row sits on now. */
  list: listKey,
  /** The project id the client wrote into the row before syncing (idempotent retries). */
  id: idSchema(),
  /** Raw cell values by canonical field; the server parses them. */
  cells: z.partialRecord(fieldKey, rawCell).check(
    z.superRefine((cells, ctx) => {
      for (const [field, value] of Object.entries(cells)) {
        const refusal = cellRefusal(field, value);
        if (refusal) ctx.addIssue({ code: 'custom', input: value, path: [field], message: REFUSAL_RULE[refusal.kind](refusal.limit) });
      }
    }),
    z.refine((c) => rowCellBytes(c) <= LIMITS.rowBytes, { message: `the row's cells exceed ${LIMITS.rowBytes} bytes` }),
  ),
  /** Money unit (亿元 per unit) a column's header names, e.g. "（万元）" → 0.0001. */
  units: z.optional(z.partialRecord(fieldKey, z.number().check(z.positive(), z.lte(LIMITS.maxNumber)))),
});

export const syncRequestSchema = z.object({
  workbook: z.object({ id: idSchema(WORKBOOK_ID_MAX), name: z.string().check(z.maxLength(500)) }),
  dateSystem: z.union([z.literal(1900), z.literal(1904)]),
  rows: z.array(syncRowSchema),
  /**
   * Sent with the last chunk of a sync: every project id in the workbook, so the server can report the
   * projects this workbook synced before and now lacks (reported, never deleted).
   */
  workbookIds: z.optional(z.array(idSchema())),
  /** Evaluate as of this date; honoured only when the stack runs in local/test mode. */
  asOf: z.optional(isoDate),
});

export type RowRef = z.infer<typeof rowRefSchema>;
export type SyncRow = z.infer<typeof syncRowSchema>;
export type SyncRequest = z.infer<typeof syncRequestSchema>;


export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

/** A stored project a row may duplicate (DESIGN §5): same unit and a near name, or the same name in another unit. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  unit: string;
}

/**
 * Something the clerk should look at that is not an error: the row was stored. `possible_duplicate`: the row was
 * created as a new project, yet `projects` may be the same one (several stored projects of its unit with its name,
 * a near name in its unit, or its name in another unit — never merged across units).
 */
export interface RowWarning {
  code: 'possible_duplicate';
  message: Message;
  projects: DuplicateCandidate[];
}

/**
 * A project's per-mu figures (亩均), derived by the server from its stored fields (functions/domain/contribution.ts);
 * shown, never written into the clerk's cells. Each is null when 用地面积 is missing or zero, or its money figure is.
 */
export interface ProjectFigures {
  /** 用地面积, 亩. */
  landArea: number | null;
  /** 投资强度, 万元/亩: 固定资产投资, else 总投资 (investmentBasis), per 亩. */
  investmentIntensity: number | null;
  investmentBasis: 'fixedInvestment' | 'amount' | null;
  /** 亩均税收, 万元/亩·年 (expected yearly tax). */
  taxPerMu: number | null;
  /** 亩均产值, 万元/亩 (expected output value). */
  outputPerMu: number | null;
}

export interface SyncRowResult {
  ref: RowRef;
  /**
   * The project's canonical id. It differs from the id the row sent when that id was unknown to the store and the
   * row was matched to a stored project of its unit by normalised name (then `sentId` holds the sent one): the
   * client writes `id` into the row's ID cell, so the file converges on the stored project.
   */
  id: string;
  /** The id the row sent, only when the row was matched to another stored project (`id`). */
  sentId?: string;
  /** Not errors: the row was stored (or left unchanged); never counted in `summary.errors`. */
  warnings?: RowWarning[];
  status: RowStatus;
  stage: Stage;
  /** The list the row belongs on now; differs from the row's list after a forward transition. */
  targetList: ListKey | null;
  /**
   * The stage transition this sync recorded (on first sight: from the row's list), or, for a row still sitting on
   * an earlier list than its stage (a move not yet confirmed), the move it awaits from that list — both with their
   * cycle days. `summary.transitions` counts only the recorded ones.
   */
  transition?: Transition;
  flag: Flag;
  errors: FieldError[];
  /** The stored project's per-mu figures (not on a rejected row). */
  figures?: ProjectFigures;
}

export interface MissingProject {
  id: string;
  name: string;
  stage: Stage;
  unit: string;
}

export interface SyncSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  red: number;
  yellow: number;
  transitions: number;
  errors: number;
  /** Rows with a warning (possible duplicates): they were stored; not errors. */
  warnings?: number;
  /** Rows matched by name to a stored project (their `id` differs from the one sent). */
  matched?: number;
  /** Only in the answer to the chunk that carried workbookIds. */
  missing?: MissingProject[];
}

export interface SyncResponse {
  asOf: string;
  rows: SyncRowResult[];
  summary: SyncSummary;
}

/** GET /v1/projects?unit=&stage=&flag=&nextToken= */
export const projectsQuerySchema = z.object({
  unit: z.optional(z.string().check(z.maxLength(200))),
  stage: z.optional(stage),
  flag: z.optional(flagLevel),
  limit: z.optional(z.coerce.number().check(z.int(), z.positive(), z.maximum(1000))),
  nextToken: z.optional(z.string().check(z.maxLength(2000))),
});
export type ProjectsQuery = z.infer<typeof projectsQuerySchema>;

export interface ProjectSummary {
  id: string;
  name: string;
  unit: string;
  leader: string;
  stage: Stage;
  amount: number | null;
  flag: Flag;
  /** ISO instant the flag reached its current level (for "days flagged"). */
  flagSince: string | null;
  updatedAt: string;
  version: number;
  /** Parsed field values, as the server stores them. */
  fields: Partial<Record<FieldKey, string | number | null>>;
  /** Per-mu figures derived from `fields`. */
  figures?: ProjectFigures;
}

export interface ProjectsResponse {
  projects: ProjectSummary[];
  nextToken?: string;
}

export type HistoryEventKind = 'created' | 'fields' | 'transition' | 'flag';
export interface HistoryEvent {
  version: number;
  at: string;
  kind: HistoryEventKind;
  /** Who, as a label: the caller's e-mail, else their subject. */
  by: string;
  /** The id of the workbook the change came from. */
  workbook: string;
  /** Who, in full (events recorded before this field existed lack it). */
  user?: { subject: string; email: string | null; name: string | null };
  /** The workbook's file name as the client sent it. */
  workbookName?: string;
  changes?: Partial<Record<FieldKey, { from: string | number | null; to: string | number | null }>>;
  transition?: Transition;
  flag?: { from: FlagLevel; to: FlagLevel; rules: RuleId[] };
}
export interface HistoryResponse {
  id: string;
  events: HistoryEvent[];
  /** The project's per-mu figures now (from its latest state). */
  figures?: ProjectFigures;
}

export const weeklyQuerySchema = z.object({ week: z.optional(isoWeek) });
/** GET /v1/dashboard?asOf= — asOf (a local date) is honoured only when the stack runs in local/test mode. */
export const dashboardQuerySchema = z.object({
  asOf: z.optional(isoDate),
  /** The red list's page after this cursor (Dashboard.redFlagsNext), and its size (default 100). */
  nextToken: z.optional(z.string().check(z.maxLength(2_000))),
  redLimit: z.optional(z.coerce.number().check(z.int(), z.positive(), z.maximum(500))),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** The error body of every non-2xx answer. */
export interface ApiError {
  error: { code: ErrorCode; message: Message; details?: unknown };
}
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'throttled'
  | 'internal';
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  throttled: 429,
  internal: 500,
};

export type Role = 'clerk' | 'leader' | 'admin';

export type { FieldKey, FlagLevel, ListKey, Message, RawCell, Stage };
export { fieldKey as fieldKeySchema, listKey as listKeySchema, message as messageSchema };
