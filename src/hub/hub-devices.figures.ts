import { codeLabel, type Lang } from '../i18n/i18n';
import type { ApiUsageRow, DeviceCountRow, DeviceKind } from './hub-figures.repository';
import { capDeviceCounts, OTHER_DEVICES } from './parsers';

/** One OS or browser family and its calls; share of the calls the counts cover (0..1). */
export interface DeviceShare {
  name: string;
  calls: number;
  share: number;
}

/**
 * Calls by device, as WSO2's "Devices" dashboard shows them: the top OS families (`platform`)
 * and browser families (`userAgent`), the rest as OTHER. Only raw analytics events name them,
 * and only responses (WSO2's fault events carry no device): `calls` says how many calls the
 * counts cover. Null when no data in scope has them (pre-aggregated files): not zero calls but
 * "not in the source".
 */
export interface DeviceFigures {
  calls: number;
  platforms: DeviceShare[];
  userAgents: DeviceShare[];
}

/** Families listed by name; the others are summed as OTHER. */
export const TOP_DEVICES = 10;

const keyOf = (hubId: string, apiKey: string) => `${hubId}\u0000${apiKey}`;

/** Every API's device figures (by hub and API key) and the total over all of them. */
export function deviceFiguresOf(
  rows: DeviceCountRow[],
  usage: ApiUsageRow[],
): { total: DeviceFigures | null; byApi: Map<string, DeviceFigures | null> } {
  const rowsOf = new Map<string, DeviceCountRow[]>();
  for (const row of rows) {
    const key = keyOf(row.hubId, row.apiKey);
    const list = rowsOf.get(key);
    if (list) list.push(row);
    else rowsOf.set(key, [row]);
  }
  const byApi = new Map(
    usage.map((u) => {
      const key = keyOf(u.hubId, u.apiKey);
      return [key, u.hasDevices ? figures(rowsOf.get(key) ?? []) : null] as const;
    }),
  );
  return { total: usage.some((u) => u.hasDevices) ? figures(rows) : null, byApi };
}

function figures(rows: DeviceCountRow[]): DeviceFigures {
  const platforms = shares(rows, 'platform');
  return {
    calls: platforms.reduce((sum, d) => sum + d.calls, 0),
    platforms,
    userAgents: shares(rows, 'userAgent'),
  };
}

/** The top families by calls (ties by name), then OTHER; shares of the calls counted. */
function shares(rows: DeviceCountRow[], kind: DeviceKind): DeviceShare[] {
  const sums = new Map<string, number>();
  for (const r of rows) if (r.kind === kind) sums.set(r.name, (sums.get(r.name) ?? 0) + r.n);
  const top = Object.entries(capDeviceCounts(sums, TOP_DEVICES));
  const calls = top.reduce((sum, [, n]) => sum + n, 0);
  return top
    .sort(
      ([a, x], [b, y]) =>
        Number(a === OTHER_DEVICES) - Number(b === OTHER_DEVICES) || y - x || (a < b ? -1 : 1),
    )
    .map(([name, n]) => ({ name, calls: n, share: calls > 0 ? n / calls : 0 }));
}

/** A family as people read it: UNKNOWN and OTHER in words, the names WSO2 gave as they are. */
export function deviceLabel(lang: Lang, name: string): string {
  return codeLabel(lang, 'hub.devices.name', name);
}
