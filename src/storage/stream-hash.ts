import { createHash } from 'node:crypto';

export interface ContentDigest {
  /** Lowercase hex SHA-256. */
  sha256: string;
  size: number;
}

/** Reads a stream to its end, keeping only the running hash and byte count. */
export async function digestStream(source: AsyncIterable<Uint8Array>): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
