/**
 * Freezes a value and everything it holds, in place, and returns it: for data that many readers
 * share (the loaded framework, remembered engine outputs), so that a reader changing it fails
 * where it does instead of changing what the others read. Stops at what is frozen already.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
