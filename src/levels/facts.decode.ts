/**
 * What the facts statement (src/levels/facts.repository.ts) answers and how it is decoded: pure,
 * so a worker thread can decode (src/levels/scoring-worker.ts).
 */

export interface UnitRow {
  id: string;
  in_scope: boolean;
}
export interface ApplicationRow {
  id: string;
  unit_id: string;
  exchange: string;
  /** Hub data shows it publishes or consumes an API through the bus (src/levels/hub-via-spl.repository.ts). */
  hub_via_spl?: boolean;
}
export interface EvidenceRow {
  id: string;
  kind: string;
  status: string;
  document_date: string;
  indicators: number[];
  all_units: boolean;
  unit_ids: string[];
}
export interface PolicyRow {
  id: string;
  status: 'draft' | 'enacted';
  date: string;
  all_units: boolean;
  unit_ids: string[];
  regulates_spl_use: boolean;
  regulates_splp_connection: boolean;
  replaces_id: string | null;
  evidence_ids: string[];
}
export interface IntegrationRow {
  id: string;
  with_target: 'splp' | 'other_spl';
  evidence_ids: string[];
}
export interface ReviewRow {
  id: string;
  subject: 'spl' | 'policy';
  date: string;
  all_units: boolean;
  unit_ids: string[];
  evidence_ids: string[];
}
export interface FollowUpRow {
  id: string;
  review_id: string;
  status: string;
  date: string | null;
  evidence_ids: string[];
}

export interface FactRows {
  units: UnitRow[];
  applications: ApplicationRow[];
  evidence: EvidenceRow[];
  policies: PolicyRow[];
  integrations: IntegrationRow[];
  reviews: ReviewRow[];
  followUps: FollowUpRow[];
}

/** How a field travels as text: as is, `true`/`false`, comma-separated, or empty for null. */
export type Codec = 'text' | 'bool' | 'list' | 'ints' | 'nullable';

/**
 * The rows of a national recompute (about a million) travel as one text per table, fields and
 * rows split by the ASCII separators (which no id, enum, date or number contains): the database
 * only concatenates, and the client splits strings instead of converting every row and column.
 */
export const SEPARATORS = {
  /** Between agencies. */
  FS: 28,
  /** Between an agency id and its rows. */
  GS: 29,
  /** Between rows. */
  RS: 30,
  /** Between fields. */
  US: 31,
} as const;
const { FS, GS, RS, US } = SEPARATORS;

/**
 * Each table of the facts, in the order the facts list them, with its fields as they travel
 * (name and codec, in order); the statement gives each field's SQL by its name.
 */
export const LAYOUT = {
  units: [
    ['id', 'text'],
    ['in_scope', 'bool'],
  ],
  applications: [
    ['id', 'text'],
    ['unit_id', 'text'],
    ['exchange', 'text'],
    ['hub_via_spl', 'bool'],
  ],
  evidence: [
    ['id', 'text'],
    ['kind', 'text'],
    ['status', 'text'],
    ['document_date', 'text'],
    ['indicators', 'ints'],
    ['all_units', 'bool'],
  ],
  evidenceUnits: [
    ['evidence_id', 'text'],
    ['unit_id', 'text'],
  ],
  policies: [
    ['id', 'text'],
    ['status', 'text'],
    ['date', 'text'],
    ['all_units', 'bool'],
    ['regulates_spl_use', 'bool'],
    ['regulates_splp_connection', 'bool'],
    ['replaces_id', 'nullable'],
    ['unit_ids', 'list'],
    ['evidence_ids', 'list'],
  ],
  integrations: [
    ['id', 'text'],
    ['with_target', 'text'],
    ['evidence_ids', 'list'],
  ],
  reviews: [
    ['id', 'text'],
    ['subject', 'text'],
    ['date', 'text'],
    ['all_units', 'bool'],
    ['unit_ids', 'list'],
    ['evidence_ids', 'list'],
  ],
  followUps: [
    ['id', 'text'],
    ['review_id', 'text'],
    ['status', 'text'],
    ['date', 'nullable'],
    ['evidence_ids', 'list'],
  ],
} as const satisfies Record<keyof FactRows | 'evidenceUnits', readonly (readonly [string, Codec])[]>;

export type PartName = keyof typeof LAYOUT;
/** The field names of a part. */
export type FieldOf<P extends PartName> = (typeof LAYOUT)[P][number][0];
export const PART_NAMES = Object.keys(LAYOUT) as PartName[];
const NAMES = PART_NAMES;

const DECODE: Record<Codec, (value: string) => unknown> = {
  text: (v) => v,
  bool: (v) => v === 'true',
  list: (v) => (v === '' ? [] : v.split(',')),
  ints: (v) => (v === '' ? [] : v.split(',').map(Number)),
  nullable: (v) => (v === '' ? null : v),
};

/** One part's text as each agency's rows, named as the row interfaces name them. */
function decodePart(name: PartName, text: string | null): Map<string, Record<string, unknown>[]> {
  const fields: readonly (readonly [string, Codec])[] = LAYOUT[name];
  const names = fields.map(([field]) => field);
  const decoders = fields.map(([, codec]) => DECODE[codec]);
  const byAgency = new Map<string, Record<string, unknown>[]>();
  for (const agency of text ? text.split(String.fromCharCode(FS)) : []) {
    const [agencyId, rows] = agency.split(String.fromCharCode(GS));
    byAgency.set(
      agencyId,
      rows.split(String.fromCharCode(RS)).map((line) => {
        const values = line.split(String.fromCharCode(US));
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]] = decoders[i](values[i]);
        return row;
      }),
    );
  }
  return byAgency;
}

/** The texts the facts statement answers, one per part (null when no agency has rows). */
export type FactTexts = Record<PartName, string | null>;

/** Each agency's rows from the texts of the facts statement. */
export function rowsFromTexts(texts: FactTexts, agencyIds: string[]): Map<string, FactRows> {
  const parts = Object.fromEntries(NAMES.map((name) => [name, decodePart(name, texts[name])])) as Record<
    PartName,
    Map<string, Record<string, unknown>[]>
  >;
  return new Map(agencyIds.map((id) => [id, factRows(parts, id)]));
}

function factRows(
  parts: Record<PartName, Map<string, Record<string, unknown>[]>>,
  agencyId: string,
): FactRows {
  const of = <T>(name: PartName) => (parts[name].get(agencyId) ?? []) as unknown as T[];
  const unitsOf = new Map<string, string[]>();
  for (const { evidence_id, unit_id } of of<{ evidence_id: string; unit_id: string }>('evidenceUnits')) {
    const list = unitsOf.get(evidence_id);
    if (list) list.push(unit_id);
    else unitsOf.set(evidence_id, [unit_id]);
  }
  return {
    units: of('units'),
    applications: of('applications'),
    evidence: of<EvidenceRow>('evidence').map((row) => {
      // Sorted as the database sorts uuids (byte order, the order of their lower-case text).
      row.unit_ids = unitsOf.get(row.id)?.sort() ?? [];
      return row;
    }),
    policies: of('policies'),
    integrations: of('integrations'),
    reviews: of('reviews'),
    followUps: of('followUps'),
  };
}
