/**
 * The frameworks this build knows, by id, each a YAML file next to this code. A successor
 * framework (e.g. the 2026 digital government index) is added here and as a file; the engine
 * needs no change.
 */
export const FRAMEWORK_FILES: Readonly<Record<string, string>> = Object.freeze({
  'spbe-2020': 'spbe-2020.yaml',
});

export const DEFAULT_FRAMEWORK_ID = 'spbe-2020';

export function listFrameworks(): string[] {
  return Object.keys(FRAMEWORK_FILES);
}

/** Whether a period on this framework id is scored as a package (Pemdi 2026) rather than by the SPBE 2020 engine. */
export function scoredAsPackage(period: { frameworkVersion: string }): boolean {
  return period.frameworkVersion !== DEFAULT_FRAMEWORK_ID;
}
