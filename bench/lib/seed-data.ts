import { sqlRandom as rnd, sqlUuid as uid } from './seed-ids';

/**
 * The national set as set-based SQL: each statement inserts one table's rows for a range of
 * agencies (`generate_series` over agency, unit, application and evidence indexes), with
 * pseudo-random choices hashed from the row's indexes, so every run gives the same rows.
 *
 * Each agency has a maturity `m` in [0, 1) that decides how far its evidence goes: units
 * documented, applications via the SPL, enacted and replaced policies, reviews in the window
 * and their follow-ups. So the set spans every level, as a real national evaluation does.
 */
export const UNITS_PER_AGENCY = 45;
export const APPS_PER_UNIT = 8;
/** About 300,000 evidence rows for 615 agencies; the agency PDF target names 500 per agency. */
export const EVIDENCE_PER_AGENCY = 488;
/** Evidence 0..44 documents unit 0..44; 45..54 are the policy, review and integration evidence. */
const FIRST_GENERIC = 55;

/** What the statements of one batch need: `$1` is always the first agency index, `$2` the end (exclusive). */
export interface Batch {
  first: number;
  end: number;
  periodId: string;
  asOf: string;
  /** argon2id of the bench password, computed once per run. */
  passwordHash: string;
}

export interface Statement {
  table: string;
  sql: string;
  /** Which of the batch parameters the statement uses, in `$n` order. */
  params: (batch: Batch) => unknown[];
}

const AGENCY = uid('agency', 'a');
const MATURITY = `CROSS JOIN LATERAL (SELECT ${rnd('m', 'a')} AS m) g`;
const AGENCIES = `generate_series($1::int, $2::int - 1) a ${MATURITY}`;
const range = (b: Batch) => [b.first, b.end];
const withPeriod = (b: Batch) => [b.first, b.end, b.periodId, b.asOf];
const withDate = (b: Batch) => [b.first, b.end, b.asOf];

/** A status that counts (accepted or submitted) when the agency's maturity passes `threshold`. */
const countingAbove = (threshold: number) =>
  `CASE WHEN g.m > ${threshold} THEN (CASE WHEN r.r3 < 0.75 THEN 'accepted' ELSE 'submitted' END)
        ELSE (CASE WHEN r.r3 < 0.5 THEN 'draft' ELSE 'needs_revision' END) END`;

/** index: kind, indicators, maturity needed to count, days before the as-of date. */
const RESERVED: [number, string, string, number, string][] = [
  [45, 'policy_draft', '{7}', 0.05, '700'],
  [46, 'policy_enacted', '{7}', 0.2, '500'],
  [47, 'policy_enacted', '{7}', 0.7, '20'],
  [48, 'review_report', '{7}', 0.55, '90'],
  [49, 'follow_up_report', '{7}', 0.8, '60'],
  [50, 'review_report', '{18}', 0.5, `40 + floor(${rnd('rv', 'a')} * 200)::int`],
  [51, 'follow_up_report', '{18}', 0.65, '20'],
  [52, 'splp_onboarding', '{18}', 0.3, '150'],
  [53, 'integration_screenshot', '{18}', 0.45, '100'],
  [54, 'meeting_minutes', '{18}', -1, '200'],
];
const DOC_KINDS = `ARRAY['api_list','operating_documentation','integration_screenshot','usage_report','sop','architecture_diagram','sla']`;
const OTHER_KINDS = `ARRAY['meeting_minutes','meeting_invitation','activity_documentation','before_after','comparative_analysis','other']`;
const reserved = (column: 1 | 2 | 4, fallback: string) =>
  `CASE e ${RESERVED.map((row) => `WHEN ${row[0]} THEN ${column === 4 ? row[4] : `'${row[column]}'`}`).join(' ')} ELSE ${fallback} END`;

const EVIDENCE_FIELDS = `
  CROSS JOIN LATERAL (SELECT ${rnd('e1', 'a', 'e')} AS r1, ${rnd('e2', 'a', 'e')} AS r2,
                             ${rnd('e3', 'a', 'e')} AS r3, ${rnd('e4', 'a', 'e')} AS r4) r
  CROSS JOIN LATERAL (SELECT
    CASE WHEN e < 45 THEN (${DOC_KINDS})[1 + e % 7]
         WHEN e < ${FIRST_GENERIC} THEN ${reserved(1, 'NULL')}
         ELSE (${OTHER_KINDS})[1 + floor(r.r1 * 6)::int] END AS kind,
    (CASE WHEN e < 45 THEN '{18}' WHEN e < ${FIRST_GENERIC} THEN ${reserved(2, 'NULL')}
          WHEN r.r2 < 0.15 THEN '{7}' WHEN r.r2 < 0.2 THEN '{7,18}' ELSE '{18}' END)::smallint[] AS indicators,
    CASE WHEN e < 45 THEN (CASE WHEN r.r2 < 1.3 * g.m THEN (CASE WHEN r.r3 < 0.7 THEN 'accepted' ELSE 'submitted' END)
                                ELSE (ARRAY['draft','needs_revision','rejected'])[1 + floor(r.r3 * 3)::int] END)
         ${RESERVED.map(([e, , , t]) => `WHEN e = ${e} THEN ${countingAbove(t)}`).join('\n         ')}
         WHEN r.r3 < 0.40 THEN 'accepted' WHEN r.r3 < 0.65 THEN 'submitted' WHEN r.r3 < 0.80 THEN 'draft'
         WHEN r.r3 < 0.90 THEN 'needs_revision' ELSE 'rejected' END AS status,
    CASE WHEN e < 45 THEN 10 + floor(r.r1 * 300)::int
         WHEN e < ${FIRST_GENERIC} THEN ${reserved(4, '0')}
         ELSE 5 + floor(r.r1 * 700)::int END AS days,
    e = 54 OR (e >= ${FIRST_GENERIC} AND r.r4 < 0.05) AS all_units) d`;

const GENERIC_UNIT_LINKS = `
  SELECT ${uid('ev', 'a', 'e')}, ${uid('unit', 'a', `((floor(${rnd('e7', 'a', 'e')} * ${UNITS_PER_AGENCY})::int + k * 7) % ${UNITS_PER_AGENCY})`)}
    FROM generate_series($1::int, $2::int - 1) a
    CROSS JOIN generate_series(${FIRST_GENERIC}, ${EVIDENCE_PER_AGENCY - 1}) e
    CROSS JOIN generate_series(0, 2) k
   WHERE ${rnd('e4', 'a', 'e')} >= 0.05 AND ${rnd('e5', 'a', 'e')} < 0.9
     AND k < 1 + floor(${rnd('e6', 'a', 'e')} * 3)`;

/** Pairs (owner index, evidence index) linked for every agency, optionally only above a maturity. */
const links = (table: string, ownerColumn: string, ownerKind: string, pairs: [number, number, number][]) => ({
  table,
  sql: `INSERT INTO ${table} (${ownerColumn}, evidence_id)
        SELECT ${uid(ownerKind, 'a', 'l.owner')}, ${uid('ev', 'a', 'l.ev')}
          FROM ${AGENCIES}
          CROSS JOIN (VALUES ${pairs.map(([o, e, t]) => `(${o}, ${e}, ${t})`).join(', ')}) l(owner, ev, above)
         WHERE g.m > l.above`,
  params: range,
});

export const SEED_STATEMENTS: Statement[] = [
  {
    table: 'agency',
    sql: `INSERT INTO agency (id, version, code, name, kind, area_code, domain)
          SELECT ${AGENCY}, 1, 'bench-' || lpad((a + 1)::text, 4, '0'),
                 'Pemerintah ' || (CASE k.kind WHEN 'province' THEN 'Provinsi' WHEN 'regency' THEN 'Kabupaten' ELSE 'Kota' END)
                   || ' Uji ' || lpad((a + 1)::text, 4, '0'),
                 k.kind::agency_kind,
                 CASE WHEN k.kind = 'province' THEN (11 + a)::text
                      ELSE (11 + a % 38)::text || '.' || lpad((a / 38 + 1)::text, 2, '0') END,
                 'uji' || lpad((a + 1)::text, 4, '0') || '.go.id'
            FROM generate_series($1::int, $2::int - 1) a
            CROSS JOIN LATERAL (SELECT CASE WHEN a < 38 THEN 'province'
                                            WHEN ${rnd('kind', 'a')} < 0.8 THEN 'regency' ELSE 'city' END AS kind) k`,
    params: range,
  },
  {
    table: 'unit',
    sql: `INSERT INTO unit (id, version, agency_id, code, name, kind, in_scope, out_of_scope_reason)
          SELECT ${uid('unit', 'a', 'u')}, 1, ${AGENCY}, 'U' || lpad((u + 1)::text, 2, '0'),
                 (ARRAY['Dinas','Badan','Sekretariat','Inspektorat','Kecamatan','Bagian'])[1 + u % 6] || ' Uji ' || lpad((u + 1)::text, 2, '0'),
                 (ARRAY['dinas','badan','sekretariat','inspektorat','kecamatan','bagian'])[1 + u % 6]::unit_kind,
                 s.in_scope, CASE WHEN s.in_scope THEN NULL ELSE 'Dilebur ke unit lain' END
            FROM generate_series($1::int, $2::int - 1) a
            CROSS JOIN generate_series(0, ${UNITS_PER_AGENCY - 1}) u
            CROSS JOIN LATERAL (SELECT ${rnd('scope', 'a', 'u')} >= 0.04 AS in_scope) s`,
    params: range,
  },
  {
    table: 'application',
    sql: `INSERT INTO application (id, version, agency_id, unit_id, name, exchange)
          SELECT ${uid('app', 'a', 'u', 'p')}, 1, ${AGENCY}, ${uid('unit', 'a', 'u')},
                 'Aplikasi ' || lpad((u + 1)::text, 2, '0') || '-' || (p + 1),
                 (CASE WHEN x.r < 0.35 + 0.65 * g.m THEN 'spl'
                       WHEN x.r < 0.5 + 0.5 * g.m THEN 'point_to_point' ELSE 'none' END)::exchange_mode
            FROM ${AGENCIES}
            CROSS JOIN generate_series(0, ${UNITS_PER_AGENCY - 1}) u
            CROSS JOIN generate_series(0, ${APPS_PER_UNIT - 1}) p
            CROSS JOIN LATERAL (SELECT ${rnd('x', 'a', 'u', 'p')} AS r) x`,
    params: range,
  },
  {
    table: 'evidence',
    sql: `INSERT INTO evidence (id, version, agency_id, period_id, kind, title, document_number, document_date,
                                indicators, all_units, status, status_reason, created_at, updated_at)
          SELECT ${uid('ev', 'a', 'e')}, 1, ${AGENCY}, $3::uuid, d.kind::evidence_kind,
                 initcap(replace(d.kind, '_', ' ')) || ' ' || lpad((e + 1)::text, 3, '0'),
                 CASE WHEN d.kind LIKE 'policy%' THEN 'Nomor ' || (e + 1) || ' Tahun ' || extract(year FROM $4::date - d.days) END,
                 $4::date - d.days, d.indicators, d.all_units, d.status::evidence_status,
                 CASE WHEN d.status IN ('needs_revision', 'rejected') THEN 'Bukti belum sesuai' END,
                 now() - (${EVIDENCE_PER_AGENCY} - e) * interval '1 minute', now()
            FROM ${AGENCIES}
            CROSS JOIN generate_series(0, ${EVIDENCE_PER_AGENCY - 1}) e
            ${EVIDENCE_FIELDS}`,
    params: withPeriod,
  },
  {
    table: 'evidence_unit',
    sql: `INSERT INTO evidence_unit (evidence_id, unit_id)
          SELECT ${uid('ev', 'a', 'u')}, ${uid('unit', 'a', 'u')}
            FROM generate_series($1::int, $2::int - 1) a CROSS JOIN generate_series(0, ${UNITS_PER_AGENCY - 1}) u
          UNION ALL ${GENERIC_UNIT_LINKS}`,
    params: range,
  },
  {
    table: 'policy',
    sql: `INSERT INTO policy (id, version, agency_id, title, number, legal_form, status, date, all_units,
                              regulates_spl_use, regulates_splp_connection, replaces_id)
          SELECT ${uid('pol', 'a', 'k')}, 1, ${AGENCY},
                 (ARRAY['Rancangan Peraturan Kepala Daerah tentang SPL', 'Peraturan Kepala Daerah tentang SPL',
                        'Peraturan Kepala Daerah tentang Perubahan Kebijakan SPL'])[k + 1],
                 CASE WHEN k > 0 THEN 'Nomor ' || (10 + k) || ' Tahun ' || extract(year FROM $3::date - p.days) END,
                 'peraturan', (CASE WHEN k = 0 THEN 'draft' ELSE 'enacted' END)::policy_status,
                 $3::date - p.days, k <> 1 OR g.m > 0.4, true, k = 2 OR (k = 1 AND g.m > 0.55),
                 CASE WHEN k = 2 THEN ${uid('pol', 'a', '1')} END
            FROM ${AGENCIES}
            CROSS JOIN generate_series(0, 2) k
            CROSS JOIN LATERAL (SELECT (ARRAY[700, 500, 20])[k + 1] AS days) p
           WHERE k < 2 OR g.m > 0.7`,
    params: withDate,
  },
  {
    table: 'policy_unit',
    sql: `INSERT INTO policy_unit (policy_id, unit_id)
          SELECT ${uid('pol', 'a', '1')}, ${uid('unit', 'a', 'u')}
            FROM ${AGENCIES} CROSS JOIN generate_series(0, ${UNITS_PER_AGENCY - 1}) u
           WHERE g.m <= 0.4 AND u < 5 + floor(g.m * 30)::int`,
    params: range,
  },
  links('policy_evidence', 'policy_id', 'pol', [
    [0, 45, -1],
    [1, 46, -1],
    [2, 47, 0.7],
  ]),
  {
    table: 'review',
    sql: `INSERT INTO review (id, version, agency_id, subject, date, all_units, findings)
          SELECT ${uid('rev', 'a', 'k')}, 1, ${AGENCY}, (ARRAY['spl', 'policy'])[k + 1]::review_subject,
                 $3::date - (CASE WHEN k = 0 THEN 40 + floor(${rnd('rv', 'a')} * 200)::int ELSE 90 END), true,
                 (ARRAY['Sebagian OPD masih host-to-host.', 'Kebijakan belum mengatur metadata API.'])[k + 1]
            FROM generate_series($1::int, $2::int - 1) a CROSS JOIN generate_series(0, 1) k`,
    params: withDate,
  },
  links('review_evidence', 'review_id', 'rev', [
    [0, 50, -1],
    [1, 48, -1],
  ]),
  {
    table: 'follow_up',
    sql: `INSERT INTO follow_up (id, version, agency_id, review_id, finding, status, date)
          SELECT ${uid('fu', 'a', 'k')}, 1, ${AGENCY}, ${uid('rev', 'a', 'k')},
                 (ARRAY['Migrasi integrasi host-to-host ke SPL', 'Revisi kebijakan SPL'])[k + 1],
                 (CASE WHEN f.done THEN 'done' WHEN k = 0 THEN 'in_progress' ELSE 'planned' END)::follow_up_status,
                 CASE WHEN f.done THEN $3::date - (ARRAY[20, 60])[k + 1] END
            FROM ${AGENCIES} CROSS JOIN generate_series(0, 1) k
            CROSS JOIN LATERAL (SELECT g.m > (ARRAY[0.65, 0.8])[k + 1] AS done) f`,
    params: withDate,
  },
  links('follow_up_evidence', 'follow_up_id', 'fu', [
    [0, 51, -1],
    [1, 49, -1],
  ]),
  {
    table: 'integration',
    sql: `INSERT INTO integration (id, version, agency_id, with_target, peer_name)
          SELECT ${uid('int', 'a', 'k')}, 1, ${AGENCY}, (ARRAY['splp', 'other_spl'])[k + 1]::integration_target,
                 (ARRAY['SPLP Nasional (Komdigi)', 'SPL Pemerintah Provinsi'])[k + 1]
            FROM generate_series($1::int, $2::int - 1) a CROSS JOIN generate_series(0, 1) k`,
    params: range,
  },
  links('integration_evidence', 'integration_id', 'int', [
    [0, 52, -1],
    [1, 53, -1],
  ]),
  {
    table: 'spl_instance',
    sql: `INSERT INTO spl_instance (id, version, agency_id, name, product, base_url, connected_to_splp)
          SELECT ${uid('spl', 'a')}, 1, ${AGENCY}, 'SPL Uji ' || lpad((a + 1)::text, 4, '0'), 'wso2_apim',
                 'https://api.uji' || lpad((a + 1)::text, 4, '0') || '.go.id', g.m > 0.3
            FROM ${AGENCIES}`,
    params: range,
  },
  {
    table: 'assessment',
    sql: `INSERT INTO assessment (id, version, agency_id, period_id, indicator, claimed_level, justification)
          SELECT ${uid('as', 'a', 'i')}, 1, ${AGENCY}, $3::uuid, i, least(5, floor(g.m * 6))::smallint,
                 'Penilaian mandiri tim SPBE instansi.'
            FROM ${AGENCIES} CROSS JOIN unnest(ARRAY[7, 18]) i`,
    params: (b) => [b.first, b.end, b.periodId],
  },
  {
    table: 'app_user',
    sql: `INSERT INTO app_user (id, version, username, display_name, password_hash, role, agency_id)
          SELECT ${uid('user', 'a')}, 1, 'bench-koord-' || lpad((a + 1)::text, 4, '0'),
                 'Koordinator Uji ' || lpad((a + 1)::text, 4, '0'), $3, 'coordinator', ${AGENCY}
            FROM generate_series($1::int, $2::int - 1) a`,
    params: (b) => [b.first, b.end, b.passwordHash],
  },
];
