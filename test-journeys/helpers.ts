// What several journeys do the same way.
import type { Person } from './harness.ts';

/** A message bubble in the open thread with `text` in it. */
export const bubble = (person: Person, text: string | RegExp) => person.find('volley-thread [part~="bubble"]').filter({ hasText: text });

/** A chat in the list whose row shows `text` (a name or the last message). */
export const row = (person: Person, text: string | RegExp) => person.find('volley-inbox [part="row"]').filter({ hasText: text });

/** Writes `text` in the open chat's composer and sends it with the Send button. */
export async function write(person: Person, text: string): Promise<void> {
  await person.type('volley-composer textarea', text);
  await person.press(person.button('Send'));
}
