import type { ErrorCode } from '../../model/errors.js';

/**
 * The strings every element shares. Each element adds its own defaults; a host replaces any of
 * them through an element's `strings` property (`volley-chat` hands its strings to all it holds).
 */
export const commonStrings = {
  /**
   * A host's wording of refusals, by ChatError code. A code without one reads the engine's own
   * text (the ChatError's message; `ERROR_MESSAGES` in `volley-chat/rules`).
   */
  errors: {} as Partial<Record<ErrorCode, string>>,
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  loading: 'Loading…',
  sending: 'Sending…',
  /** Stands for a value there is none of (no date yet, no time measured). */
  none: '—',
  noClient: 'Not connected.',
  /** M1: the order a chat is about (its title, else its id), in the chat list and the chat's header. */
  orderChat: (title: string) => `Order: ${title}`,
};

export type CommonStrings = typeof commonStrings;
