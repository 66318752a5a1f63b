import { Server } from 'node:http';

/**
 * Every 500 a test app answers is recorded; after each test (and each file, for hooks) the run
 * fails on any 500 the test did not declare with `expectServerErrors()`. A 500 is a bug: bad
 * input gets a 4xx, an unavailable database a 503.
 */
const seen: string[] = [];
let expected = false;

export function watchServerErrors(server: Server): void {
  server.on(
    'request',
    (req: { method?: string; url?: string }, res: NodeJS.EventEmitter & { statusCode: number }) => {
      res.on('finish', () => {
        if (res.statusCode === 500) seen.push(`${req.method} ${req.url}`);
      });
    },
  );
}

/** Declares that the current test provokes 500s on purpose (none does today). */
export function expectServerErrors(): void {
  expected = true;
}

/** Called by the setup file after each test and after each file; throws on unexpected 500s. */
export function checkServerErrors(): void {
  const found = seen.splice(0);
  const wasExpected = expected;
  expected = false;
  if (found.length && !wasExpected) {
    throw new Error(`The app answered 500 to:\n  ${found.slice(0, 20).join('\n  ')}`);
  }
}
