import { ChatError } from '../model/errors.js';
import type { Policy } from '../model/policy.js';
import type { Attachment } from '../model/types.js';
import { checkAttachment, SNIFF_BYTES } from '../rules/attachments.js';

/** K6 on a message's attachment: its name, size and first bytes. Loaded with the first attachment sent. */
export function checkMessageAttachment(attachment: Attachment, policy: Policy['attachments']): void {
  const verdict = checkAttachment({ name: attachment.name, size: attachment.size, head: decodeHead(attachment.head, SNIFF_BYTES) }, policy);
  if (!verdict.ok) throw new ChatError(verdict.code, verdict.message);
}

/** The base64 head of an attachment as bytes; an unreadable head is empty and fails the content check. */
function decodeHead(head: string | undefined, maxBytes: number): Uint8Array {
  if (!head) return new Uint8Array();
  try {
    const binary = atob(head);
    const bytes = new Uint8Array(Math.min(binary.length, maxBytes));
    for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array();
  }
}
