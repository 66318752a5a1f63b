/**
 * The facts statement and the decoding of what it answers: pure, so a worker thread can decode
 * (src/levels/scoring-worker.ts).
 */
import { hubViaSplSql } from './hub-via-spl';

export interface UnitRow {
  id: string;
  in_scope: boolean;
}
export interface ApplicationRow {
  id: string;
  unit_id: string;
  exchange: string;
  /** Hub data shows it publishes or consumes an API through the bus (src/levels/hub-via-spl.ts). */
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

/** The sorted ids of `col` linked to the row `t` through `table` (tables with a few rows per agency). */
const ids = (table: string, key: string, col = 'evidence_id') =>
  `(SELECT string_agg(x.${col}::text, ',' ORDER BY x.${col}) FROM ${table} x WHERE x.${key} = t.id)`;

const date = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * Whether hub data shows an application via the SPL (the rule is src/levels/hub-via-spl.ts), asked
 * once per statement of the few applications hub data links at all, found through the
 * agencies' hub rows, instead of once per application.
 */
const HUB_VIA_SPL = `t.id IN (
  SELECT c.id FROM (
    SELECT application_id AS id FROM hub_api WHERE agency_id = ANY($1) AND application_id IS NOT NULL
    UNION SELECT application_id FROM hub_application WHERE agency_id = ANY($1) AND application_id IS NOT NULL) c
  WHERE ${hubViaSplSql('c.id', '$2', '$1')})`;

/** How a field travels as text: as is, `true`/`false`, comma-separated, or empty for null. */
type Codec = 'text' | 'bool' | 'list' | 'ints' | 'nullable';

interface Part {
  /** Row fields: name, SQL, codec. */
  fields: [string, string, Codec][];
  order?: string;
  from: string;
}

/**
 * The rows of a national recompute (about a million) travel as one text per table, fields and
 * rows split by the ASCII separators (which no id, enum, date or number contains): the database
 * only concatenates, and the client splits strings instead of converting every row and column.
 */
const FS = 28; // between agencies
const GS = 29; // between an agency id and its rows
const RS = 30; // between rows
const US = 31; // between fields

const partSql = ({ fields, order, from }: Part) => `(
  SELECT string_agg(agency_id::text || chr(${GS}) || rows, chr(${FS})) FROM (
    SELECT agency_id, string_agg(concat_ws(chr(${US}), ${fields.map(([, sql]) => `coalesce((${sql})::text, '')`).join(', ')}),
                                 chr(${RS})${order ? ` ORDER BY ${order}` : ''}) AS rows
      FROM ${from} GROUP BY agency_id) s)`;

/** Each table of the facts for the agencies `$1` and the period `$2`, in the order the facts list them. */
const PARTS: Record<keyof FactRows | 'evidenceUnits', Part> = {
  units: {
    fields: [
      ['id', 'id', 'text'],
      ['in_scope', 'in_scope', 'bool'],
    ],
    order: 'code, id',
    from: 'unit WHERE agency_id = ANY($1)',
  },
  applications: {
    fields: [
      ['id', 'id', 'text'],
      ['unit_id', 'unit_id', 'text'],
      ['exchange', 'exchange', 'text'],
      ['hub_via_spl', HUB_VIA_SPL, 'bool'],
    ],
    order: 'name, id',
    from: 'application t WHERE agency_id = ANY($1)',
  },
  evidence: {
    fields: [
      ['id', 'id', 'text'],
      ['kind', 'kind', 'text'],
      ['status', 'status', 'text'],
      ['document_date', date('document_date'), 'text'],
      ['indicators', `array_to_string(indicators, ',')`, 'ints'],
      ['all_units', 'all_units', 'bool'],
    ],
    order: 'created_at, id',
    from: 'evidence WHERE agency_id = ANY($1) AND period_id = $2',
  },
  // Unit links through the agencies' units, each unit's through the index on unit_id (a plain
  // join would hash the whole link table for every batch: `OFFSET 0` keeps the lateral read a
  // lookup per unit); not one subquery per evidence row. Links of other periods' evidence come
  // along and are never looked up.
  evidenceUnits: {
    fields: [
      ['evidence_id', 'x.evidence_id', 'text'],
      ['unit_id', 'x.unit_id', 'text'],
    ],
    from: `unit u CROSS JOIN LATERAL (SELECT evidence_id, unit_id FROM evidence_unit l WHERE l.unit_id = u.id OFFSET 0) x
      WHERE u.agency_id = ANY($1)`,
  },
  policies: {
    fields: [
      ['id', 'id', 'text'],
      ['status', 'status', 'text'],
      ['date', date('date'), 'text'],
      ['all_units', 'all_units', 'bool'],
      ['regulates_spl_use', 'regulates_spl_use', 'bool'],
      ['regulates_splp_connection', 'regulates_splp_connection', 'bool'],
      ['replaces_id', 'replaces_id', 'nullable'],
      ['unit_ids', ids('policy_unit', 'policy_id', 'unit_id'), 'list'],
      ['evidence_ids', ids('policy_evidence', 'policy_id'), 'list'],
    ],
    order: 'date, id',
    from: 'policy t WHERE agency_id = ANY($1)',
  },
  integrations: {
    fields: [
      ['id', 'id', 'text'],
      ['with_target', 'with_target', 'text'],
      ['evidence_ids', ids('integration_evidence', 'integration_id'), 'list'],
    ],
    order: 'created_at, id',
    from: 'integration t WHERE agency_id = ANY($1)',
  },
  reviews: {
    fields: [
      ['id', 'id', 'text'],
      ['subject', 'subject', 'text'],
      ['date', date('date'), 'text'],
      ['all_units', 'all_units', 'bool'],
      ['unit_ids', ids('review_unit', 'review_id', 'unit_id'), 'list'],
      ['evidence_ids', ids('review_evidence', 'review_id'), 'list'],
    ],
    order: 'date, id',
    from: 'review t WHERE agency_id = ANY($1)',
  },
  followUps: {
    fields: [
      ['id', 'id', 'text'],
      ['review_id', 'review_id', 'text'],
      ['status', 'status', 'text'],
      ['date', date('date'), 'nullable'],
      ['evidence_ids', ids('follow_up_evidence', 'follow_up_id'), 'list'],
    ],
    order: 'created_at, id',
    from: 'follow_up t WHERE agency_id = ANY($1)',
  },
};

export type PartName = keyof typeof PARTS;
const NAMES = Object.keys(PARTS) as PartName[];
export const LOAD_SQL = `SELECT ${NAMES.map((name) => `${partSql(PARTS[name])} AS "${name}"`).join(',\n')}`;

const DECODE: Record<Codec, (value: string) => unknown> = {
  text: (v) => v,
  bool: (v) => v === 'true',
  list: (v) => (v === '' ? [] : v.split(',')),
  ints: (v) => (v === '' ? [] : v.split(',').map(Number)),
  nullable: (v) => (v === '' ? null : v),
};

/** One part's text as each agency's rows, named as the row interfaces name them. */
function decodePart(name: PartName, text: string | null): Map<string, Record<string, unknown>[]> {
  const names = PARTS[name].fields.map(([field]) => field);
  const decoders = PARTS[name].fields.map(([, , codec]) => DECODE[codec]);
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
