import type { Policy } from '../model/policy.js';

// Apart from the content check (attachments.ts) so that what shows an attachment can tell its
// family without loading the check.

export type AttachmentFamily = 'image' | 'video' | 'document';

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function familyOf(extension: string, policy: Policy['attachments']): AttachmentFamily | null {
  if (policy.images.includes(extension)) return 'image';
  if (policy.videos.includes(extension)) return 'video';
  if (policy.documents.includes(extension)) return 'document';
  return null;
}
