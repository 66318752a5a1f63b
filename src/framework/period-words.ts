import { translate, type Lang } from '../i18n/i18n';
import { SHIPPED_PACKAGES, loadShippedPackage } from './framework-package';
import { scoredAsPackage } from './framework.registry';

/** What a page knows of a period; the framework fields are absent on a few summaries (read as SPBE 2020). */
export interface PeriodNaming {
  readonly year: number;
  readonly edition: string;
  readonly frameworkVersion?: string;
  readonly frameworkPackageVersion?: string | null;
}

/**
 * The line a page heads a period with: the criteria edition of an SPBE 2020 period ("Periode
 * 2026 · edisi kriteria B"), or the package's title and version of a period on another framework
 * (Pemdi 2026), whose criteria have no edition.
 */
export function periodWords(period: PeriodNaming, lang: Lang): string {
  const id = period.frameworkVersion;
  if (!id || !scoredAsPackage({ frameworkVersion: id }) || !SHIPPED_PACKAGES[id])
    return translate(lang, 'agencies.period', { year: period.year, edition: period.edition });
  const pkg = loadShippedPackage(id).pkg;
  return translate(lang, 'pemdi.periodLine', {
    year: period.year,
    framework: pkg.title[lang],
    version: translate(lang, 'pemdi.version', { version: period.frameworkPackageVersion ?? pkg.version }),
  });
}
