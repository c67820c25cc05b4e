/**
 * The single table's key schema and indexes, defined once: the CDK stack, the local stack and the tests all
 * build the table from this. Keys (DESIGN.md §6):
 *   PK=PROJECT#<id>  SK=STATE | EVT#<000000001> | WEEK#<yyyy-Www>
 *   PK=CONFIG        SK=COUNTY
 *   PK=WORKBOOK#<id> SK=MEMBERS#<hash of ids> (ids: the projects one sync chunk brought into the workbook;
 *                    data written before holds SK=PROJECT#<id>, one per project)
 *   PK=USER#<subject> | USER#email:<e-mail>  SK=PROFILE
 *   PK=CUTOFF        SK=CLOSED#<week> | REMINDED#<week> (the weekly cut-off's markers, attribute_not_exists)
 *   PK=WEEKCLOSE#<week> SK=REPORT (the fixed weekly report, gzipped JSON) | AGG#unit|list|leader#<key>
 *   PK=CONFIG        SK=CHANNELS (push channels: webhook URLs and secrets, admin-only) | PUSHRUNS#<kind>
 *   PK=NAMES         SK=<ISO time>#<uuid>#<part> (the name index, append-only: each item a write's entries — unit,
 *                    normalised name, project id — as JSON, written before a new project's first event: names.ts;
 *                    an earlier release's PK=NAME#<unit>#<name> SK=NAME items, GSI2PK=NAMES, are read until upkeep)
 *   PK=CONFIG        SK=NAMEINDEX (the name index backfill's mark: app/upkeep.ts)
 *   PK=CONFIG        SK=TABLE (written by the embedded stack when it creates the table: every event follows its STATE)
 *   PK=DUPLICATES    SK=LIST (the leaders' possible duplicates as last taken from the name index: app/duplicates.ts)
 *   PK=LIVE          SK=UNIT#<unit> | META; PK=LIVE#RED SK=<flagSince|~>#<id>; PK=LIVE#CHUNKS SK=OPEN (the
 *                    dashboard's live aggregates and the sync chunks owing them deltas: live-aggregates.ts)
 * A new project's STATE is written before its EVT#1, marked with its writer's token (`creating`) that EVT#1 carries
 * (projects.ts): readers answer it once that EVT#1 exists, from the event when another writer's token holds it, and
 * leave it out when there is none. (An earlier release wrote version-0 placeholders instead: read the same way.)
 * WEEK#<w> items hold a project's state at the cut-off ending week w, written when a later week replaces it
 * (STATE itself stands for every week from its updatedAt on).
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  partitionKey: string;
  sortKey: string;
  indexes: readonly IndexDefinition[];
}

export const TABLE: TableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  indexes: [
    // Projects by unit and stage: GSI1PK=UNIT#<unit as compared: NFKC, no spaces>, GSI1SK=<stage>#<id> (on STATE items only).
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    // Weekly snapshots by week: GSI2PK=WEEK#<yyyy-Www>, GSI2SK=<unit>#<id> (on WEEK# items), every
    // project's STATE under GSI2PK=PROJECTS (GSI2SK=<unit>#<id>) so listing all projects is a Query, not a Scan,
    // every user profile under GSI2PK=USERS (GSI2SK=<its PK>) for the admins' user list, and an earlier release's
    // name index items under GSI2PK=NAMES (GSI2SK=<name>#<unit>), read until upkeep has moved them (names.ts).
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
};

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];

export const DEFAULT_TABLE_NAME = 'invest-flags';

const keySchema = (hash: string, range: string) =>
  [
    { AttributeName: hash, KeyType: 'HASH' as const },
    { AttributeName: range, KeyType: 'RANGE' as const },
  ];

/**
 * The key schema as CreateTable (the embedded stack) and CloudFormation's AWS::DynamoDB::Table spell it; the CDK
 * construct builds the same through CDK's API and its test pins it to this. Indexes project ALL: the list and report
 * queries need whole items (KEYS_ONLY would add a BatchGetItem per page).
 */
export const TABLE_SCHEMA = {
  AttributeDefinitions: KEY_ATTRIBUTES.map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
  KeySchema: keySchema(TABLE.partitionKey, TABLE.sortKey),
  GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
    IndexName: i.name,
    KeySchema: keySchema(i.partitionKey, i.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  })),
};
