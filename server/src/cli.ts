import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { presets, type Policy } from 'volley-chat';
import { createServer, type VolleyServer } from './server.js';

const oneLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();

const HELP = `volley-chat-server: the volley-chat engine behind a WebSocket, on a durable SQLite store.

Usage: volley-chat-server [--port 8787] [--host 127.0.0.1] [--data ./data | --memory]
                          [--secret S] [--origin URL ...] [--policy NAME] [--dev]

  --port     port to listen on (0: any free port)                      default 8787
  --host     address to listen on                                      default 127.0.0.1
  --data     data folder: volley.sqlite and uploads/                   default ./data
  --memory   keep nothing on disk (everything is lost on stop)
  --secret   HMAC secret shared with your backend (or VOLLEY_SECRET)   required unless --dev
  --origin   a page origin allowed to connect; repeat for more         default: none (pages are refused; clients
             that send no Origin, such as your backend, are not affected)
  --policy   a preset: ${Object.keys(presets).join(', ')}             default: the data's own, else the defaults
  --rate-user  commands a user may send per second (bursts of 3×)     default 20
  --rate-ip    frames one address may send per second (bursts of 2×)  default 200
  --rate-connect  sockets one address may open per second (bursts of 5×) default 10
  --dev      development: pages on any origin, a random secret, users cam and ivy, and on loopback
             GET /dev/token?user=ID and POST /dev/host (a host call as JSON, journaled)
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './data' },
    memory: { type: 'boolean', default: false },
    secret: { type: 'string' },
    origin: { type: 'string', multiple: true },
    policy: { type: 'string' },
    dev: { type: 'boolean', default: false },
    'rate-user': { type: 'string' },
    'rate-ip': { type: 'string' },
    'rate-connect': { type: 'string' },
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
const secret = values.secret ?? process.env.VOLLEY_SECRET ?? (values.dev ? randomBytes(32).toString('hex') : undefined);
if (!secret) {
  console.error(`A secret is needed: --secret or VOLLEY_SECRET (or --dev for development).\n\n${HELP}`);
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
const limits = { user: rate('rate-user', 3), ip: rate('rate-ip', 2), connections: rate('rate-connect', 5) };

let server: VolleyServer;
try {
  server = await createServer({
    port, host: values.host, secret, policy, origins: values.origin, dev: values.dev,
    limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value)),
    dataDir: values.memory ? undefined : values.data,
    devUsers: values.dev ? [{ id: 'cam', role: 'customer', name: 'Cam' }, { id: 'ivy', role: 'provider', name: 'Ivy' }] : undefined,
    // The server has stopped itself; a supervisor (systemd, Docker, Kubernetes) restarts the process, which recovers from the journal.
    onFatal: (error) => {
      console.error(`volley-chat-server: stopped: the store could not save (${oneLine(error)}); restart to recover from the journal.`);
      process.exit(70);
    },
  });
} catch (error) {
  // One line that says why (the data folder in use, the port taken, another policy …), and a non-zero exit.
  console.error(`volley-chat-server: cannot start: ${oneLine(error)}`);
  process.exit(1);
}
console.log(`volley-chat-server: ${server.wsUrl} (epoch ${server.epoch}, ${server.journal.restored ? 'a snapshot and ' : ''}${server.journal.replayed} journal entries restored${values.memory ? ', in memory' : ` from ${values.data}`})`);
if (values.dev) console.log(`  dev tokens: ${server.url}/dev/token?user=cam (or ivy); pages on any origin may connect`);
else if (!values.origin?.length) console.log('  no --origin given: browser pages are refused (403); list each page origin with --origin');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0), (error: unknown) => {
      console.error(`volley-chat-server: stopped with an error: ${oneLine(error)}`);
      process.exit(70);
    });
  });
}
