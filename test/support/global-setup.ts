import { ensureEmbeddedTemplate, ensureServerTemplate, serverUrl } from './template';
import { sweepStaleDatabases } from './test-database';

/** Builds (once, cached by the migrations' hash) the migrated template every test database copies. */
export default async function globalSetup(): Promise<void> {
  const url = serverUrl();
  if (url) await ensureServerTemplate(url);
  else {
    await ensureEmbeddedTemplate();
    sweepStaleDatabases();
  }
}
