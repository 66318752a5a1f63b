import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AppContext } from '../cli/app-context';
import { CliLang } from '../cli/cli-lang';
import { loadShippedPackage, SHIPPED_PACKAGES } from '../framework/framework-package';
import type { FrameworkPackage } from '../framework/framework-package.zod';
import { runIndex, type IndexCliOptions } from '../scoring/index-cli';
import { createNodeIo } from '../scoring/score-cli';
import { FrameworkPackagesService } from './framework-packages.service';

/**
 * `npm run cli -- index --framework ID [--version V] --levels FILE [--lang id|en]`. A shipped
 * version needs no database; another version is looked up among the imported packages. A
 * refusal is in --lang, else in the tool's language (SPBE_LANG).
 */
@Command({
  name: 'index',
  description:
    'compute a framework\'s index and predicate from a JSON file of indicator levels, e.g. {"I1": 3, ...}',
})
export class IndexCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_params: string[], options: IndexCliOptions = {}): Promise<void> {
    const lookup = (id: string, version?: string) => this.lookup(id, version);
    process.exitCode = await runIndex(options, createNodeIo(), lookup, this.lang.lang);
  }

  private async lookup(id: string, version?: string): Promise<FrameworkPackage | undefined> {
    const shipped = SHIPPED_PACKAGES[id] ? loadShippedPackage(id).pkg : undefined;
    if (shipped && (version === undefined || version === shipped.version)) return shipped;
    return this.context.run((app) => app.get(FrameworkPackagesService).get(id, version));
  }

  @Option({ flags: '-f, --framework <id>', description: 'framework id, e.g. pemdi-2026 or spbe-2020' })
  parseFramework(value: string): string {
    return value;
  }

  @Option({ flags: '--version <version>', description: 'package version (default: the shipped one)' })
  parseVersion(value: string): string {
    return value;
  }

  @Option({
    flags: '--levels <file>',
    description: 'JSON object of indicator code → level, or "-" for stdin',
  })
  parseLevels(value: string): string {
    return value;
  }

  @Option({ flags: '-l, --lang <lang>', description: 'language of the predicate: id (default) or en' })
  parseLang(value: string): string {
    return value;
  }
}
