import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ScoringService } from './scoring.service';
import { createNodeIo, runScore, type ScoreCliOptions } from './score-cli';

/**
 * `npm run cli -- score --input FILE [--basis supported|verified] [--lang id|en] [--explain]`.
 * Option values are checked by runScore, not by commander, so that every bad value exits
 * with status 2 and a message, as the scoring contract asks; the message is in --lang, else in
 * the tool's language (SPBE_LANG).
 */
@Command({
  name: 'score',
  description:
    'Score Indicators 7 and 18 from a facts JSON file (prints JSON, or an explanation with --explain)',
})
export class ScoreCommand extends CommandRunner {
  constructor(
    private readonly scoring: ScoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: ScoreCliOptions = {}): Promise<void> {
    const framework = () => this.scoring.getFramework();
    process.exitCode = await runScore(options, createNodeIo(), framework, this.config.cliLang);
  }

  @Option({ flags: '-i, --input <file>', description: 'facts JSON file, or "-" for standard input' })
  parseInput(value: string): string {
    return value;
  }

  @Option({
    flags: '-b, --basis <basis>',
    description: 'supported (submitted or accepted evidence, default) or verified (accepted only)',
  })
  parseBasis(value: string): string {
    return value;
  }

  @Option({ flags: '-l, --lang <lang>', description: 'language of messages: id (default) or en' })
  parseLang(value: string): string {
    return value;
  }

  @Option({ flags: '-e, --explain', description: 'print a readable explanation instead of JSON' })
  parseExplain(): boolean {
    return true;
  }
}
