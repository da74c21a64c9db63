import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defaultPolicy, type Policy } from '../../model/policy.js';
import { VolleyAttachmentsEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { baseStyles } from '../shared/styles.js';
import { attachmentPickerStyles } from './attachment-picker.styles.js';

export const attachmentPickerStrings = {
  attach: 'Attach',
  attachLabel: 'Attach a photo, video or document',
  files: 'Attached files',
  remove: (name: string) => `Remove ${name}`,
  removeMark: '×',
  uploading: (name: string) => `Uploading ${name}`,
  cancelUpload: (name: string) => `Cancel the upload of ${name}`,
  uploadFailed: 'The upload failed.',
  notAllowed: (extension: string) => `Files of type .${extension || '?'} cannot be sent.`,
  notReal: (extension: string) => `This is not a real .${extension} file.`,
  tooLarge: (maxMb: number) => `Files can be at most ${maxMb} MB.`,
};

/** Uploads one file and resolves with its URL; must stop (reject) when `signal` aborts. */
export type Uploader = (file: File, options: { signal: AbortSignal; onProgress: (fraction: number) => void }) => Promise<string>;

/** An accepted file: its first bytes (for the engine's type check) and, once uploaded, its URL. */
export interface PickedFile { readonly file: File; readonly head: Uint8Array; readonly url?: string }

interface Item extends PickedFile {
  readonly key: number;
  readonly image: boolean;
  readonly preview?: string;
  readonly progress?: number;
  readonly abort?: AbortController;
  readonly error?: string;
}

let defaults: Policy['attachments'] | undefined;

/**
 * Chooses photos, videos and documents (K6): a file button and drag and drop onto the element.
 * Each file is checked before any upload with the engine's own rule (`checkAttachment`, by
 * extension, content and size); refused files say why, accepted ones show a preview. `upload()`
 * runs the host's uploader with a progress bar and a Cancel per file.
 *
 * @csspart button - the Attach button
 * @csspart files - the list of accepted files
 * @csspart file - one accepted file (a thumbnail for images, a chip with the name otherwise)
 * @csspart thumbnail - an image preview
 * @csspart progress - an upload's progress bar
 * @csspart refused - the reasons files were refused
 * @cssprop --volley-surface - background of a file chip
 * @cssprop --volley-accent - the drop outline and progress colour
 * @event volley-attachments - the accepted files changed; `files` holds them all
 */
export class VolleyAttachmentPicker extends VolleyElement<typeof attachmentPickerStrings> {
  static override styles = [baseStyles, attachmentPickerStyles];
  protected override defaults = attachmentPickerStrings;

  /** The attachments policy; the connected client's, else the default policy, when not set. */
  @property({ attribute: false }) policy?: Policy['attachments'];
  /** Allows more than one file. */
  @property({ type: Boolean }) multiple = false;
  /** Turns the picker off (the composer does while the conversation refuses sending). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private items: readonly Item[] = [];
  @state() private refused: readonly { name: string; message: string }[] = [];
  @state() private dragging = false;

  #keys = 0;
  #adding: Promise<void> = Promise.resolve();

  /** The accepted files, in the order they were chosen. */
  get files(): readonly File[] {
    return this.items.map((item) => item.file);
  }

  /** Checks files and adds the accepted ones (only the last one unless `multiple`). */
  add(files: Iterable<File>): Promise<void> {
    const run = this.#adding.then(() => this.#add([...files]));
    this.#adding = run.catch(() => undefined);
    return run;
  }

  /** Also waits for the files being checked, so `await updateComplete` sees their outcome. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#adding;
    return super.getUpdateComplete();
  }

  async #add(files: File[]): Promise<void> {
    const rules = await import('../../rules/attachments.js');
    const t = this.t;
    const policy = this.#policy;
    const checked = await Promise.all(files.map(async (file) => {
      const head = new Uint8Array(await file.slice(0, rules.SNIFF_BYTES).arrayBuffer());
      return { file, head, verdict: rules.checkAttachment({ name: file.name, size: file.size, head }, policy) };
    }));
    const accepted: Item[] = [];
    const refused: { name: string; message: string }[] = [];
    for (const { file, head, verdict } of checked) {
      if (verdict.ok) {
        const image = verdict.family === 'image';
        accepted.push({ key: ++this.#keys, file, head, image, preview: image && this.isConnected ? URL.createObjectURL(file) : undefined });
      } else {
        const extension = rules.extensionOf(file.name);
        const message = verdict.code === 'attachment-too-large' ? t.tooLarge(Math.round((policy.maxBytes / 1048576) * 10) / 10)
          : rules.familyOf(extension, policy) ? t.notReal(extension) : t.notAllowed(extension);
        refused.push({ name: file.name, message });
      }
    }
    this.refused = refused;
    if (!accepted.length) return;
    if (!this.multiple) {
      accepted.slice(0, -1).forEach((item) => this.#revoke(item));
      this.items.forEach((item) => this.#drop(item));
    }
    this.#set(this.multiple ? [...this.items, ...accepted] : accepted.slice(-1));
  }

  /** Removes a file (canceling its upload, if one runs). */
  removeFile(file: File): void {
    const item = this.items.find((i) => i.file === file);
    if (!item) return;
    this.#drop(item);
    this.#set(this.items.filter((i) => i !== item));
  }

  /** Removes every file and every refusal message. */
  clear(): void {
    this.items.forEach((item) => this.#drop(item));
    this.refused = [];
    if (this.items.length) this.#set([]);
  }

  /**
   * Uploads each accepted file not uploaded yet, showing its progress with a Cancel button, and
   * resolves with the files whose upload succeeded (and those uploaded before). A canceled file is
   * removed; a failed one stays with the error. Without an uploader every file resolves without URL.
   */
  async upload(uploader?: Uploader): Promise<PickedFile[]> {
    const results = await Promise.all(this.items.map(async (item): Promise<PickedFile | undefined> => {
      if (!uploader || item.url) return { file: item.file, head: item.head, url: item.url };
      if (item.abort) return undefined;
      const abort = new AbortController();
      this.#patch(item.key, { abort, progress: 0, error: undefined });
      try {
        const url = await uploader(item.file, {
          signal: abort.signal,
          onProgress: (fraction) => { if (!abort.signal.aborted) this.#patch(item.key, { progress: Math.min(1, Math.max(0, fraction)) }); },
        });
        if (abort.signal.aborted) return undefined;
        this.#patch(item.key, { url, abort: undefined, progress: undefined });
        return { file: item.file, head: item.head, url };
      } catch {
        if (!abort.signal.aborted) this.#patch(item.key, { abort: undefined, progress: undefined, error: this.t.uploadFailed });
        return undefined;
      }
    }));
    return results.filter((r): r is PickedFile => r !== undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Previews were let go on disconnect; a moved picker makes them again.
    if (this.items.some((i) => i.image && !i.preview)) {
      this.items = this.items.map((i) => (i.image && !i.preview ? { ...i, preview: URL.createObjectURL(i.file) } : i));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.items.forEach((item) => this.#revoke(item));
    this.items = this.items.map((i) => (i.preview ? { ...i, preview: undefined } : i));
  }

  get #policy(): Policy['attachments'] {
    return this.policy ?? this.client?.state.policy?.attachments ?? (defaults ??= defaultPolicy().attachments);
  }

  #revoke(item: Item): void {
    if (item.preview) URL.revokeObjectURL(item.preview);
  }

  #drop(item: Item): void {
    item.abort?.abort();
    this.#revoke(item);
  }

  #set(items: readonly Item[]): void {
    this.items = items;
    this.dispatchEvent(new VolleyAttachmentsEvent(this.files));
  }

  #patch(key: number, patch: Partial<Item>): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
  }

  #choose(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    void this.add(files);
  }

  #dragOver(event: DragEvent): void {
    if (this.disabled) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  #dropFiles(event: DragEvent): void {
    this.dragging = false;
    if (this.disabled) return;
    event.preventDefault();
    void this.add(event.dataTransfer?.files ?? []);
  }

  protected override render() {
    const t = this.t;
    const policy = this.#policy;
    const accept = [...policy.images, ...policy.videos, ...policy.documents].map((e) => `.${e}`).join(',');
    return html`
      <div class="zone ${this.dragging ? 'dragging' : ''}" @dragover=${this.#dragOver} @dragleave=${() => (this.dragging = false)} @drop=${this.#dropFiles}>
        <input type="file" hidden accept=${accept} ?multiple=${this.multiple} aria-label=${t.attachLabel} @change=${this.#choose} />
        <button type="button" part="button" aria-label=${t.attachLabel} ?disabled=${this.disabled}
          @click=${() => this.renderRoot.querySelector('input')!.click()}>${t.attach}</button>
        ${this.items.length ? html`<ul part="files" aria-label=${t.files}>${this.items.map((item) => this.#renderItem(item))}</ul>` : nothing}
        <div class="refused error" part="refused" role="alert">
          ${this.refused.map((r) => html`<p><span class="name">${r.name}</span>: ${r.message}</p>`)}
        </div>
      </div>
    `;
  }

  #renderItem(item: Item) {
    const t = this.t;
    const name = item.file.name;
    return html`<li part="file" class=${item.image ? 'image' : ''}>
      ${item.image && item.preview ? html`<img part="thumbnail" src=${item.preview} alt=${name} />` : html`<span class="name">${name}</span>`}
      ${item.abort
        ? html`<progress part="progress" max="1" .value=${item.progress ?? 0} aria-label=${t.uploading(name)}></progress>
            <button type="button" aria-label=${t.cancelUpload(name)} @click=${() => this.removeFile(item.file)}>${t.cancel}</button>`
        : html`<button type="button" aria-label=${t.remove(name)} ?disabled=${this.disabled} @click=${() => this.removeFile(item.file)}>${t.removeMark}</button>`}
      ${item.error ? html`<span class="error" role="alert">${item.error}</span>` : nothing}
    </li>`;
  }
}
