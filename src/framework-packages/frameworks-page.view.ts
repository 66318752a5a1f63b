import type { Lang } from '../scoring/scoring.types';
import type { FrameworkPackageView } from './framework-packages.service';

/** The framework list page: one row per version, newest first within a framework. */
export function frameworksPageView(list: readonly FrameworkPackageView[], lang: Lang) {
  return list.map((p) => ({
    id: p.id,
    version: p.version,
    title: p.title[lang],
    regulation: p.regulation,
    hash: p.hash.slice(0, 12),
    shipped: p.shipped,
    importedAt: p.importedAt.slice(0, 16).replace('T', ' '),
    importedBy: p.importedBy,
    sources: p.sources.map((s) => ({ key: s.key, text: s.text[lang] })),
    provisional: p.provisional,
    periods: p.periods,
  }));
}
