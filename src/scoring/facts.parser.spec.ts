import { FactsError } from './facts.error';
import { fullFacts } from './facts.factory';
import { parseFacts } from './facts.parser';

// Tests write values of the wrong type on purpose, which a typed draft would not allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A JSON copy of the full facts with one change applied to the plain object. */
function factsWith(change: (json: Json) => void): unknown {
  const json = JSON.parse(JSON.stringify(fullFacts('B'))) as Json;
  change(json);
  return json;
}

function problemOf(json: unknown): { path: string; detail: string } {
  try {
    parseFacts(json);
  } catch (error: unknown) {
    if (error instanceof FactsError) return { path: error.path, detail: error.detail };
    throw error;
  }
  throw new Error('expected a FactsError');
}

describe('parseFacts', () => {
  it('returns valid facts unchanged', () => {
    const json = factsWith(() => undefined);
    expect(parseFacts(json)).toEqual(json);
  });

  it('accepts the contract example with omitted optional fields', () => {
    const json = {
      asOf: '2026-10-31',
      units: [{ id: 'u' }],
      evidence: [{ id: 'e', indicator: 18, kind: 'sop', status: 'draft', date: '2026-01-01' }],
    };
    expect(parseFacts(json)).toEqual(json);
  });

  it('names the path and the problem in the error message', () => {
    const json = factsWith((j) => (j.evidence[3].status = 'approved'));
    expect(() => parseFacts(json)).toThrow(
      '$.evidence[3].status: must be one of "draft", "submitted", "accepted", "needs_revision", "rejected"',
    );
  });

  it.each([
    ['a missing asOf', (j: Json) => delete j.asOf, '$.asOf', 'is required'],
    ['a non-object', () => undefined, '$', 'must be of type object'],
    ['a bad edition', (j: Json) => (j.edition = 'D'), '$.edition', 'must be one of'],
    [
      'a bad evidence kind',
      (j: Json) => (j.evidence[0].kind = 'photo'),
      '$.evidence[0].kind',
      'must be one of',
    ],
    [
      'a bad integration target',
      (j: Json) => (j.integrations[0].with = 'spbe'),
      '$.integrations[0].with',
      'must be one of',
    ],
    [
      'a bad review subject',
      (j: Json) => (j.reviews[0].subject = 'app'),
      '$.reviews[0].subject',
      'must be one of',
    ],
    [
      'a bad policy status',
      (j: Json) => (j.policies[1].status = 'final'),
      '$.policies[1].status',
      'must be one of',
    ],
    ['a missing policy units', (j: Json) => delete j.policies[0].units, '$.policies[0].units', 'is required'],
    ['a missing evidence date', (j: Json) => delete j.evidence[2].date, '$.evidence[2].date', 'is required'],
    [
      'a missing follow-up flag',
      (j: Json) => delete j.reviews[0].followUps[0].done,
      '$.reviews[0].followUps[0].done',
      'is required',
    ],
    [
      'a string indicator',
      (j: Json) => (j.evidence[0].indicator = '18'),
      '$.evidence[0].indicator',
      'must be of type integer',
    ],
    [
      'a string viaSpl',
      (j: Json) => (j.units[0].applications[1].viaSpl = 'yes'),
      '$.units[0].applications[1].viaSpl',
      'must be of type boolean',
    ],
    [
      'a unit list with a number',
      (j: Json) => (j.evidence[0].units = ['dinkes', 5]),
      '$.evidence[0].units[1]',
      'must be of type string',
    ],
    [
      'a unit list that is a word',
      (j: Json) => (j.evidence[0].units = 'dinkes'),
      '$.evidence[0].units',
      'must be "all" or a list of unit ids',
    ],
    ['an empty id', (j: Json) => (j.units[0].id = ''), '$.units[0].id', 'must not be empty'],
    ['coverageTarget 0', (j: Json) => (j.coverageTarget = 0), '$.coverageTarget', 'must be greater than 0'],
    ['coverageTarget above 1', (j: Json) => (j.coverageTarget = 1.5), '$.coverageTarget', 'must be <= 1'],
    [
      'reviewWindowMonths of 0',
      (j: Json) => (j.reviewWindowMonths = 0),
      '$.reviewWindowMonths',
      'must be >= 1',
    ],
    [
      'reviewWindowMonths of 61',
      (j: Json) => (j.reviewWindowMonths = 61),
      '$.reviewWindowMonths',
      'must be <= 60',
    ],
    [
      'a fractional reviewWindowMonths',
      (j: Json) => (j.reviewWindowMonths = 12.5),
      '$.reviewWindowMonths',
      'must be of type integer',
    ],
    [
      'an unknown evidence id in a policy',
      (j: Json) => j.policies[1].evidence.push('nope'),
      '$.policies[1].evidence[1]',
      'unknown evidence id "nope"',
    ],
    [
      'an unknown evidence id in an integration',
      (j: Json) => (j.integrations[1].evidence = ['x']),
      '$.integrations[1].evidence[0]',
      'unknown evidence id "x"',
    ],
    [
      'an unknown evidence id in a review',
      (j: Json) => (j.reviews[1].evidence = ['x']),
      '$.reviews[1].evidence[0]',
      'unknown evidence id',
    ],
    [
      'an unknown evidence id in a follow-up',
      (j: Json) => (j.reviews[0].followUps[0].evidence = ['fu', 'x']),
      '$.reviews[0].followUps[0].evidence[1]',
      'unknown evidence id',
    ],
    [
      'an unknown replaces',
      (j: Json) => (j.policies[1].replaces = 'p-x'),
      '$.policies[1].replaces',
      'must name another policy',
    ],
    [
      'a policy replacing itself',
      (j: Json) => (j.policies[1].replaces = 'p-new'),
      '$.policies[1].replaces',
      'must name another policy',
    ],
    [
      'a duplicate unit id',
      (j: Json) => (j.units[1].id = 'dinkes'),
      '$.units[1].id',
      'duplicate id "dinkes"',
    ],
    [
      'a duplicate application id',
      (j: Json) => (j.units[0].applications[1].id = 'simpus'),
      '$.units[0].applications[1].id',
      'duplicate id',
    ],
    [
      'a duplicate evidence id',
      (j: Json) => (j.evidence[4].id = 'doc'),
      '$.evidence[4].id',
      'duplicate id "doc"',
    ],
    ['a duplicate policy id', (j: Json) => (j.policies[1].id = 'p-old'), '$.policies[1].id', 'duplicate id'],
    ['a duplicate review id', (j: Json) => (j.reviews[1].id = 'r-spl'), '$.reviews[1].id', 'duplicate id'],
  ])('reports %s at its JSON path', (_label, change, path, detail) => {
    const json = _label === 'a non-object' ? [] : factsWith(change);
    const problem = problemOf(json);
    expect(problem.path).toBe(path);
    expect(problem.detail).toContain(detail);
  });

  it.each([
    '2026-2-01',
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '26-01-01',
    '2026-01-01T00:00:00Z',
    '2026/01/01',
    '',
  ])('rejects the malformed date "%s"', (date) => {
    expect(problemOf(factsWith((j) => (j.evidence[1].date = date)))).toMatchObject({
      path: '$.evidence[1].date',
    });
  });

  it('accepts a leap day', () => {
    expect(() => parseFacts(factsWith((j) => (j.evidence[1].date = '2024-02-29')))).not.toThrow();
  });

  it('accepts replaces omitted or null and unit ids that name no unit', () => {
    const json = factsWith((j) => {
      delete j.policies[0].replaces;
      j.evidence[0].units = ['dinkes', 'ghost'];
    });
    expect(() => parseFacts(json)).not.toThrow();
  });

  it('reports the first problem in document order', () => {
    const json = factsWith((j) => {
      j.evidence[1].id = 'doc';
      j.policies[0].evidence = ['nope'];
    });
    expect(problemOf(json).path).toBe('$.evidence[1].id');
  });
});
