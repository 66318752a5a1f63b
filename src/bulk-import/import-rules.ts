import {
  APP_SCOPES,
  AppScope,
  EXCHANGE_MODES,
  ExchangeMode,
  USAGE_TYPES,
  UsageType,
} from '../applications/application.entity';
import { Lang } from '../i18n/i18n';
import { Message, msg, render } from '../i18n/message';
import { Table } from './import-table';
import { UNIT_KINDS, UnitKind } from '../units/unit.entity';

/** Reading and checking imported rows: aliases in Indonesian and English, errors per row and field. */

/** A problem of one row and field, in the words of the catalogue, rendered once the reader is known. */
export interface RowProblem {
  row: number;
  field: string;
  problem: Message;
}
/** What the API and the page show: the catalogue key as `code`, the message in the reader's language. */
export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

export function rowErrors(problems: readonly RowProblem[], lang: Lang): RowError[] {
  return problems.map((p) => ({
    row: p.row,
    field: p.field,
    code: p.problem.key,
    message: render(lang, p.problem),
  }));
}
export const MAX_ERRORS = 200;

export interface UnitRow {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  inScope: boolean;
  outOfScopeReason: string | null;
}
export interface ApplicationRow {
  line: number;
  unitCode: string;
  name: string;
  description: string | null;
  exchange: ExchangeMode;
  /** The road-to-SPLP profile; absent (column missing or cell empty) leaves the stored value. */
  profile: ApplicationProfile;
}
export interface ApplicationProfile {
  usageType?: UsageType;
  hasApi?: boolean;
  operating?: boolean;
  appScope?: AppScope;
}

export const UNIT_COLUMNS = ['code', 'name', 'kind', 'in_scope', 'out_of_scope_reason'];
export const APPLICATION_COLUMNS = [
  'unit_code',
  'name',
  'description',
  'exchange',
  'usage_type',
  'has_api',
  'operating',
  'app_scope',
];

const KIND_ALIASES: Record<string, UnitKind> = {
  ...Object.fromEntries(UNIT_KINDS.map((k) => [k, k])),
  office: 'dinas',
  department: 'dinas',
  agency: 'badan',
  secretariat: 'sekretariat',
  inspectorate: 'inspektorat',
  district: 'kecamatan',
  section: 'bagian',
  division: 'bagian',
  directorate: 'direktorat',
  bureau: 'biro',
  center: 'pusat',
  centre: 'pusat',
  lainnya: 'other',
  'lain-lain': 'other',
  '': 'other',
};
const BOOL_ALIASES: Record<string, boolean> = {
  ya: true,
  y: true,
  yes: true,
  true: true,
  '1': true,
  '': true,
  tidak: false,
  t: false,
  no: false,
  n: false,
  false: false,
  '0': false,
};
const EXCHANGE_ALIASES: Record<string, ExchangeMode> = {
  ...Object.fromEntries(EXCHANGE_MODES.map((e) => [e, e])),
  'melalui spl': 'spl',
  'via spl': 'spl',
  bus: 'spl',
  'point-to-point': 'point_to_point',
  'point to point': 'point_to_point',
  p2p: 'point_to_point',
  'host-to-host': 'point_to_point',
  'host to host': 'point_to_point',
  langsung: 'point_to_point',
  'tidak ada': 'none',
  tidak: 'none',
  '': 'none',
};

const USAGE_ALIASES: Record<string, UsageType> = {
  ...Object.fromEntries(USAGE_TYPES.map((u) => [u, u])),
  'belum terintegrasi': 'not_integrated',
  'tidak terintegrasi': 'not_integrated',
  none: 'not_integrated',
  'api ready': 'api_ready',
  'spl ippd ready': 'spl_ippd_ready',
  'spl ready': 'spl_ippd_ready',
};
const SCOPE_ALIASES: Record<string, AppScope> = {
  ...Object.fromEntries(APP_SCOPES.map((a) => [a, a])),
  umum: 'common',
  'aplikasi umum': 'common',
  sektoral: 'sector',
  'aplikasi sektoral': 'sector',
};

const key = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

class Collector {
  readonly errors: RowProblem[] = [];
  add(row: number, field: string, problem: Message) {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ row, field, problem });
  }
}

function checkColumns(table: Table, required: string[], c: Collector): boolean {
  const missing = required.filter((col) => !table.columns.includes(col));
  for (const col of missing) c.add(1, col, msg('msg.import.row.column_missing', { column: col }));
  if (table.rows.length === 0 && !missing.length) c.add(1, 'file', msg('msg.import.row.no_rows'));
  return missing.length === 0;
}

export function checkUnitRows(table: Table): { rows: UnitRow[]; errors: RowProblem[] } {
  const c = new Collector();
  if (!checkColumns(table, ['code', 'name'], c)) return { rows: [], errors: c.errors };
  const seen = new Map<string, number>();
  const rows: UnitRow[] = [];
  for (const { line, cells } of table.rows) {
    const code = cells.code ?? '';
    const kind = KIND_ALIASES[key(cells.kind ?? '')];
    const inScope = BOOL_ALIASES[key(cells.in_scope ?? '')];
    const reason = (cells.out_of_scope_reason ?? '').trim();
    if (!code) c.add(line, 'code', msg('msg.import.row.required'));
    else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(code))
      c.add(line, 'code', msg('msg.import.row.code_form'));
    else if (seen.has(code))
      c.add(line, 'code', msg('msg.import.row.duplicate', { row: seen.get(code) ?? 0 }));
    else seen.set(code, line);
    if (!cells.name) c.add(line, 'name', msg('msg.import.row.required'));
    if (kind === undefined)
      c.add(
        line,
        'kind',
        msg('msg.import.row.unknown_kind', { value: cells.kind ?? '', choices: UNIT_KINDS.join(', ') }),
      );
    if (inScope === undefined)
      c.add(line, 'in_scope', msg('msg.import.row.in_scope', { value: cells.in_scope ?? '' }));
    if (inScope === false && !reason)
      c.add(line, 'out_of_scope_reason', msg('msg.import.row.reason_required'));
    rows.push({
      line,
      code,
      name: cells.name ?? '',
      kind: kind ?? 'other',
      inScope: inScope ?? true,
      outOfScopeReason: inScope === false ? reason : null,
    });
  }
  return { rows, errors: c.errors };
}

/** `unitOk` tells whether a unit code exists in the agency and the importer may enter its applications. */
export function checkApplicationRows(
  table: Table,
  unitProblem: (code: string) => Message | null,
): { rows: ApplicationRow[]; errors: RowProblem[] } {
  const c = new Collector();
  if (!checkColumns(table, ['unit_code', 'name'], c)) return { rows: [], errors: c.errors };
  const seen = new Map<string, number>();
  const rows: ApplicationRow[] = [];
  for (const { line, cells } of table.rows) {
    const unitCode = cells.unit_code ?? '';
    const name = cells.name ?? '';
    const exchange = EXCHANGE_ALIASES[key(cells.exchange ?? '')];
    if (!unitCode) c.add(line, 'unit_code', msg('msg.import.row.required'));
    else {
      const problem = unitProblem(unitCode);
      if (problem) c.add(line, 'unit_code', problem);
    }
    if (!name) c.add(line, 'name', msg('msg.import.row.required'));
    const pair = `${unitCode}\u0000${name}`;
    if (name && unitCode && seen.has(pair))
      c.add(line, 'name', msg('msg.import.row.duplicate_app', { row: seen.get(pair) ?? 0 }));
    else seen.set(pair, line);
    if (exchange === undefined)
      c.add(line, 'exchange', msg('msg.import.row.unknown_exchange', { value: cells.exchange ?? '' }));
    rows.push({
      line,
      unitCode,
      name,
      description: cells.description || null,
      exchange: exchange ?? 'none',
      profile: readProfile(line, cells, c),
    });
  }
  return { rows, errors: c.errors };
}

/** The optional profile cells of one application row; an empty cell means "leave as is". */
function readProfile(line: number, cells: Record<string, string>, c: Collector): ApplicationProfile {
  const pick = <T>(field: string, aliases: Record<string, T>, hint: Message | string): T | undefined => {
    const raw = (cells[field] ?? '').trim();
    if (!raw) return undefined;
    const value = aliases[key(raw)];
    if (value === undefined) c.add(line, field, msg('msg.import.row.unknown_value', { value: raw, hint }));
    return value;
  };
  const profile: ApplicationProfile = {
    usageType: pick('usage_type', USAGE_ALIASES, USAGE_TYPES.join(', ')),
    hasApi: pick('has_api', BOOL_ALIASES, msg('msg.import.hint.yes_no')),
    operating: pick('operating', BOOL_ALIASES, msg('msg.import.hint.yes_no')),
    appScope: pick('app_scope', SCOPE_ALIASES, msg('msg.import.hint.scope')),
  };
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
}

export function templateCsv(kind: 'units' | 'applications'): string {
  return kind === 'units'
    ? `${UNIT_COLUMNS.join(',')}\nDINKES,Dinas Kesehatan,dinas,ya,\nKEC-01,Kecamatan Satu,kecamatan,tidak,Tidak memiliki aplikasi\n`
    : `${APPLICATION_COLUMNS.join(',')}\nDINKES,SIMPUS,Sistem informasi puskesmas,spl,api_ready,ya,ya,sektoral\nDINKES,Aplikasi Gizi,,none,scratch,tidak,ya,sektoral\n`;
}
