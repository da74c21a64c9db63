import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { presets, type Policy } from 'volley-chat';
import { createLogger } from './logger.js';
import { createServer, type VolleyServer } from './server.js';
import type { WebhookOptions } from './webhooks.js';

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();

const HELP = `volley-chat-server: the volley-chat engine behind a WebSocket, on a durable SQLite (or PostgreSQL) store.

Usage: volley-chat-server [--port 8787] [--host 127.0.0.1] [--data ./data | --memory] [--postgres URL]
                          [--secret S | --jwks URL] [--issuer ISS] [--audience AUD]
                          [--origin URL ...] [--policy NAME] [--dev]
                          [--log-level info] [--metrics-token T]
                          [--webhook URL --webhook-secret S] [--webhook-events notify,message]

  --port     port to listen on (0: any free port)                      default 8787
  --host     address to listen on                                      default 127.0.0.1
  --data     data folder: volley.sqlite and uploads/                   default ./data
  --memory   keep nothing on disk (everything is lost on stop)
  --postgres the journal, messages and webhook outbox in PostgreSQL instead of SQLite (or VOLLEY_POSTGRES):
             postgres://user:password@host:5432/db; the server holds the database's lock (a second
             server on it is refused); uploads stay in --data
  --secret   HMAC secret shared with your backend (or VOLLEY_SECRET):  required unless --jwks or --dev
             it verifies HS256 tokens
  --jwks     URL of your JSON Web Key Set (or VOLLEY_JWKS): RS256, PS256, ES256 and EdDSA tokens
             are verified with its public keys, so no secret is shared
  --issuer   the iss every token must carry (or VOLLEY_ISSUER)        default: not checked
  --audience the aud every token must name (or VOLLEY_AUDIENCE)       default: not checked
  --origin   a page origin allowed to connect; repeat for more         default: none (pages are refused; clients
             that send no Origin, such as your backend, are not affected)
  --policy   a preset: ${Object.keys(presets).join(', ')}             default: the data's own, else the defaults
  --rate-user  commands a user may send per second (bursts of 3×)     default 20
  --rate-ip    frames one address may send per second (bursts of 2×)  default 200
  --rate-connect  sockets one address may open per second (bursts of 5×) default 10
  --log-level  fatal, error, warn, info, debug, trace or silent      default info
               (JSON lines on stdout; never a token or a message text)
  --metrics-token  GET /metrics (Prometheus) answers this Bearer token from anywhere
               (or VOLLEY_METRICS_TOKEN)                              default: this machine only (not via a proxy, not a page)
  --webhook  your backend's URL: every charge is POSTed there and waits for its answer (2xx accepts,
             402 declines), and alerts are delivered at least once (signed; see docs/server.md).
             Without it, charges are accepted and alerts dropped
  --webhook-secret  signs the webhook's requests (or VOLLEY_WEBHOOK_SECRET); its own secret, not
             --secret, so the webhook's receiver cannot sign users' tokens   required with --webhook
  --webhook-events  what besides charges is sent: notify, message, or both  default notify
  --webhook-timeout  ms a webhook request may take (a charge then declines)  default 5000
  --dev      development: pages on any origin, a random secret, users cam and ivy, and on loopback
             GET /dev/token?user=ID and POST /dev/host (a host call as JSON, journaled)
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './data' },
    memory: { type: 'boolean', default: false },
    postgres: { type: 'string' },
    secret: { type: 'string' },
    jwks: { type: 'string' },
    issuer: { type: 'string' },
    audience: { type: 'string' },
    origin: { type: 'string', multiple: true },
    policy: { type: 'string' },
    dev: { type: 'boolean', default: false },
    'rate-user': { type: 'string' },
    'rate-ip': { type: 'string' },
    'rate-connect': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    'metrics-token': { type: 'string' },
    webhook: { type: 'string' },
    'webhook-secret': { type: 'string' },
    'webhook-events': { type: 'string' },
    'webhook-timeout': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number.\n\n${HELP}`);
  process.exit(2);
}
const jwks = values.jwks ?? process.env.VOLLEY_JWKS;
const secret = values.secret ?? process.env.VOLLEY_SECRET ?? (values.dev ? randomBytes(32).toString('hex') : undefined);
if (!secret && !jwks) {
  console.error(`A secret or a key set is needed: --secret or VOLLEY_SECRET, --jwks or VOLLEY_JWKS (or --dev for development).\n\n${HELP}`);
  process.exit(2);
}
if (jwks !== undefined && !URL.canParse(jwks)) {
  console.error('--jwks must be a URL, e.g. https://id.example.com/.well-known/jwks.json');
  process.exit(2);
}
let policy: Policy | undefined;
if (values.policy !== undefined) {
  const preset = (presets as Record<string, () => Policy>)[values.policy];
  if (!preset) {
    console.error(`Unknown policy ${values.policy}: one of ${Object.keys(presets).join(', ')}.`);
    process.exit(2);
  }
  policy = preset();
}

const rate = (flag: 'rate-user' | 'rate-ip' | 'rate-connect', burst: number) => {
  if (values[flag] === undefined) return undefined;
  const perSecond = Number(values[flag]);
  if (!(perSecond > 0)) {
    console.error(`--${flag} must be a positive number.`);
    process.exit(2);
  }
  return { perSecond, burst: perSecond * burst };
};
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
if (!LEVELS.includes(values['log-level'])) {
  console.error(`--log-level must be one of ${LEVELS.join(', ')}.`);
  process.exit(2);
}
const logger = createLogger({ level: values['log-level'] });
const limits = { user: rate('rate-user', 3), ip: rate('rate-ip', 2), connections: rate('rate-connect', 5) };

let webhook: WebhookOptions | undefined;
if (values.webhook !== undefined) {
  const webhookSecret = values['webhook-secret'] ?? process.env.VOLLEY_WEBHOOK_SECRET;
  if (!webhookSecret || webhookSecret.length < 16) {
    console.error(`--webhook needs a secret of at least 16 characters: --webhook-secret or VOLLEY_WEBHOOK_SECRET.\n\n${HELP}`);
    process.exit(2);
  }
  const events = (values['webhook-events'] ?? 'notify').split(',').map((event) => event.trim()).filter(Boolean);
  if (events.some((event) => event !== 'notify' && event !== 'message')) {
    console.error('--webhook-events is a list of notify and message, e.g. notify,message.');
    process.exit(2);
  }
  webhook = { url: values.webhook, secret: webhookSecret, events: events as WebhookOptions['events'] };
} else if (values['webhook-secret'] !== undefined || values['webhook-events'] !== undefined) {
  console.error('--webhook-secret and --webhook-events need --webhook URL.');
  process.exit(2);
}
let adapterTimeoutMs: number | undefined;
if (values['webhook-timeout'] !== undefined) {
  adapterTimeoutMs = Number(values['webhook-timeout']);
  if (!Number.isInteger(adapterTimeoutMs) || adapterTimeoutMs <= 0) {
    console.error('--webhook-timeout is a positive whole number of milliseconds.');
    process.exit(2);
  }
}

const postgres = values.postgres ?? process.env.VOLLEY_POSTGRES;
if (postgres !== undefined && values.memory) {
  console.error('--postgres and --memory: choose one.');
  process.exit(2);
}
if (postgres !== undefined && !/^postgres(ql)?:\/\//.test(postgres)) {
  console.error('--postgres is a connection URL, e.g. postgres://volley:password@localhost:5432/volley');
  process.exit(2);
}

let server: VolleyServer;
try {
  server = await createServer({
    port, host: values.host, secret, jwks, policy,
    issuer: values.issuer ?? process.env.VOLLEY_ISSUER, audience: values.audience ?? process.env.VOLLEY_AUDIENCE, origins: values.origin, dev: values.dev, logger,
    metricsToken: values['metrics-token'] ?? process.env.VOLLEY_METRICS_TOKEN, webhook, adapterTimeoutMs,
    limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value)),
    dataDir: values.memory ? undefined : values.data,
    postgres,
    devUsers: values.dev ? [{ id: 'cam', role: 'customer', name: 'Cam' }, { id: 'ivy', role: 'provider', name: 'Ivy' }] : undefined,
    // The server has stopped itself (and logged why); a supervisor (systemd, Docker, Kubernetes) restarts the process, which recovers from the journal.
    onFatal: () => process.exit(70),
  });
} catch (error) {
  // One line on stderr that says why (the data folder in use, the port taken, another policy …), and a non-zero exit.
  console.error(`volley-chat-server: cannot start: ${oneLine(error)}`);
  process.exit(1);
}
if (webhook) logger.info(`webhook: ${new URL(webhook.url).origin} (charges${webhook.events?.length ? `, ${webhook.events.join(', ')}` : ''}; ${(await server.webhooks?.pending()) ?? 0} events pending)`);
if (values.dev) logger.warn(`dev tokens: ${server.url}/dev/token?user=cam (or ivy); pages on any origin may connect`);
else if (!values.origin?.length) logger.warn('no --origin given: browser pages are refused (403); list each page origin with --origin');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'volley-chat-server: stopping');
    void server.close().then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: error }, 'volley-chat-server: stopped with an error');
      process.exit(70);
    });
  });
}
