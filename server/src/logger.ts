import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Paths pino blanks in every line, whatever a caller passes: a token or a message text never
 * reaches a log (the server logs neither; this guards what an adapter's error might carry).
 */
export const REDACTED = [
  'token', '*.token', 'auth', '*.auth', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'text', '*.text', 'message.text', '*.message.text',
];

/** The server's logger: JSON lines (pino) on stdout at `level` (default `info`). */
export function createLogger(options: { level?: LoggerOptions['level'] } = {}): Logger {
  return pino({ name: 'volley-chat-server', level: options.level ?? 'info', redact: { paths: REDACTED, censor: '[redacted]' } });
}

/** What a server logs through when it is given no logger: nothing (tests, embedding hosts that did not ask). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
