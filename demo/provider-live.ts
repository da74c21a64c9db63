import type { ChatClient } from '../src/index.js';
import type { LiveWorld } from './world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How many of Ivy's alerts the log keeps on screen. */
const LOG_LENGTH = 12;

/** A provider's chat card, as on a profile page (P9): its Chat opens the chat it started or reopened. */
export function chatCard(client: ChatClient, provider: string, open: (conversationId: string) => void): HTMLElement {
  const card = document.createElement('volley-chat-card');
  card.client = client;
  card.provider = provider;
  card.addEventListener('volley-select', (event) => open(event.conversationId));
  return card;
}

/**
 * Ivy's own settings beside the host controls (P8, P10, P11, D3), with quiet hours to play with the
 * page's time travel: a window that starts within the minute, then Cam writes (the message arrives,
 * the alerts wait), then +12 h (the window ends: one summary per channel). The log shows every alert
 * the engine sent Ivy; it reads the in-page engine's notifier, so on the chat server it only says so.
 * Returns what to run on each tick of the page's clock.
 */
export function providerSettings(controls: HTMLElement, ivy: ChatClient, world: LiveWorld | undefined): () => void {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'provider';
  const legend = document.createElement('legend');
  legend.textContent = "Ivy's settings (volley-provider-settings), and her alerts";
  const panel = document.createElement('volley-provider-settings');
  panel.client = ivy;

  const side = document.createElement('div');
  const soon = document.createElement('button');
  soon.type = 'button';
  soon.textContent = 'Quiet hours from the next minute, for 8 h';
  const hint = paragraph('Then write as Cam: the message arrives, the alerts wait. Press +12 h: the window ends and one summary per channel goes out.');
  soon.addEventListener('click', async () => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const start = ivy.clock.now() + MINUTE;
    await ivy.setQuietHours({ start: wallClock(start, timeZone), end: wallClock(start + 8 * HOUR, timeZone), timeZone }).catch(() => undefined);
    await panel.refresh();
  });
  const log = document.createElement('ol');
  log.className = 'alert-log';
  log.setAttribute('aria-label', "Ivy's alerts, newest first");
  side.append(soon, hint, world ? log : paragraph('The log of alerts reads the in-page engine: open the demo with ?transport=local.'));
  fieldset.append(legend, panel, side);
  controls.insertBefore(fieldset, controls.querySelector('#host-status'));

  let seen = 0;
  let minute = 0;
  const time = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  return () => {
    // The panel reads its settings again as each minute turns: it shows a window as it starts too.
    const now = Math.floor(ivy.clock.now() / MINUTE);
    if (now !== minute && minute) void panel.refresh();
    minute = now;
    const sent = world?.notifier.sent ?? [];
    for (; seen < sent.length; seen++) {
      const alert = sent[seen];
      if (alert.userId !== 'ivy') continue;
      const item = document.createElement('li');
      item.textContent = `${time.format(ivy.clock.now())} · ${alert.channel} · ${alert.kind === 'summary' ? `summary: ${alert.summary}` : 'new message'}`;
      log.prepend(item);
      log.children[LOG_LENGTH]?.remove();
    }
  };
}

/** `HH:MM` (24 h) of an instant in a time zone: what quiet hours are written in. */
function wallClock(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

function paragraph(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = text;
  return p;
}
