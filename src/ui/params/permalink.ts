/**
 * Permalinks: `?run=` holds base64url(deflate-raw(JSON(run file))). Both
 * limits are enforced before anything is allocated in proportion to them:
 * the encoded part is measured as it stands, and the decompressed stream is
 * read chunk by chunk and abandoned as soon as it passes `maxRunBytes`, so a
 * small link that inflates to gigabytes (a decompression bomb) never does.
 */
import { DataError, maxRunBytes, parseRunFile, type RunFile } from '../../engine/index';

/** The longest `run=` value accepted (characters of base64url). */
export const maxLinkChars = 64 * 1024;

/** A link that cannot be opened, with a sentence that says why. */
export class LinkError extends Error {
  constructor(
    readonly code: 'link-too-long' | 'link-malformed' | 'link-too-large' | 'link-invalid',
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, limitBytes: number | null): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (limitBytes !== null && total > limitBytes) {
      // Stop the inflater now: nothing more is produced or kept.
      await reader.cancel().catch(() => undefined);
      throw new LinkError('link-too-large', `This link's run is larger than ${Math.round(limitBytes / 1024)} KiB when unpacked; it was not opened.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** base64url(deflate-raw(JSON)). */
export async function encodeRun(run: RunFile): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(run));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(await readAll(stream, null));
}

/** The run a link's `run=` value holds, validated; throws LinkError saying what is wrong. */
export async function decodeRun(encoded: string, protocols: readonly string[]): Promise<RunFile> {
  if (encoded.length > maxLinkChars) {
    throw new LinkError('link-too-long', `This link's run is ${Math.round(encoded.length / 1024)} KiB encoded; links over ${maxLinkChars / 1024} KiB are not opened. Export the run as a file instead.`);
  }
  const bytes = fromBase64Url(encoded);
  if (bytes === null || bytes.length === 0) throw new LinkError('link-malformed', 'This link\'s run= part is not valid base64url; it may have been cut short when it was copied.');
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readAll(stream, maxRunBytes));
  } catch (error) {
    if (error instanceof LinkError) throw error;
    throw new LinkError('link-malformed', 'This link\'s run= part does not unpack (it is not deflate-compressed data); it may have been cut short when it was copied.');
  }
  try {
    return parseRunFile(text, protocols);
  } catch (error) {
    if (error instanceof DataError) throw new LinkError('link-invalid', 'This link does not hold a valid run:', error.problems);
    throw new LinkError('link-invalid', `This link does not hold a valid run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
