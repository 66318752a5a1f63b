import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  loadShippedPackage,
  parsePackage,
  SHIPPED_PACKAGES,
  type PackageError,
} from '../framework/framework-package';
import { frameworkPackageSchema, type FrameworkPackage } from '../framework/framework-package.zod';
import { provisionalParts } from '../framework/framework-package.view';
import type { Text } from '../framework/framework.schema';
import {
  FrameworkPackageRepository,
  type PeriodChoice,
  type StoredPackage,
} from './framework-package.repository';
import { refuse } from '../i18n/refusal';
import { msg } from '../i18n/message';
import { ValidationRefusal } from '../i18n/validation-refusal';

const ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/;

/** A package version as the list page and the API show it. */
export interface FrameworkPackageView {
  readonly id: string;
  readonly version: string;
  readonly title: Text;
  readonly regulation: string;
  readonly hash: string;
  readonly shipped: boolean;
  readonly importedAt: string;
  readonly importedBy: string | null;
  readonly sources: { key: string; text: Text }[];
  /** Parts (structure, predicates, index, crosswalk) and indicators whose texts are provisional. */
  readonly provisional: string[];
  readonly periods: { year: number; stage: string; frozen: boolean }[];
}

/** A package import refused for its content: every problem with its JSON path. */
/** A refused package: every problem under `details` with its JSON path, in the caller's language. */
export class PackageInvalidException extends ValidationRefusal {
  constructor(readonly errors: readonly PackageError[]) {
    super(
      errors.map((e) => ({
        field: e.path,
        message: msg('msg.package.problem', { path: e.path, problem: e.problem }),
      })),
    );
  }
}

/**
 * The framework packages the app knows: the shipped ones (kept in step with the build's files at
 * boot) and those an administrator imported. A stored version never changes.
 */
@Injectable()
export class FrameworkPackagesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Frameworks');
  private readonly cache = new Map<string, FrameworkPackage>();

  constructor(@Inject(FrameworkPackageRepository) private readonly packages: FrameworkPackageRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    // `migrate revert` and `migrate show` open the app on an older schema.
    if (!(await this.packages.tableExists())) return;
    for (const id of Object.keys(SHIPPED_PACKAGES)) {
      const { pkg, hash, text } = loadShippedPackage(id);
      await this.packages.upsertShipped({
        frameworkId: pkg.id,
        version: pkg.version,
        hash,
        sourceText: text,
        content: pkg,
      });
    }
  }

  /** The framework a period of the year uses, with the versions it may choose from; null without one. */
  choiceFor(year: number): Promise<PeriodChoice | null> {
    return this.packages.choiceFor(year);
  }

  async list(): Promise<FrameworkPackageView[]> {
    const [stored, choices] = await Promise.all([this.packages.list(), this.packages.periodChoices()]);
    return stored.map((row) => view(row, this.content(row), choices));
  }

  /** A version of a framework; without a version, the one shipped with the build. */
  async get(frameworkId: string, version?: string, m?: EntityManager): Promise<FrameworkPackage | undefined> {
    const wanted = version ?? shippedVersion(frameworkId);
    // Ids and versions have a fixed shape (framework-package.zod.ts); anything else is not stored.
    if (wanted === undefined || !ID.test(frameworkId) || !VERSION.test(wanted)) return undefined;
    const row = await this.packages.find(frameworkId, wanted, m);
    return row ? this.content(row) : undefined;
  }

  /** The package a period chose (its framework id, and version or the shipped one). */
  async forPeriod(frameworkId: string, version: string | null, m?: EntityManager): Promise<FrameworkPackage> {
    const pkg = await this.get(frameworkId, version ?? undefined, m);
    if (!pkg)
      throw version
        ? refuse(NotFoundException, 'msg.frameworks.not_stored', { id: frameworkId, version })
        : refuse(NotFoundException, 'msg.frameworks.not_stored_any', { id: frameworkId });
    return pkg;
  }

  /**
   * Validates and stores a package text. The same id, version and content again changes nothing;
   * the same id and version with other content is refused: a correction is a new version.
   */
  async import(
    text: string,
    importedBy: string | null,
  ): Promise<{ view: FrameworkPackageView; created: boolean }> {
    const parsed = parsePackage(text, 'upload');
    if (!parsed.ok) throw new PackageInvalidException(parsed.errors);
    const { pkg, hash } = parsed;
    const created = await this.packages.transaction(async (m) => {
      const existing = await this.packages.find(pkg.id, pkg.version, m);
      if (existing && existing.hash !== hash)
        throw refuse(ConflictException, 'msg.frameworks.version_differs', {
          id: pkg.id,
          version: pkg.version,
        });
      if (existing) return false;
      return this.packages.insert(
        m,
        { frameworkId: pkg.id, version: pkg.version, hash, sourceText: text, content: pkg },
        importedBy,
      );
    });
    const row = await this.packages.find(pkg.id, pkg.version);
    if (created) this.logger.log(`imported framework ${pkg.id} ${pkg.version} (${hash.slice(0, 12)})`);
    return { view: view(row as StoredPackage, pkg, await this.packages.periodChoices()), created };
  }

  private content(row: StoredPackage): FrameworkPackage {
    const cached = this.cache.get(row.hash);
    if (cached) return cached;
    const pkg = frameworkPackageSchema.parse(row.content);
    this.cache.set(row.hash, pkg);
    return pkg;
  }
}

function shippedVersion(frameworkId: string): string | undefined {
  return SHIPPED_PACKAGES[frameworkId] ? loadShippedPackage(frameworkId).pkg.version : undefined;
}

function view(
  row: StoredPackage,
  pkg: FrameworkPackage,
  choices: readonly PeriodChoice[],
): FrameworkPackageView {
  const periods = choices
    .filter(
      (c) =>
        c.frameworkId === row.frameworkId && (c.version ?? shippedVersion(c.frameworkId)) === row.version,
    )
    .map((c) => ({ year: c.year, stage: c.stage, frozen: c.frozen }));
  return {
    id: row.frameworkId,
    version: row.version,
    title: pkg.title,
    regulation: pkg.regulation,
    hash: row.hash,
    shipped: row.shipped,
    importedAt: row.importedAt.toISOString(),
    importedBy: row.importedByName,
    sources: Object.entries(pkg.sources).map(([key, text]) => ({ key, text })),
    provisional: provisionalParts(pkg),
    periods,
  };
}
