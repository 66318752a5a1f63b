import { msg } from '../../i18n/message';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { readCapped } from './byte-source';
import { HubFileError } from './hub-file.error';

/**
 * Parses one whole JSON or YAML document (F1, F3, F4, F7 and archive entries). JSON is tried
 * when the text starts like JSON, for its speed and precise positions; YAML otherwise.
 * A syntax error makes the whole file unusable, so it is thrown with its line and column.
 */
export function parseDocument(text: string, name: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = source.trimStart()[0];
  if (first === '{' || first === '[') return parseJson(source, name);
  try {
    // Alias expansion is capped: a "billion laughs" YAML would otherwise explode in memory.
    // Warnings stay in the parser: a user's odd file must not write to the process's warnings.
    return parseYaml(source, { maxAliasCount: 100, uniqueKeys: false, logLevel: 'error' }) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const reason = error.message.split('\n')[0].replace(/:$/, '');
      throw new HubFileError(
        'INVALID_DOCUMENT',
        msg('msg.hubfile.invalidYaml', { file: name, detail: reason }),
        { line: at?.line },
      );
    }
    // The alias cap and other refusals of the library are thrown as plain errors.
    throw new HubFileError(
      'INVALID_DOCUMENT',
      msg('msg.hubfile.invalidYaml', { file: name, detail: (error as Error).message }),
    );
  }
}

function parseJson(source: string, name: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(source, Number(position[1])) : undefined;
    const reason = msg('msg.hubfile.invalidJson', { file: name, detail: message });
    throw new HubFileError('INVALID_DOCUMENT', reason, { line });
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

export async function readDocument(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  name: string,
): Promise<unknown> {
  const bytes = await readCapped(body, maxBytes, name);
  return parseDocument(bytes.toString('utf8'), name);
}
