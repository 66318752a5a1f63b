/**
 * Splits a byte stream into text lines without ever holding more than one chunk plus one line.
 * Lines come in batches (one per chunk) because an await per line costs more than parsing it.
 * A line longer than `maxLineBytes` is reported as `null` and its bytes are dropped as they
 * arrive, so a file without newlines cannot exhaust memory.
 */
export interface LineBatch {
  /** 1-based number of the first line in `lines`. */
  firstLine: number;
  /** Text without the line break; `null` for a line that exceeded the limit. */
  lines: Array<string | null>;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function* lineBatches(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<LineBatch> {
  let carry: Buffer | undefined;
  let overlong = false;
  let lineNumber = 1;
  for await (const chunk of chunks) {
    const batch: LineBatch = { firstLine: lineNumber, lines: [] };
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (overlong || (carry && carry.length + end - start > maxLineBytes) || end - start > maxLineBytes) {
        batch.lines.push(null);
      } else {
        const bytes = carry ? Buffer.concat([carry, chunk.subarray(start, end)]) : chunk.subarray(start, end);
        batch.lines.push(decodeLine(bytes, lineNumber));
      }
      carry = undefined;
      overlong = false;
      lineNumber += 1;
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // Copy: the chunk's memory may be reused by the stream once we return.
      if (!overlong) carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      if (carry && carry.length > maxLineBytes) {
        carry = undefined;
        overlong = true;
      }
    }
    if (batch.lines.length > 0) yield batch;
  }
  if (overlong) yield { firstLine: lineNumber, lines: [null] };
  else if (carry && carry.length > 0) yield { firstLine: lineNumber, lines: [decodeLine(carry, lineNumber)] };
}

function decodeLine(bytes: Buffer, lineNumber: number): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
  // A UTF-8 byte-order mark (Windows editors) is not part of the first line's text.
  const start = lineNumber === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start, end);
}
