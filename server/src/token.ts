import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from 'volley-chat';

/**
 * Who a connection is, as the host vouches for it: a compact JWT signed with HMAC-SHA256 (HS256)
 * by the host's backend with the secret it shares with this server. Any JWT library can make one.
 */
export interface TokenClaims {
  /** The user id. */
  sub: string;
  role: Role;
  name?: string;
  /** Agents and admins act for this provider or team. */
  team?: string;
  /** Expiry, in seconds since the epoch (required). */
  exp: number;
}

const ROLES: readonly Role[] = ['customer', 'provider', 'agent', 'admin'];
const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signToken(claims: TokenClaims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The claims of a valid, unexpired token, or null: a bad signature, another algorithm, a wrong shape or an expiry all read as no token. */
export function verifyToken(token: unknown, secret: string, nowMs = Date.now()): TokenClaims | null {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  // Only HS256 with our own header: no "none", no algorithm chosen by the token.
  if (header !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const { sub, role, name, team, exp } = claims;
  if (typeof sub !== 'string' || !sub || sub.length > 128 || !ROLES.includes(role as Role)) return null;
  if (typeof exp !== 'number' || exp * 1000 <= nowMs) return null;
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) return null;
  if (team !== undefined && (typeof team !== 'string' || !team || team.length > 128)) return null;
  return { sub, role: role as Role, exp, ...(name ? { name } : {}), ...(team ? { team } : {}) };
}
