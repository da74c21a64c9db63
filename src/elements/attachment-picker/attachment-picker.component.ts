import { html, nothing, type PropertyDeclarations } from 'lit';
import { defaultPolicy, type Policy } from '../../model/policy.js';
import { VolleyAttachmentsEvent } from '../events/events.js';
import { FirstUse } from '../shared/first-use.js';
import { VolleyElement } from '../shared/volley-element.js';
import { baseStyles } from '../shared/styles.js';
import { attachmentPickerStyles } from './attachment-picker.styles.js';
import { attachmentPickerStrings, type Item, type PickedFile, type Uploader } from './attachment-picker.strings.js';

/** What the picker does with files, loaded when files are first chosen. */
const filesPart = () => import('./attachment-picker.files.js');

/**
 * Chooses photos, videos and documents (K6): a file button and drag and drop onto the element.
 * Each file is checked before any upload with the engine's own rule (`checkAttachment`, by
 * extension, content and size); refused files say why, accepted ones show a preview. `upload()`
 * runs the host's uploader with a progress bar and a Cancel per file. What it does with files
 * (the check, previews, uploads) loads when files are first chosen or dropped.
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
  static override properties: PropertyDeclarations = {
    policy: { attribute: false },
    multiple: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    items: { state: true },
    refused: { state: true },
    dragging: { state: true },
  };
  protected override defaults = attachmentPickerStrings;

  /** The attachments policy; the connected client's, else the default policy, when not set. */
  policy?: Policy['attachments'];
  /** Allows more than one file. */
  multiple = false;
  /** Turns the picker off (the composer does while the conversation refuses sending). */
  disabled = false;

  private items: readonly Item[] = [];
  private refused: readonly { name: string; message: string }[] = [];
  private dragging = false;

  /** The object URLs of image previews: made when first shown, revoked when the file goes or the picker leaves the page. */
  #previews = new Map<File, string>();
  #adding: Promise<void> = Promise.resolve();
  readonly #files = new FirstUse(this, filesPart);

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
    const { accepted, refused } = await (await this.#files.load()).check(files, this.#policy, this.t);
    this.refused = refused;
    if (accepted.length) this.#set(this.multiple ? [...this.items, ...accepted] : accepted.slice(-1));
  }

  /** Removes a file (canceling its upload, if one runs). */
  removeFile(file: File): void {
    const items = this.items.filter((item) => item.file !== file);
    if (items.length < this.items.length) this.#set(items);
  }

  /** Removes every file and every refusal message. */
  clear(): void {
    this.refused = [];
    if (this.items.length) this.#set([]);
  }

  /**
   * Uploads each accepted file not uploaded yet, showing its progress with a Cancel button, and
   * resolves with the files whose upload succeeded (and those uploaded before). A canceled file is
   * removed; a failed one stays with the error. Without an uploader every file resolves without URL.
   */
  async upload(uploader?: Uploader): Promise<PickedFile[]> {
    // Files were checked: the module that uploads them is there.
    return this.items.length ? this.#files.module!.upload(this.items, uploader, (file, patch) => this.#patch(file, patch), this.t) : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Previews were let go on disconnect: a moved picker makes them again as it renders.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#previews.forEach((url) => URL.revokeObjectURL(url));
    this.#previews.clear();
  }

  get #policy(): Policy['attachments'] {
    return this.policy ?? this.client?.state.policy?.attachments ?? defaultPolicy().attachments;
  }

  #preview(file: File): string {
    let url = this.#previews.get(file);
    if (!url) this.#previews.set(file, (url = URL.createObjectURL(file)));
    return url;
  }

  /** Replaces the files; those that go stop uploading and let go of their previews. */
  #set(items: readonly Item[]): void {
    for (const { file, abort } of this.items) {
      if (items.some((item) => item.file === file)) continue;
      abort?.abort();
      const url = this.#previews.get(file);
      if (url) URL.revokeObjectURL(url);
      this.#previews.delete(file);
    }
    this.items = items;
    this.dispatchEvent(new VolleyAttachmentsEvent(this.files));
  }

  #patch(file: File, patch: Partial<Item>): void {
    this.items = this.items.map((item) => (item.file === file ? { ...item, ...patch } : item));
  }

  #choose(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...input.files!];
    input.value = '';
    void this.add(files);
  }

  /** Drag and drop: files dragged over show the outline; dropped, they are added. */
  #drag(event: DragEvent): void {
    this.dragging = !this.disabled && event.type === 'dragover';
    if (this.disabled || event.type === 'dragleave') return;
    event.preventDefault();
    if (event.type === 'drop') void this.add(event.dataTransfer!.files);
  }

  protected override render() {
    const t = this.t;
    const { images, videos, documents } = this.#policy;
    return html`
      <div class=${this.dragging ? 'zone dragging' : 'zone'} @dragover=${this.#drag} @dragleave=${this.#drag} @drop=${this.#drag}>
        <input type="file" hidden accept=${[...images, ...videos, ...documents].map((e) => `.${e}`).join(',')} ?multiple=${this.multiple} @change=${this.#choose} />
        <button part="button" aria-label=${t.attachLabel} ?disabled=${this.disabled}
          @click=${() => this.renderRoot.querySelector('input')!.click()}>${t.attach}</button>
        ${this.items.length ? this.#files.module!.renderFiles({
          t, items: this.items, disabled: this.disabled, remove: (file) => this.removeFile(file),
          preview: this.isConnected ? (file) => this.#preview(file) : undefined,
        }) : nothing}
        <div class="refused error" part="refused" role="alert">
          ${this.refused.map(({ name, message }) => html`<p><span class="name">${name}</span>: ${message}</p>`)}
        </div>
      </div>
    `;
  }
}
