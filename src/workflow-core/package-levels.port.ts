import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import type { Period } from '../periods/period.entity';

/**
 * What the workflow asks of a period scored as a framework package other than SPBE 2020 (Pemdi
 * 2026), implemented by src/pemdi: the claims, the validation and the freeze know only this port,
 * so the package's levels can use the writer and the workflow's lock without a cycle of folders.
 */
export interface PackageLevelsPort {
  /** The national table (or the agencies named): each agency's stored index and predicate (in words), by agency id. */
  nationalIndices(
    periodId: string,
    lang: 'id' | 'en',
    agencyIds?: string[],
  ): Promise<Map<string, { index: string | null; predicate: string | null; complete: boolean }>>;
  /** The dashboard's section of a package period: aspects, indicators, levels, index and predicate, in words. */
  pageView(agencyId: string, period: Period, lang: 'id' | 'en'): Promise<object>;
  /** The package's predicate bands, highest first (the roll-up counts agencies per band). */
  predicateBands(period: Period): Promise<{ min: string; name: { id: string; en: string } }[]>;
  /** The indicator numbers the agency claims in the period (entered as levels or assessed by evidence). */
  claimable(period: Period, m?: EntityManager): Promise<number[]>;
  /** The agency's claim of an indicator with the evidence it rests on (agency writer, version check, audit). */
  claim(
    actor: Actor,
    agencyId: string,
    period: Period,
    indicator: number,
    dto: { claimedLevel: number; justification: string; version?: number; evidenceIds?: string[] },
  ): Promise<void>;
  /** The review page's rows of a package period: each claimable indicator with its claim and validation. */
  reviewRows(agencyId: string, period: Period, lang: 'id' | 'en'): Promise<PackageReviewRow[]>;
  /** Refuses a validated level the package does not allow (indicator scored externally, level off the scale). */
  checkValidation(period: Period, indicator: number, level: number): Promise<void>;
  /** Stores the agency's index again after a level changed, in the caller's transaction. */
  storeIndex(m: EntityManager, agencyId: string, period: Period): Promise<unknown>;
  /** What a freeze records: the package hash, and the index with its levels for a package period. */
  freezeRecord(
    m: EntityManager,
    agencyId: string,
    period: Period,
  ): Promise<{ packageHash: string; packageIndex: Record<string, unknown> | null }>;
}

export interface PackageReviewRow {
  indicator: number;
  /** "I12" and its name in the page's language. */
  code: string;
  name: string;
  claimed: number | null;
  validated: number | null;
  validationNote: string | null;
  version: number | null;
}

export const PACKAGE_LEVELS = Symbol('PACKAGE_LEVELS');

/** The port as the app provides it (src/pemdi registers it); looked up, not imported, to keep folders acyclic. */
export function packageLevels(moduleRef: ModuleRef): PackageLevelsPort {
  return moduleRef.get<PackageLevelsPort>(PACKAGE_LEVELS, { strict: false });
}
