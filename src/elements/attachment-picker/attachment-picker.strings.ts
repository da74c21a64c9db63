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
  /** `max` is formatted: "10 MB". */
  tooLarge: (max: string) => `Files can be at most ${max}.`,
};

/** Uploads one file and resolves with its URL; must stop (reject) when `signal` aborts. */
export type Uploader = (file: File, options: { signal: AbortSignal; onProgress: (fraction: number) => void }) => Promise<string>;

/** An accepted file: its first bytes (for the engine's type check) and, once uploaded, its URL. */
export interface PickedFile { readonly file: File; readonly head: Uint8Array; readonly url?: string }

/** A file in the list (internal). */
export interface Item extends PickedFile {
  readonly image: boolean;
  /** Set while the upload runs. */
  readonly abort?: AbortController;
  readonly progress?: number;
  readonly error?: string;
}
