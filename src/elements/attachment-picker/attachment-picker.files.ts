import { css, html, nothing, type CSSResult } from 'lit';
import type { Policy } from '../../model/policy.js';
import { checkAttachment, extensionOf, familyOf, SNIFF_BYTES } from '../../rules/attachments.js';
import { formatBytes } from '../shared/format.js';
import type { CommonStrings } from '../shared/strings.js';
import type { attachmentPickerStrings, Item, PickedFile, Uploader } from './attachment-picker.strings.js';

// The picker loads this module, what it does with files (the engine's check, the previews, the
// uploads), when files are first chosen or dropped. It has no effect of its own.

type Strings = typeof attachmentPickerStrings & CommonStrings;

/** What the file list shows and calls back; the picker hands it over on each render. */
export interface FilesHost {
  t: Strings;
  items: readonly Item[];
  disabled: boolean;
  /** An object URL for an image's preview, while the picker is on the page. */
  preview?: (file: File) => string;
  remove(file: File): void;
}

export const styles: CSSResult = css`
  ul { display: contents; }
  li {
    display: inline-flex; align-items: center; gap: 6px; max-inline-size: 16rem; padding: 4px; padding-inline-start: 8px;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  img { inline-size: 48px; block-size: 48px; object-fit: cover; border-radius: calc(var(--_radius) / 2); }
  progress { inline-size: 5rem; accent-color: var(--_accent); }
  li button { min-height: 28px; padding: 2px 8px; }
`;

/** Checks each file with the engine's own rule (K6): the accepted ones, and why the others are refused. */
export async function check(files: File[], policy: Policy['attachments'], t: Strings) {
  const accepted: Item[] = [];
  const refused: { name: string; message: string }[] = [];
  for (const file of files) {
    const { name, size } = file;
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const verdict = checkAttachment({ name, size, head }, policy);
    const extension = extensionOf(name);
    if (verdict.ok) accepted.push({ file, head, image: verdict.family === 'image' });
    else refused.push({ name, message: verdict.code === 'attachment-too-large' ? t.tooLarge(formatBytes(policy.maxBytes))
      : familyOf(extension, policy) ? t.notReal(extension) : t.notAllowed(extension) });
  }
  return { accepted, refused };
}

/** Uploads each item not uploaded yet (see `VolleyAttachmentPicker.upload`). */
export async function upload(items: readonly Item[], uploader: Uploader | undefined, patch: (file: File, patch: Partial<Item>) => void, t: Strings) {
  const done = await Promise.all(items.map(async (item): Promise<PickedFile | undefined> => {
    if (!uploader || item.url) return item;
    if (item.abort) return undefined; // already uploading
    const { file } = item;
    const abort = new AbortController();
    // A canceled file is gone from the list: patching it does nothing.
    patch(file, { abort, progress: 0, error: undefined });
    try {
      const url = await uploader(file, { signal: abort.signal, onProgress: (progress) => patch(file, { progress }) });
      if (abort.signal.aborted) return undefined;
      patch(file, { url, abort: undefined });
      return { file, head: item.head, url };
    } catch {
      patch(file, { abort: undefined, error: t.uploadFailed });
      return undefined;
    }
  }));
  return done.filter((picked) => picked !== undefined);
}

/** The accepted files: a thumbnail or the name, the upload's progress, and Remove (or Cancel while uploading). */
export function renderFiles({ t, items, disabled, preview, remove }: FilesHost) {
  // The Cancel of a running upload stays usable while the picker is disabled; the Remove does not.
  return html`<ul part="files" aria-label=${t.files}>${items.map(({ file, image, abort, progress, error }) => {
    const name = file.name;
    return html`<li part="file">
      ${image && preview ? html`<img part="thumbnail" src=${preview(file)} alt=${name} />` : html`<span class="name">${name}</span>`}
      ${abort ? html`<progress part="progress" max="1" .value=${progress} aria-label=${t.uploading(name)}></progress>` : nothing}
      <button aria-label=${abort ? t.cancelUpload(name) : t.remove(name)} ?disabled=${!abort && disabled}
        @click=${() => remove(file)}>${abort ? t.cancel : t.removeMark}</button>
      ${error ? html`<span class="error" role="alert">${error}</span>` : nothing}
    </li>`;
  })}</ul>`;
}
