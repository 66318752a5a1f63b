import type { DirectoryEntry } from './hub-directory.service';
import type { HubFigures } from './hub-figures.service';

/**
 * What reports read from the hub feature: the figures GET .../hub/figures answers and the rows
 * of the SPL directory, from the hub's own services (not computed twice). The hub module
 * provides it; app.module hands the hub module to the reports module, so reports import only
 * this port from the hub folder.
 */
export const HUB_SOURCE = Symbol('HUB_SOURCE');

export interface HubSource {
  /** The agency's figures of the year, all units. */
  figures(agencyId: string, year: number): Promise<HubFigures>;
  /** The SPL directory rows of these agencies, in any order. */
  directory(agencyIds: string[]): Promise<DirectoryEntry[]>;
}
