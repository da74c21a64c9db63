import { createHmac } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Role } from 'volley-chat';
import { ROLES } from 'volley-chat/rules';

/**
 * Who a connection is, as the host vouches for it: a compact JWT. Either signed with HMAC-SHA256
 * (HS256) by the host's backend with the secret it shares with this server, or signed with the
 * host's private key (RS256, PS256, ES256 or EdDSA) and verified with the public keys the host
 * publishes as a JWKS, so no secret is shared. Any JWT library can make one.
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
  /** Checked when the server is given an issuer / an audience. */
  iss?: string;
  aud?: string | string[];
}

/** Why a token was refused. */
export type TokenErrorCode = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'issuer' | 'audience' | 'claims' | 'key';

/** A refused token: a stable code, and a message that never repeats the token. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(readonly code: TokenErrorCode, message: string) {
    super(message);
  }
}

export interface TokenOptions {
  /** HS256 tokens: the secret shared with the host's backend (at least 16 characters). */
  secret?: string;
  /** Asymmetric tokens: the URL of the host's JSON Web Key Set (`https://id.example/.well-known/jwks.json`), fetched and cached by jose. */
  jwks?: string | URL;
  /** The `iss` every token must carry. */
  issuer?: string;
  /** The `aud` every token must name. */
  audience?: string;
  /** Tolerated clock skew for `exp`/`nbf`, in seconds. Default 0. */
  clockToleranceSeconds?: number;
}

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const MAX_TOKEN = 4096;
const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** An HS256 token (synchronous: `server.token()` and tests); verified by `createTokenVerifier` like any other. */
export function signToken(claims: TokenClaims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The claims shape a token must have, checked after its signature: a `TokenError('claims')` otherwise. */
function readClaims(payload: JWTPayload): TokenClaims {
  const { sub, role, name, team, exp, iss, aud } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || !sub || sub.length > 128) throw new TokenError('claims', 'The token needs a user id (sub) of 1 to 128 characters.');
  if (!(ROLES as readonly unknown[]).includes(role)) throw new TokenError('claims', `The token needs a role: one of ${ROLES.join(', ')}.`);
  if (typeof exp !== 'number') throw new TokenError('claims', 'The token needs an expiry (exp).');
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) throw new TokenError('claims', 'A name is a string of at most 200 characters.');
  if (team !== undefined && (typeof team !== 'string' || !team || team.length > 128)) throw new TokenError('claims', 'A team is a string of 1 to 128 characters.');
  return {
    sub, role: role as Role, exp, ...(name ? { name } : {}), ...(team ? { team: team as string } : {}),
    ...(typeof iss === 'string' ? { iss } : {}), ...(aud !== undefined ? { aud: aud as string | string[] } : {}),
  };
}

function refusal(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  const { code, claim } = error as { code?: string; claim?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED': return new TokenError('expired', 'The token has expired.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return new TokenError('issuer', 'The token was not issued by the expected issuer.');
      if (claim === 'aud') return new TokenError('audience', 'The token is not meant for this audience.');
      return new TokenError('claims', `The token's ${claim ?? 'claims'} did not validate.`);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return new TokenError('signature', 'The token is not signed by this host.');
    case 'ERR_JOSE_ALG_NOT_ALLOWED': case 'ERR_JOSE_NOT_SUPPORTED': return new TokenError('algorithm', 'The token is signed with an algorithm this server does not accept.');
    case 'ERR_JWKS_NO_MATCHING_KEY': case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS': return new TokenError('key', 'No key of the host\'s key set matches the token.');
    case 'ERR_JWKS_TIMEOUT': case 'ERR_JWKS_INVALID': case 'ERR_JWK_INVALID': return new TokenError('key', 'The host\'s key set could not be read.');
    case 'ERR_JWS_INVALID': case 'ERR_JWT_INVALID': return new TokenError('malformed', 'The token is not a well-formed JWT.');
    default: return new TokenError('key', 'The token could not be checked.');
  }
}

/**
 * A token checker through jose: HS256 with the shared secret, asymmetric algorithms with the keys
 * of a JWKS URL; `exp` required, `iss`/`aud` checked when given, the claims' shape validated.
 * Resolves with the claims or rejects with a `TokenError`.
 */
export function createTokenVerifier(options: TokenOptions): (token: unknown) => Promise<TokenClaims> {
  // Imported once: jose would import a raw secret again for every token.
  const secret = options.secret === undefined ? undefined
    : crypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const keys: JWTVerifyGetKey | undefined = options.jwks === undefined ? undefined : createRemoteJWKSet(new URL(options.jwks));
  const checks = {
    ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
    requiredClaims: ['exp'],
    clockTolerance: options.clockToleranceSeconds ?? 0,
  };
  return async (token) => {
    if (typeof token !== 'string' || !token || token.length > MAX_TOKEN) throw new TokenError('malformed', 'The token is missing or too long.');
    let alg: string | undefined;
    try {
      ({ alg } = decodeProtectedHeader(token));
    } catch {
      throw new TokenError('malformed', 'The token is not a well-formed JWT.');
    }
    try {
      let payload: JWTPayload;
      // The server picks the key by the algorithm family it accepts; a token never chooses `none` or swaps HS256 for a public key.
      if (alg === 'HS256' && secret) ({ payload } = await jwtVerify(token, await secret, { ...checks, algorithms: ['HS256'] }));
      else if (alg !== undefined && ASYMMETRIC.includes(alg) && keys) ({ payload } = await jwtVerify(token, keys, { ...checks, algorithms: ASYMMETRIC }));
      else throw new TokenError('algorithm', `Tokens signed with ${alg ?? 'no algorithm'} are not accepted here.`);
      return readClaims(payload);
    } catch (error) {
      throw refusal(error);
    }
  };
}

/** The claims of a valid, unexpired HS256 token, or null (a convenience over `createTokenVerifier`). */
export async function verifyToken(token: unknown, secret: string): Promise<TokenClaims | null> {
  return createTokenVerifier({ secret })(token).catch(() => null);
}
