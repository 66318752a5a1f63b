import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { PackageUnreadableError, verifyPackage } from './package-verify';

/** Needs no database: a package is checked against its own manifest, anywhere. */
@SubCommand({
  name: 'verify-package',
  arguments: '<file>',
  description:
    're-hash every file of an evidence package (ZIP) against its manifest; exits 1 on any mismatch, 2 if unreadable',
})
export class PackageVerifyCommand extends CommandRunner {
  async run([file]: string[], options: { json?: boolean }): Promise<void> {
    try {
      const result = await verifyPackage(file);
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(describe(file, result));
      if (!result.ok) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof PackageUnreadableError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    }
  }

  @Option({ flags: '--json', description: 'print the result as JSON' })
  parseJson(): boolean {
    return true;
  }
}

function describe(file: string, r: Awaited<ReturnType<typeof verifyPackage>>): string {
  const lines = [`${file}: ${r.ok ? 'OK' : 'FAILED'}`, `checked: ${r.checked}`];
  for (const m of r.mismatches)
    lines.push(`mismatch: ${m.path}\n  expected ${m.expected}\n  actual   ${m.actual}`);
  for (const path of r.absent) lines.push(`absent from the package: ${path}`);
  for (const path of r.unlisted) lines.push(`not in the manifest: ${path}`);
  for (const item of r.notPackaged) lines.push(`note: missing from storage when packaged: ${item}`);
  return `${lines.join('\n')}\n`;
}
