import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryPreparedOn } from '../database/prepared-statements';
import {
  FactRows,
  FactTexts,
  FieldOf,
  LAYOUT,
  PART_NAMES,
  PartName,
  SEPARATORS,
  rowsFromTexts,
} from './facts.decode';
import { hubViaSplSql } from './hub-via-spl.repository';

export type * from './facts.decode';

/** The sorted ids of `col` linked to the row `t` through `table` (tables with a few rows per agency). */
const ids = (table: string, key: string, col = 'evidence_id') =>
  `(SELECT string_agg(x.${col}::text, ',' ORDER BY x.${col}) FROM ${table} x WHERE x.${key} = t.id)`;

const date = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * Whether hub data shows an application via the SPL (the rule is src/levels/hub-via-spl.repository.ts),
 * asked once per statement of the few applications hub data links at all, found through the
 * agencies' hub rows, instead of once per application.
 */
const HUB_VIA_SPL = `t.id IN (
  SELECT c.id FROM (
    SELECT application_id AS id FROM hub_api WHERE agency_id = ANY($1) AND application_id IS NOT NULL
    UNION SELECT application_id FROM hub_application WHERE agency_id = ANY($1) AND application_id IS NOT NULL) c
  WHERE ${hubViaSplSql('c.id', '$2', '$1')})`;

/** A part of the statement: the SQL of each field (by its name in {@link LAYOUT}), order and source. */
type PartSql<P extends PartName> = { columns: Record<FieldOf<P>, string>; order?: string; from: string };

/** Each table of the facts for the agencies `$1` and the period `$2`. */
const PARTS: { [P in PartName]: PartSql<P> } = {
  units: {
    columns: { id: 'id', in_scope: 'in_scope' },
    order: 'code, id',
    from: 'unit WHERE agency_id = ANY($1)',
  },
  applications: {
    columns: { id: 'id', unit_id: 'unit_id', exchange: 'exchange', hub_via_spl: HUB_VIA_SPL },
    order: 'name, id',
    from: 'application t WHERE agency_id = ANY($1)',
  },
  evidence: {
    columns: {
      id: 'id',
      kind: 'kind',
      status: 'status',
      document_date: date('document_date'),
      indicators: `array_to_string(indicators, ',')`,
      all_units: 'all_units',
    },
    order: 'created_at, id',
    from: 'evidence WHERE agency_id = ANY($1) AND period_id = $2',
  },
  // Unit links through the agencies' units, each unit's through the index on unit_id (a plain
  // join would hash the whole link table for every batch: `OFFSET 0` keeps the lateral read a
  // lookup per unit); not one subquery per evidence row. Links of other periods' evidence come
  // along and are never looked up.
  evidenceUnits: {
    columns: { evidence_id: 'x.evidence_id', unit_id: 'x.unit_id' },
    from: `unit u CROSS JOIN LATERAL (SELECT evidence_id, unit_id FROM evidence_unit l WHERE l.unit_id = u.id OFFSET 0) x
      WHERE u.agency_id = ANY($1)`,
  },
  policies: {
    columns: {
      id: 'id',
      status: 'status',
      date: date('date'),
      all_units: 'all_units',
      regulates_spl_use: 'regulates_spl_use',
      regulates_splp_connection: 'regulates_splp_connection',
      replaces_id: 'replaces_id',
      unit_ids: ids('policy_unit', 'policy_id', 'unit_id'),
      evidence_ids: ids('policy_evidence', 'policy_id'),
    },
    order: 'date, id',
    from: 'policy t WHERE agency_id = ANY($1)',
  },
  integrations: {
    columns: {
      id: 'id',
      with_target: 'with_target',
      evidence_ids: ids('integration_evidence', 'integration_id'),
    },
    order: 'created_at, id',
    from: 'integration t WHERE agency_id = ANY($1)',
  },
  reviews: {
    columns: {
      id: 'id',
      subject: 'subject',
      date: date('date'),
      all_units: 'all_units',
      unit_ids: ids('review_unit', 'review_id', 'unit_id'),
      evidence_ids: ids('review_evidence', 'review_id'),
    },
    order: 'date, id',
    from: 'review t WHERE agency_id = ANY($1)',
  },
  followUps: {
    columns: {
      id: 'id',
      review_id: 'review_id',
      status: 'status',
      date: date('date'),
      evidence_ids: ids('follow_up_evidence', 'follow_up_id'),
    },
    order: 'created_at, id',
    from: 'follow_up t WHERE agency_id = ANY($1)',
  },
};

/** One part as one text: each agency's rows, fields in the order of {@link LAYOUT} (decoded there). */
function partSql<P extends PartName>(name: P): string {
  const { columns, order, from } = PARTS[name];
  const { FS, GS, RS, US } = SEPARATORS;
  const layout: readonly (readonly [string, string])[] = LAYOUT[name];
  const fields = layout.map(([field]) => columns[field as FieldOf<P>]);
  return `(
  SELECT string_agg(agency_id::text || chr(${GS}) || rows, chr(${FS})) FROM (
    SELECT agency_id, string_agg(concat_ws(chr(${US}), ${fields.map((sql) => `coalesce((${sql})::text, '')`).join(', ')}),
                                 chr(${RS})${order ? ` ORDER BY ${order}` : ''}) AS rows
      FROM ${from} GROUP BY agency_id) s)`;
}

/** The facts statement: every part for the agencies `$1` and the period `$2`, one text each. */
export const LOAD_SQL = `SELECT ${PART_NAMES.map((name) => `${partSql(name)} AS "${name}"`).join(',\n')}`;

/**
 * Reads everything the scoring engine needs for the given agencies in one statement: set-based,
 * so recomputing one agency or all of them costs one round trip to the database.
 */
@Injectable()
export class FactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The facts read in one statement. The planner prices the hub rule's subqueries as if every
   * application ran them; with JIT on (PostgreSQL's default) it would then spend seconds
   * compiling a statement that runs in milliseconds, so the app's connections run with JIT off
   * (data-source-options.ts).
   */
  async load(agencyIds: string[], periodId: string, manager?: EntityManager): Promise<Map<string, FactRows>> {
    return rowsFromTexts(await this.loadTexts(agencyIds, periodId, manager), agencyIds);
  }

  /** What the facts statement answers, undecoded ({@link rowsFromTexts} decodes it). */
  async loadTexts(agencyIds: string[], periodId: string, manager?: EntityManager): Promise<FactTexts> {
    const m = manager ?? this.dataSource.manager;
    const params = [agencyIds, periodId];
    // By name only on a connection held for the caller (a transaction's, a national recompute
    // reader's): it is planned once per connection, as it takes longer to plan than to run for
    // one agency (src/database/prepared-statements.ts).
    const [texts] = await queryPreparedOn<FactTexts>(this.dataSource, m, 'levels.facts', LOAD_SQL, params);
    return texts;
  }
}
