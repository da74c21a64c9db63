import { ERROR_MESSAGES } from '../../model/error-texts.js';
import type { ErrorCode } from '../../model/errors.js';

/**
 * The strings every element shares. Each element adds its own defaults; a host replaces any of
 * them through an element's `strings` property (`volley-chat` hands its strings to all it holds).
 */
export const commonStrings = {
  /** Why a command was refused, by ChatError code: what the user reads (the engine's own wording). */
  errors: ERROR_MESSAGES as Record<ErrorCode, string>,
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  loading: 'Loading…',
  sending: 'Sending…',
  /** Stands for a value there is none of (no date yet, no time measured). */
  none: '—',
  noClient: 'Not connected.',
};

export type CommonStrings = typeof commonStrings;

/** The message for a refusal: the element's own text for its code, else the engine's message. */
export function errorText(strings: CommonStrings, error: { code?: string; message?: string } | unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code && (strings.errors as Record<string, string>)[code]) || message || strings.errors.unavailable;
}
