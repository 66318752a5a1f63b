/** Invalid facts: `path` is the JSONPath of the first problem, e.g. `$.evidence[3].status`. */
export class FactsError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'FactsError';
  }
}
