import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';

/**
 * The tool's own options (`--version`, `--help`) count only before a command, so that a command
 * may have an option of the same name: `index --version 2026.1` is the package version.
 */
@Injectable()
export class PositionalOptions implements OnModuleInit {
  constructor(@InjectCommander() private readonly commander: Command) {}

  onModuleInit(): void {
    this.commander.enablePositionalOptions();
  }
}
