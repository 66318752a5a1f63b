import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { core } from 'zod';
import { render } from '../i18n/message';
import { criterionCheck } from './criteria.schema';
import { zodProblem } from './package-messages';

const SCHEMAS = ['framework.schema.ts', 'criteria.schema.ts', 'framework-package.zod.ts'];

/** The sentences the schemas hand zod as written: `.regex(/…/, '…')`, `.min(1, '…')`. */
function schemaSentences(): string[] {
  return SCHEMAS.flatMap((file) =>
    [...readFileSync(join(__dirname, file), 'utf8').matchAll(/\.(?:regex|min|max)\([^'\n]*'([^']+)'\)/g)].map(
      (match) => match[1],
    ),
  );
}

describe('package problems in the catalogue', () => {
  it('gives every sentence a schema writes its own catalogue message, in Indonesian by default', () => {
    const sentences = schemaSentences();
    expect(sentences).toContain('each evidence item needs at least one kind set');
    for (const sentence of sentences) {
      const issue = { code: 'custom', message: sentence, path: [], input: undefined } as core.$ZodIssue;
      const problem = zodProblem(issue);
      expect([sentence, problem.key]).toEqual([sentence, expect.stringMatching(/^msg\.package\.format\./)]);
      // Both id rules share one message; only their quoted example differs.
      const unquoted = (text: string) => text.replace(/"[^"]*"/g, '"…"');
      expect(unquoted(render('en', problem))).toBe(unquoted(sentence));
      expect(render('id', problem)).not.toBe(sentence);
    }
  });

  it('names the check types of an unknown check in the reader language', () => {
    const result = criterionCheck.safeParse({ check: 'magic' });
    if (result.success) throw new Error('expected the check to be refused');
    const problem = zodProblem(result.error.issues[0]);
    expect(render('id', problem)).toBe(
      'jenis pemeriksaan tidak dikenal; yang diharapkan salah satu dari evidence, share, integration, review, follow_up, policy, after_review',
    );
    expect(render('en', problem)).toContain('unknown check type; expected one of evidence, share');
  });
});
