import { ChatError, LocalTransport, type ErrorCode, type HostCall, type Transport } from '../src/index.js';
import { WebSocketTransport } from '../src/transport/ws.js';
import { createPersistence } from '../src/persist/index.js';
import type { Persistence } from '../src/client/persistence.js';
import { createLiveWorld, runHostCall, type LiveWorld } from './world.js';

/**
 * The one place the live product chooses how its clients reach the engine. By default they talk
 * over WebSocket to the chat server `npm start` runs beside the page's server (tokens from its
 * development endpoint, one per person); `?transport=local` runs the same world on an engine in
 * this page, where time travel works. Nothing else in the demo depends on the choice.
 */
export type TransportKind = 'ws' | 'local';

const asked = new URLSearchParams(location.search).get('transport');
export const transportKind: TransportKind = asked === 'local' ? 'local' : 'ws';

let world: LiveWorld | undefined;
let modeLine: HTMLElement | undefined;

/** The in-page world (engine, clock, payments), made on first use; none when the server hosts it. */
export function localWorld(): LiveWorld | undefined {
  if (transportKind !== 'local') return undefined;
  return (world ??= createLiveWorld());
}

/** A transport for one user of the live product. */
export async function makeTransport(userId: string): Promise<Transport> {
  if (transportKind === 'local') return new LocalTransport(localWorld()!.engine, { userId });
  // The first token comes with the server's address; each later connection fetches a fresh one.
  const first = await devToken(userId).catch((error: unknown) => {
    showProblem(error instanceof Error ? error.message : String(error));
    throw error;
  });
  let unused: string | undefined = first.token;
  const token = async () => {
    const current = unused;
    unused = undefined;
    return current ?? (await devToken(userId)).token;
  };
  return new WebSocketTransport({ url: first.url, token });
}

/**
 * What a person's panel keeps in this browser (drafts, the outbox, closed chats, read cursors), as
 * a host page over a server does by default: over the chat server, a reload or a server restart
 * loses nothing. None on the in-page engine, which starts afresh on each load.
 */
export function makePersistence(userId: string): Persistence | undefined {
  return transportKind === 'ws' ? createPersistence({ namespace: 'volley-demo', userId }) : undefined;
}

/**
 * What the platform around the chat tells the engine (accounts, reviews, orders, new users): the
 * in-page engine directly, or the demo server's development endpoint, which journals the call.
 */
export async function hostCall(call: HostCall): Promise<unknown> {
  if (transportKind === 'local') return runHostCall(localWorld()!.engine, call);
  const answer = await devFetch('/dev/host', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) });
  return ((await answer.json()) as { result: unknown }).result;
}

/** Says on the page which engine the panels use, with a link to the other one. */
export function showTransport(line: HTMLElement): void {
  const other = new URL(location.href);
  const link = document.createElement('a');
  if (transportKind === 'local') {
    other.searchParams.delete('transport');
    line.textContent = 'Engine: in this page (time travel works; a reload starts afresh). ';
    link.textContent = 'Use the chat server over WebSocket';
  } else {
    other.searchParams.set('transport', 'local');
    line.textContent = 'Engine: the chat server of npm start, over WebSocket (chats kept on its disk; time runs for real). ';
    link.textContent = 'Use an in-page engine (?transport=local)';
  }
  link.href = other.href;
  line.append(link);
  line.dataset.transport = transportKind;
  modeLine = line;
}

/** Says under the mode line why the panels could not connect (once). */
function showProblem(text: string): void {
  if (!modeLine || modeLine.querySelector('.error')) return;
  const problem = document.createElement('span');
  problem.className = 'note error';
  problem.textContent = ` ${text}`;
  modeLine.append(problem);
}

// ---- the demo server's development endpoints (scripts/start.mjs) -----------------------------------

/** A token for a demo person, and the chat server's WebSocket address. */
async function devToken(userId: string): Promise<{ token: string; url: string }> {
  const answer = await devFetch(`/dev/token?user=${encodeURIComponent(userId)}`, { cache: 'no-store' });
  return (await answer.json()) as { token: string; url: string };
}

/** A development endpoint on the page's own server, which passes it on to the chat server. */
async function devFetch(path: string, init: RequestInit): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetch(path, init);
  } catch {
    throw new ChatError('unavailable', 'The demo server did not answer.');
  }
  if (answer.ok) return answer;
  const body = (await answer.json().catch(() => null)) as { code?: ErrorCode; message?: string } | null;
  if (body?.code) throw new ChatError(body.code, body.message);
  throw new ChatError('unavailable', answer.status === 404
    ? 'No chat server behind this page: run `npm start`, or open the demo with ?transport=local.'
    : `The demo server answered ${answer.status}.`);
}
