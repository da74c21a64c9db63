import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, type HostCall, type User } from 'volley-chat';
import { ERROR_MESSAGES } from 'volley-chat/rules';
import { safeParse } from 'volley-chat/ws';
import { toWireError } from './connection.js';
import type { Journal } from './journal.js';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';
import type { TokenClaims } from './token.js';
import type { Uploads } from './uploads.js';

/** What the HTTP routes need from their server. */
export interface RoutesContext {
  readonly journal: Journal;
  readonly uploads: Uploads;
  readonly userLimit: RateLimiter;
  readonly epoch: string;
  connections(): number;
  /** Whether a request from this `Origin` (undefined: not from a browser) may connect or upload. */
  originAllowed(origin: string | undefined): boolean;
  verify(token: unknown): Promise<TokenClaims>;
  /** Development: the users `/dev/token` signs for (none: no `/dev/` routes). */
  readonly devUsers?: Map<string, User>;
  /** Signs an HS256 token for a dev user. */
  token(user: User): string;
  /** `ws://host:port/ws` as this request reached the server. */
  wsUrl(request: IncomingMessage): string;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Who may read `/metrics` (see `metricsRefusal`). */
  readonly metricsToken?: string;
}

export const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/**
 * Who may read `/metrics`: with a token, a caller that sends it as a Bearer (from anywhere);
 * without one, only a caller on this machine that did not come through a proxy (no
 * `X-Forwarded-For` / `Forwarded` header) and is not a browser page (no `Origin`). Returns the HTTP status to refuse with, or 0.
 */
export function metricsRefusal(request: IncomingMessage, token: string | undefined): 0 | 401 | 403 {
  if (token !== undefined) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 0 : 401;
  }
  // A proxy in front makes every caller look local; a page in a browser on this machine is not an operator either.
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return isLoopback(request.socket.remoteAddress) && !proxied && request.headers.origin === undefined ? 0 : 403;
}

const HOST_CALLS: readonly HostCall['name'][] = ['upsertUser', 'setAccountState', 'recordReview', 'recordOrder'];
const MAX_DEV_BODY = 16 * 1024;

/**
 * The HTTP side of the server: `GET /health`, `GET /metrics` (Prometheus), uploads (`POST /uploads?name=…` with the user's
 * token as a Bearer, `GET /uploads/<id>`), and on loopback in development `/dev/token`,
 * `/dev/host` and `/dev/clock`.
 */
export function createRoutes(context: RoutesContext): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { journal, uploads, userLimit, devUsers, logger, metrics } = context;
  return async function route(request, response) {
    const url = new URL(request.url ?? '/', 'http://x');
    const origin = request.headers.origin;
    if (origin !== undefined && context.originAllowed(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
    }
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/health' && request.method === 'GET') return json(200, { ok: true, epoch: context.epoch, connections: context.connections() });
    if (url.pathname === '/metrics' && request.method === 'GET') {
      const refused = metricsRefusal(request, context.metricsToken);
      if (refused) {
        logger.info({ ip: request.socket.remoteAddress, status: refused }, 'metrics refused');
        return json(refused, new ChatError('forbidden', context.metricsToken === undefined
          ? 'Metrics are served to this machine only (or start the server with a metrics token).'
          : 'Send the metrics token as a Bearer authorization.').toJSON());
      }
      const text = await metrics.registry.metrics();
      response.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
      return void response.end(text);
    }
    if (url.pathname === '/uploads' && request.method === 'OPTIONS') {
      response.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' });
      return void response.end();
    }
    if (url.pathname === '/uploads' && request.method === 'POST') {
      if (!context.originAllowed(origin)) {
        metrics.refusals.inc({ reason: 'origin' });
        logger.info({ ip: request.socket.remoteAddress, origin }, 'upload refused: origin not allowed');
        return json(403, new ChatError('forbidden', ERROR_MESSAGES.forbidden).toJSON());
      }
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const claims = await context.verify(bearer).catch((error: Error & { code?: string }) => {
        logger.debug({ ip: request.socket.remoteAddress, reason: error.code ?? 'error' }, 'upload refused: no valid token');
        return null;
      });
      if (!claims) {
        metrics.refusals.inc({ reason: 'auth' });
        return json(401, new ChatError('forbidden', 'Send the user token as a Bearer authorization.').toJSON());
      }
      if (!userLimit.take(claims.sub)) {
        metrics.refusals.inc({ reason: 'rate-user' });
        return json(429, new ChatError('rate-limited', ERROR_MESSAGES['rate-limited']).toJSON());
      }
      const name = url.searchParams.get('name') ?? '';
      if (!name || name.length > 255) return json(400, new ChatError('invalid', 'Name the file: ?name=photo.png').toJSON());
      const result = await uploads.receive(request, name, claims.sub);
      if ('status' in result) {
        // Stop reading a refused body; the client has its answer.
        response.setHeader('connection', 'close');
        return json(result.status, { code: result.code, message: result.message });
      }
      return json(201, result);
    }
    const file = /^\/uploads\/([^/]+)$/.exec(url.pathname);
    if (file && request.method === 'GET') return uploads.serve(file[1], response);
    if (url.pathname.startsWith('/dev/') && devUsers && isLoopback(request.socket.remoteAddress)) {
      if (url.pathname === '/dev/token' && request.method === 'GET') {
        const user = devUsers.get(url.searchParams.get('user') ?? '');
        if (!user) return json(404, new ChatError('not-found', 'No such dev user.').toJSON());
        return json(200, { token: context.token(user), url: context.wsUrl(request) });
      }
      if (url.pathname === '/dev/host' && request.method === 'POST') {
        const call = await readDevHostCall(request);
        if (!call) return json(400, new ChatError('invalid', `Send a host call as JSON: { "name": one of ${HOST_CALLS.join(', ')}, "args": [...] }.`).toJSON());
        try {
          const result = await journal.host(call);
          return json(200, { result: result ?? null });
        } catch (error) {
          return json(400, toWireError(error));
        }
      }
      if (url.pathname === '/dev/clock' && request.method === 'POST') {
        const { advanceMs } = ((await readJson(request)) ?? {}) as { advanceMs?: unknown };
        if (typeof advanceMs !== 'number' || !(advanceMs >= 0)) return json(400, new ChatError('invalid', 'Send { "advanceMs": a number of milliseconds ≥ 0 }.').toJSON());
        journal.clock.advance(advanceMs);
        return json(200, { now: journal.clock.now() });
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A dev host call from a request body, or null; the engine checks the arguments themselves. */
async function readDevHostCall(request: IncomingMessage): Promise<HostCall | null> {
  const call = await readJson(request);
  return isRecord(call) && HOST_CALLS.includes(call.name as HostCall['name']) && Array.isArray(call.args) ? call as HostCall : null;
}

/** A development endpoint's JSON body; null when it is too long or not JSON. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > MAX_DEV_BODY) return null;
  }
  try {
    return safeParse(text);
  } catch {
    return null;
  }
}
