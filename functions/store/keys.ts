/**
 * Key builders for the single table (layout in table.ts). Every key string is built here and nowhere else.
 */
import { normalEmail, normalUnit } from '../domain/normalize';

export const STATE_SK = 'STATE';
export const EVT_PREFIX = 'EVT#';
export const WEEK_PREFIX = 'WEEK#';
/** STATE items also sit in one GSI2 partition so that "all projects" is a paged Query, not a table Scan. */
export const ALL_PROJECTS_GSI2PK = 'PROJECTS';

export const projectPk = (id: string): string => `PROJECT#${id}`;
/** Versions are zero-padded so that events sort by version. */
export const eventSk = (version: number): string => `${EVT_PREFIX}${String(version).padStart(9, '0')}`;
export const weekSk = (week: string): string => `${WEEK_PREFIX}${week}`;
export const unitGsi1pk = (unit: string): string => `UNIT#${normalUnit(unit)}`;
export const stageGsi1sk = (stage: string, id: string): string => `${stage}#${id}`;
export const weekGsi2pk = (week: string): string => `WEEK#${week}`;
export const unitIdGsi2sk = (unit: string | null, id: string): string => `${unit ?? ''}#${id}`;
export const CONFIG_KEY = { PK: 'CONFIG', SK: 'COUNTY' } as const;
export const workbookPk = (workbookId: string): string => `WORKBOOK#${workbookId}`;
/** One membership item per sync chunk that brought new projects into the workbook: SK=MEMBERS#<hash of its ids>. */
export const membersSk = (hash: string): string => `MEMBERS#${hash}`;
export const PROFILE_SK = 'PROFILE';
/**
 * Users are found by their token subject, or — registered before their first sign-in — by e-mail: two key
 * namespaces no token value can cross (issue 17). An e-mail's key is USER#email:<e-mail>; a subject's is
 * USER#<subject>, except that a subject beginning with "email:" or "sub:" is kept under USER#sub:<subject> — so
 * no subject's key begins USER#email:, and no two subjects share one. Existing profiles keep their keys: only a
 * subject beginning with "email:" (which used to land on that e-mail's profile — the flaw) or "sub:" moves, and
 * no subject the product meets has either form (Entra object ids are GUIDs; dev tokens are dev:<e-mail> or
 * local-admin).
 */
const ESCAPED_SUBJECT = /^(email|sub):/;
export const userPkBySubject = (subject: string): string => (ESCAPED_SUBJECT.test(subject) ? `USER#sub:${subject}` : `USER#${subject}`);
export const userPkByEmail = (email: string): string => `USER#email:${normalEmail(email)}`;
/** Every user profile also sits in one GSI2 partition, so admins can list users with a Query. */
export const USERS_GSI2PK = 'USERS';

/**
 * The name index (DESIGN §5, functions/store/names.ts): PK=NAMES, SK=<ISO time>#<uuid>#<part>, each item a write's
 * entries. An earlier release's index, read until upkeep moved it: one item per key, in the GSI2 NAMES partition.
 */
export const NAMES_PK = 'NAMES';
export const NAMES_GSI2PK = 'NAMES';
/** Written when this release creates the table: every event in it follows its project's STATE (projects.ts). */
export const TABLE_ORDER_KEY = { PK: 'CONFIG', SK: 'TABLE' } as const;
/** Set once every stored project is in the name index (functions/app/upkeep.ts: projects stored before it existed). */
export const NAME_INDEX_MARK_KEY = { PK: 'CONFIG', SK: 'NAMEINDEX' } as const;
/** The leaders' possible duplicates as last taken from the name index (app/duplicates.ts currentDuplicates). */
export const DUPLICATES_KEY = { PK: 'DUPLICATES', SK: 'LIST' } as const;

/** Attributes that exist only for the table's keys and indexes; readers strip them. */
export const KEY_ONLY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'flagLevel'] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ONLY_ATTRIBUTES) delete copy[k];
  return copy as T;
}

/**
 * The weekly cut-off (functions/store/weeks-closed.ts): PK=CUTOFF holds one marker per closed week
 * (SK=CLOSED#<week>, written last, attribute_not_exists) and per reminded week (SK=REMINDED#<week>); a closed
 * week's fixed report and aggregates sit under PK=WEEKCLOSE#<week> (SK=REPORT, SK=AGG#unit|list|leader#<key>).
 * The push channels (secrets) are PK=CONFIG SK=CHANNELS, apart from the public county config; the admin's view of
 * the last push runs is PK=CONFIG SK=PUSHRUNS#<kind>.
 */
export const CUTOFF_PK = 'CUTOFF';
export const CLOSED_PREFIX = 'CLOSED#';
export const closedSk = (week: string): string => `${CLOSED_PREFIX}${week}`;
export const REMINDED_PREFIX = 'REMINDED#';
export const remindedSk = (week: string): string => `${REMINDED_PREFIX}${week}`;
export const weekClosePk = (week: string): string => `WEEKCLOSE#${week}`;
export const REPORT_SK = 'REPORT';
export const aggregateSk = (kind: string, key: string): string => `AGG#${kind}#${key}`;
export const CHANNELS_KEY = { PK: 'CONFIG', SK: 'CHANNELS' } as const;
export const pushRunsKey = (kind: string) => ({ PK: 'CONFIG', SK: `PUSHRUNS#${kind}` }) as const;
