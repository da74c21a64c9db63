import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Policy } from 'volley-chat';
import { checkAttachment, extensionOf, familyOf, SNIFF_BYTES } from 'volley-chat/rules';

/** The type each allowed extension is served with (content was checked against it at upload). */
const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime',
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', doc: 'application/msword',
  ppt: 'application/vnd.ms-powerpoint', odt: 'application/vnd.oasis.opendocument.text',
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface StoredFile { name: string; size: number; mime: string; uploadedBy: string; at: number }

/** What an upload answers: the fields of the `attachment` a client then sends in a message. */
export interface UploadedAttachment { url: string; name: string; size: number; mime: string; head: string }

export type UploadError = { status: number; code: 'attachment-too-large' | 'attachment-type' | 'invalid'; message: string };

/**
 * K6 on the server: files are checked by extension, size and content (the same rule the engine
 * applies to the message) before they are kept, and served back under a random id with
 * `nosniff`, a sandboxing CSP and a `Content-Disposition` naming the file.
 */
export class Uploads {
  readonly #dir: string;

  constructor(dataDir: string, private readonly policy: Policy['attachments']) {
    this.#dir = join(dataDir, 'uploads');
  }

  /** Reads the request body into a file, refusing it as soon as it is too large or not what its name says. */
  async receive(request: IncomingMessage, name: string, userId: string): Promise<UploadedAttachment | UploadError> {
    const maxBytes = this.policy.maxBytes;
    const declared = Number(request.headers['content-length']);
    const tooLarge: UploadError = { status: 413, code: 'attachment-too-large', message: `A file can be at most ${maxBytes} bytes.` };
    if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
    if (familyOf(extensionOf(name), this.policy) === null) return { status: 415, code: 'attachment-type', message: 'This type of file cannot be sent.' };
    await mkdir(this.#dir, { recursive: true });
    const id = randomUUID();
    const partial = join(this.#dir, `${id}.part`);
    const out = createWriteStream(partial);
    let size = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    try {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge;
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
        }
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    } catch (error) {
      out.destroy();
      await rm(partial, { force: true });
      if ((error as UploadError).status) return error as UploadError;
      return { status: 400, code: 'invalid', message: 'The upload did not arrive whole.' };
    }
    const headBytesArray = new Uint8Array(Buffer.concat(head));
    const verdict = checkAttachment({ name, size, head: headBytesArray }, this.policy);
    if (!verdict.ok) {
      await rm(partial, { force: true });
      return { status: verdict.code === 'attachment-too-large' ? 413 : 415, code: verdict.code, message: verdict.message };
    }
    const mime = MIME[verdict.extension] ?? 'application/octet-stream';
    const meta: StoredFile = { name, size, mime, uploadedBy: userId, at: Date.now() };
    await writeFile(join(this.#dir, `${id}.json`), JSON.stringify(meta));
    await rename(partial, join(this.#dir, id));
    return { url: `/uploads/${id}`, name, size, mime, head: Buffer.from(headBytesArray).toString('base64') };
  }

  /** Serves a stored file; any id that is not one answers 404. */
  async serve(id: string, response: ServerResponse): Promise<void> {
    if (!ID.test(id)) {
      response.writeHead(404).end();
      return;
    }
    let meta: StoredFile;
    try {
      meta = JSON.parse(await readFile(join(this.#dir, `${id}.json`), 'utf8'));
      await stat(join(this.#dir, id));
    } catch {
      response.writeHead(404).end();
      return;
    }
    const family = familyOf(extensionOf(meta.name), this.policy);
    // Pictures and videos show in the page; documents download.
    const disposition = family === 'image' || family === 'video' ? 'inline' : 'attachment';
    const ascii = meta.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    response.writeHead(200, {
      'content-type': meta.mime,
      'content-length': meta.size,
      'x-content-type-options': 'nosniff',
      'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400, immutable',
      'cross-origin-resource-policy': 'cross-origin',
    });
    createReadStream(join(this.#dir, id)).pipe(response);
  }
}
