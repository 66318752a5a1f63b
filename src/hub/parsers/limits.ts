/**
 * Bounds that keep an import's memory and work independent of what a file claims. Each can be
 * lowered (or raised) per call; the defaults fit the largest real exports we expect (a month of
 * apim_metrics.log, an `apictl export apis` migration folder zipped).
 */
export interface HubLimits {
  /** Bytes sniffed by detection. */
  headBytes: number;
  /** Whole-document formats (JSON/YAML of F1, F3, F4, F7) are parsed in memory up to this size. */
  maxDocumentBytes: number;
  /** A longer line in a line-based format is reported and skipped, never buffered. */
  maxLineBytes: number;
  maxArchiveEntries: number;
  /** Sum of declared uncompressed sizes of all entries, nested archives included. */
  maxArchiveUncompressedBytes: number;
  /** uncompressed / compressed, checked for entries above `ratioCheckMinBytes`. */
  maxCompressionRatio: number;
  ratioCheckMinBytes: number;
  /** Outer archive = 1; an `apictl export apis` folder zipped = 2 (zips inside a zip). */
  maxArchiveDepth: number;
  /** Directory segments in an entry name. */
  maxEntryPathSegments: number;
  /** A nested zip is read into memory (yauzl needs random access) up to this size. */
  maxNestedArchiveBytes: number;
}

export const DEFAULT_LIMITS: Readonly<HubLimits> = Object.freeze({
  headBytes: 64 * 1024,
  maxDocumentBytes: 50 * 1024 * 1024,
  maxLineBytes: 1024 * 1024,
  maxArchiveEntries: 10_000,
  maxArchiveUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
  maxArchiveDepth: 2,
  maxEntryPathSegments: 32,
  maxNestedArchiveBytes: 64 * 1024 * 1024,
});

export function resolveLimits(overrides: Partial<HubLimits> = {}): HubLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
