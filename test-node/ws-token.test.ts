import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { NodeWebSocket } from './ws-fixtures.ts';
import { ChatClient, presets } from '../src/index.ts';
import { WebSocketTransport } from '../src/transport/ws.ts';
import { createServer, createTokenVerifier, signToken, type TokenErrorCode, type VolleyServer } from '../server/src/index.ts';

const SECRET = 'token-test-secret-of-enough-length';
const ISSUER = 'https://id.shop.example';
const AUDIENCE = 'volley';
const now = () => Math.floor(Date.now() / 1000);

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** Rejects with a TokenError of this code. */
async function refused(promise: Promise<unknown>, code: TokenErrorCode): Promise<void> {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.name, 'TokenError');
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('Tokens through jose: HS256 with the shared secret', () => {
  const verify = createTokenVerifier({ secret: SECRET });

  it('accepts a token signed with the secret and reads its claims', async () => {
    const claims = await verify(signToken({ sub: 'c1', role: 'customer', name: 'Cam', team: 't1', exp: now() + 60 }, SECRET));
    assert.deepEqual({ ...claims, exp: 0 }, { sub: 'c1', role: 'customer', name: 'Cam', team: 't1', exp: 0 });
  });

  it('refuses another secret, an expired token, a wrong shape, no algorithm and garbage, each with its code', async () => {
    await refused(verify(signToken({ sub: 'c1', role: 'customer', exp: now() + 60 }, 'another-secret-entirely')), 'signature');
    await refused(verify(signToken({ sub: 'c1', role: 'customer', exp: now() - 1 }, SECRET)), 'expired');
    await refused(verify(signToken({ sub: 'c1', role: 'superuser' as never, exp: now() + 60 }, SECRET)), 'claims');
    await refused(verify(signToken({ sub: '', role: 'customer', exp: now() + 60 }, SECRET)), 'claims');
    await refused(verify(signToken({ sub: 'c1', role: 'customer' } as never, SECRET)), 'claims');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'c1', role: 'customer', exp: now() + 60 })).toString('base64url')}.`;
    await refused(verify(none), 'algorithm');
    await refused(verify('not.a.token'), 'malformed');
    await refused(verify(undefined), 'malformed');
    await refused(verify('x'.repeat(5000)), 'malformed');
  });

  it('checks the issuer and the audience when they are given', async () => {
    const strict = createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
    const token = (extra: object) => signToken({ sub: 'c1', role: 'customer', exp: now() + 60, ...extra }, SECRET);
    assert.equal((await strict(token({ iss: ISSUER, aud: AUDIENCE }))).sub, 'c1');
    await refused(strict(token({ iss: 'https://evil.example', aud: AUDIENCE })), 'issuer');
    await refused(strict(token({ aud: AUDIENCE })), 'issuer');
    await refused(strict(token({ iss: ISSUER, aud: 'another-app' })), 'audience');
  });
});

describe('Tokens through jose: RS256 and EdDSA from a JWKS URL (no shared secret)', () => {
  let jwksServer: Server;
  let jwksUrl: string;
  const keys: Record<string, { privateKey: CryptoKey; jwk: JWK }> = {};
  let fetches = 0;

  before(async () => {
    for (const [kid, alg, options] of [['rsa-1', 'RS256', {}], ['ed-1', 'EdDSA', { crv: 'Ed25519' }]] as const) {
      const { publicKey, privateKey } = await generateKeyPair(alg, { ...options, extractable: true });
      keys[kid] = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    }
    jwksServer = createHttpServer((request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: Object.values(keys).map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/.well-known/jwks.json`;
  });
  after(() => new Promise((resolve) => jwksServer.close(resolve)));

  const sign = (kid: string, claims: object, options: { key?: CryptoKey; iss?: string; aud?: string; exp?: number } = {}) =>
    new SignJWT({ role: 'customer', ...claims })
      .setProtectedHeader({ alg: keys[kid].jwk.alg!, kid })
      .setSubject('c1')
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setExpirationTime(options.exp ?? now() + 60)
      .sign(options.key ?? keys[kid].privateKey);

  it('verifies RS256 and EdDSA tokens with the published keys, iss and aud checked', async () => {
    const verify = createTokenVerifier({ jwks: jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    assert.equal((await verify(await sign('rsa-1', { name: 'Cam' }))).name, 'Cam');
    assert.equal((await verify(await sign('ed-1', {}))).sub, 'c1');
    await refused(verify(await sign('rsa-1', {}, { iss: 'https://evil.example' })), 'issuer');
    await refused(verify(await sign('ed-1', {}, { aud: 'another-app' })), 'audience');
    await refused(verify(await sign('ed-1', {}, { exp: now() - 10 })), 'expired');
    await refused(verify(await sign('rsa-1', { role: 'root' })), 'claims');
    assert.ok(fetches >= 1, 'the keys came from the URL');
  });

  it('refuses a token signed by another key under a published kid, an unknown kid, and HS256 when no secret is set', async () => {
    const verify = createTokenVerifier({ jwks: jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const { privateKey: stranger } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await refused(verify(await sign('ed-1', {}, { key: stranger })), 'signature');
    const unknownKid = await new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'EdDSA', kid: 'nope' }).setSubject('c1')
      .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(now() + 60).sign(stranger);
    await refused(verify(unknownKid), 'key');
    await refused(verify(signToken({ sub: 'c1', role: 'customer', exp: now() + 60, iss: ISSUER, aud: AUDIENCE }, SECRET)), 'algorithm');
  });

  it('a server with only a JWKS URL lets a client in with an EdDSA token, and refuses a foreign one', async () => {
    const server: VolleyServer = await createServer({ jwks: jwksUrl, issuer: ISSUER, audience: AUDIENCE, port: 0, policy: presets.paidChat() });
    open.push({ close: () => server.close() });
    await server.host({ name: 'upsertUser', args: [{ id: 'c1', role: 'customer' }] });
    assert.throws(() => server.token({ id: 'c1', role: 'customer' }), /no secret/);
    const connect = async (token: string) => {
      const transport = new WebSocketTransport({ url: server.wsUrl, token, WebSocket: NodeWebSocket, backoff: { initialMs: 10_000, maxMs: 10_000 } });
      open.push({ close: () => transport.disconnect() });
      const chat = new ChatClient({ transport });
      await chat.connect();
      return chat;
    };
    const cam = await connect(await sign('ed-1', { name: 'Cam' }));
    assert.equal(cam.state.me?.id, 'c1');
    assert.equal(cam.state.me?.name, 'Cam');
    await assert.rejects(connect(await sign('rsa-1', {}, { aud: 'another-app' })), { code: 'forbidden' });
  });

  it('a server with a secret, an issuer and an audience signs tokens that pass its own checks', async () => {
    const server = await createServer({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, port: 0, policy: presets.paidChat() });
    open.push({ close: () => server.close() });
    const verify = createTokenVerifier({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
    assert.equal((await verify(server.token({ id: 'c1', role: 'customer' }))).sub, 'c1');
  });
});
