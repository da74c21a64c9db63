import type { ErrorCode } from '../model/errors.js';
import type { Policy } from '../model/policy.js';
import { extensionOf, familyOf, type AttachmentFamily } from './attachment-family.js';

export { extensionOf, familyOf, type AttachmentFamily };

/** How many leading bytes the type check needs (the ODF mimetype entry ends near byte 80). */
export const SNIFF_BYTES = 512;

export interface AttachmentCandidate {
  name: string;
  size: number;
  /** The file's first bytes (up to SNIFF_BYTES); the content check reads only these. */
  head: Uint8Array;
}

export type AttachmentVerdict =
  | { ok: true; family: AttachmentFamily; extension: string }
  | { ok: false; code: Extract<ErrorCode, 'attachment-type' | 'attachment-too-large'>; message: string };

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length));

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0): boolean =>
  signature.every((byte, i) => bytes[offset + i] === byte);

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** ISO base media (mp4, m4v, mov): an `ftyp` box, or for QuickTime one of its classic top atoms. */
function isIsoMedia(head: Uint8Array, quickTime: boolean): boolean {
  const box = ascii(head, 4, 4);
  if (box === 'ftyp') return true;
  return quickTime && ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(box);
}

/** Plain text: decodes as UTF-8 and holds no control bytes other than tab, newlines and form feed. */
function isPlainText(head: Uint8Array): boolean {
  for (const byte of head) if (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)) return false;
  try {
    // A cut in the middle of a multi-byte character at the end of the head is fine.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** What the content of each allowed extension must look like. */
const CONTENT_CHECKS: Record<string, (head: Uint8Array) => boolean> = {
  png: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  jpeg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  gif: (h) => ascii(h, 0, 6) === 'GIF87a' || ascii(h, 0, 6) === 'GIF89a',
  mp4: (h) => isIsoMedia(h, false),
  m4v: (h) => isIsoMedia(h, false),
  mov: (h) => isIsoMedia(h, true),
  pdf: (h) => ascii(h, 0, 5) === '%PDF-',
  doc: (h) => startsWith(h, OLE2),
  ppt: (h) => startsWith(h, OLE2),
  // An OpenDocument text is a zip whose first entry is "mimetype" holding the ODT type.
  odt: (h) => startsWith(h, ZIP) && ascii(h, 30, 47) === 'mimetypeapplication/vnd.oasis.opendocument.text',
  txt: isPlainText,
};

/** K6: the extension must be allowed, the content must match it, and the size must fit. */
export function checkAttachment(file: AttachmentCandidate, policy: Policy['attachments']): AttachmentVerdict {
  const extension = extensionOf(file.name);
  const family = familyOf(extension, policy);
  const check = CONTENT_CHECKS[extension];
  if (!family) {
    return { ok: false, code: 'attachment-type', message: `Files of type .${extension || '?'} cannot be sent.` };
  }
  if (!(Number.isFinite(file.size) && file.size >= 0) || file.size > policy.maxBytes) {
    const limitMb = Math.round((policy.maxBytes / (1024 * 1024)) * 10) / 10;
    return { ok: false, code: 'attachment-too-large', message: `Files can be at most ${limitMb} MB.` };
  }
  // An extension the policy adds without a known signature is accepted on its name alone.
  if (check && !check(file.head)) {
    return { ok: false, code: 'attachment-type', message: `This file is not a real .${extension} file.` };
  }
  return { ok: true, family, extension };
}
