import { toHundredths } from './decimal';
import type {
  FrameworkPackage,
  IndicatorMode,
  PackageAspect,
  PackageIndicator,
} from './framework-package.zod';
import type { Text } from './framework.schema';

/** One aspect of a package with where it sits in the file (under a domain or at the top). */
export interface LocatedAspect {
  readonly aspect: PackageAspect;
  readonly path: (string | number)[];
}

export function packageAspects(pkg: FrameworkPackage): LocatedAspect[] {
  if (pkg.domains)
    return pkg.domains.flatMap((domain, d) =>
      domain.aspects.map((aspect, a) => ({ aspect, path: ['domains', d, 'aspects', a] })),
    );
  return (pkg.aspects ?? []).map((aspect, a) => ({ aspect, path: ['aspects', a] }));
}

/** An indicator as every consumer sees it: its code, integer weight in hundredths and mode. */
export interface IndicatorView {
  readonly code: string;
  readonly aspect: string;
  readonly name: Text;
  readonly weight: number;
  readonly mode: IndicatorMode;
  readonly definition: PackageIndicator;
}

/** SPBE 2020 numbers its indicators; their code is "I" and the number. */
export function indicatorCode(indicator: PackageIndicator): string {
  return indicator.code ?? `I${indicator.number ?? 0}`;
}

export function aspectIndicators(aspect: PackageAspect): IndicatorView[] {
  return aspect.indicators.map((definition) => ({
    code: indicatorCode(definition),
    aspect: aspect.code,
    name: definition.name,
    weight: toHundredths(definition.weight),
    mode: definition.mode ?? 'value',
    definition,
  }));
}

export function packageIndicators(pkg: FrameworkPackage): IndicatorView[] {
  return packageAspects(pkg).flatMap(({ aspect }) => aspectIndicators(aspect));
}

/** Whether any text or part of the package is only provisionally known. */
export function provisionalParts(pkg: FrameworkPackage): string[] {
  const parts = Object.entries(pkg.provenance ?? {})
    .filter(([, entry]) => entry?.form === 'provisional')
    .map(([part]) => part);
  for (const view of packageIndicators(pkg)) {
    const d = view.definition;
    const texts = [d.external, d.evidence, ...(d.levels ?? []).map((l) => l.text)];
    if (texts.some((t) => t?.form === 'provisional')) parts.push(view.code);
  }
  if (pkg.crosswalk?.some((entry) => entry.note.form === 'provisional')) parts.push('crosswalk');
  return parts;
}
