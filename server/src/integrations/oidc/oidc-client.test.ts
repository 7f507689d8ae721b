import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../../mocks/campus';
import { oidcSubject } from '../../../../mocks/oidc';
import { STAND_IN_DEMO_CREDENTIALS } from '../config';
import { rejectionOf, startStandIns, type RunningStandIns } from '../test-stand-ins';
import { createOidcClient, createPkcePair, type OidcClientConfig } from './oidc-client';

const REDIRECT = 'http://127.0.0.1:8080/api/auth/oidc/callback';

let standIns: RunningStandIns;
let config: OidcClientConfig;
beforeAll(async () => {
  standIns = await startStandIns();
  config = { issuer: standIns.urls.oidc, clientId: STAND_IN_DEMO_CREDENTIALS.oidcClientId, clientSecret: STAND_IN_DEMO_CREDENTIALS.oidcClientSecret };
});
afterAll(() => standIns.close());

const random = () => randomBytes(16).toString('base64url');

/** the browser's part: open the authorization URL, submit the login form it shows, read the redirect */
async function browserLogin(authorizationUrl: string, username: string = DEMO_USERNAMES.student, password = DEMO_PASSWORD) {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('统一身份认证');
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1]!, match[2]!.replace(/&amp;/g, '&')]),
  );
  expect(hidden).toMatchObject({ response_type: 'code', code_challenge_method: 'S256' });
  const response = await fetch(new URL('authorize', authorizationUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...hidden, username, password }).toString(),
  });
  return response;
}

async function login(options: { nonce?: string; username?: string } = {}) {
  const client = createOidcClient(config);
  const pkce = createPkcePair();
  const state = random();
  const nonce = options.nonce ?? random();
  const url = await client.authorizationUrl({ state, nonce, codeChallenge: pkce.codeChallenge, redirectUri: REDIRECT });
  const response = await browserLogin(url, options.username);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe(state);
  return { client, pkce, state, nonce, code: location.searchParams.get('code')! };
}

describe('OIDC client against the OIDC stand-in', () => {
  it('createPkcePair gives an RFC 7636 S256 pair', () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeChallenge).toBe(createHash('sha256').update(codeVerifier).digest('base64url'));
    expect(createPkcePair().codeVerifier).not.toBe(codeVerifier);
  });

  it('builds the authorization URL from the discovery document', async () => {
    const client = createOidcClient(config);
    const url = new URL(await client.authorizationUrl({ state: 's1', nonce: 'n1', codeChallenge: 'c'.repeat(43), redirectUri: REDIRECT }));
    expect(`${url.origin}${url.pathname}`).toBe(`${standIns.urls.oidc}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
    });
  });

  it('runs the whole code flow with PKCE and verifies the ID token', async () => {
    const { client, pkce, nonce, code } = await login();
    const principal = await client.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT, nonce });
    expect(principal.sub).toBe(oidcSubject(standIns.urls.oidc, DEMO_USERNAMES.student));
    expect(principal.sub).not.toContain(DEMO_USERNAMES.student); // pseudonymous
    expect(principal).toMatchObject({ number: DEMO_USERNAMES.student, name: '陈思远' });
    expect(principal.claims).toMatchObject({ iss: standIns.urls.oidc, aud: config.clientId, nonce, student_number: DEMO_USERNAMES.student });

    // the same person gets the same sub next time; staff carry employee_number
    const second = await login();
    const again = await second.client.exchangeCode({ code: second.code, codeVerifier: second.pkce.codeVerifier, redirectUri: REDIRECT, nonce: second.nonce });
    expect(again.sub).toBe(principal.sub);
    const staff = await login({ username: DEMO_USERNAMES.teacher });
    const teacher = await staff.client.exchangeCode({ code: staff.code, codeVerifier: staff.pkce.codeVerifier, redirectUri: REDIRECT, nonce: staff.nonce });
    expect(teacher).toMatchObject({ number: DEMO_USERNAMES.teacher, name: '张建国', claims: { employee_number: DEMO_USERNAMES.teacher } });
  });

  it('rejects a reused code (invalid_grant)', async () => {
    const { client, pkce, nonce, code } = await login();
    await client.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT, nonce });
    await expect(client.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT, nonce })).rejects.toMatchObject({
      system: 'oidc',
      kind: 'rejected',
      upstreamCode: 'invalid_grant',
    });
  });

  it('rejects a PKCE mismatch, a wrong redirect_uri, an unknown code and an expired code', async () => {
    const first = await login();
    await expect(
      first.client.exchangeCode({ code: first.code, codeVerifier: createPkcePair().codeVerifier, redirectUri: REDIRECT, nonce: first.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_grant' });

    const second = await login();
    await expect(
      second.client.exchangeCode({ code: second.code, codeVerifier: second.pkce.codeVerifier, redirectUri: `${REDIRECT}x`, nonce: second.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_grant' });

    await expect(
      first.client.exchangeCode({ code: 'made-up-code', codeVerifier: first.pkce.codeVerifier, redirectUri: REDIRECT, nonce: first.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_grant' });

    const third = await login();
    standIns.advance(61_000);
    await expect(
      third.client.exchangeCode({ code: third.code, codeVerifier: third.pkce.codeVerifier, redirectUri: REDIRECT, nonce: third.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_grant' });
  });

  it('rejects an ID token whose nonce is not the one sent', async () => {
    const { client, pkce, code } = await login({ nonce: 'the-real-nonce' });
    const error = await rejectionOf(client.exchangeCode({ code, codeVerifier: pkce.codeVerifier, redirectUri: REDIRECT, nonce: 'another-nonce' }));
    expect(error).toMatchObject({ kind: 'rejected', upstreamCode: 'nonce_mismatch' });
    expect((error as Error).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  /** a client whose fetch rewrites the token endpoint's id_token */
  function tamperingClient(rewrite: (idToken: string) => Promise<string>) {
    return createOidcClient(config, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/token') || !response.ok) return response;
        const body = (await response.json()) as { id_token: string };
        return new Response(JSON.stringify({ ...body, id_token: await rewrite(body.id_token) }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
  }

  it('rejects an ID token re-signed with another key (same kid), or with its payload edited', async () => {
    const attacker = await generateKeyPair('RS256');
    const resigned = tamperingClient(async (idToken) => {
      const header = decodeProtectedHeader(idToken);
      return new SignJWT({ ...decodeJwt(idToken), preferred_username: DEMO_USERNAMES.admin })
        .setProtectedHeader({ alg: 'RS256', kid: header.kid!, typ: 'JWT' })
        .sign(attacker.privateKey);
    });
    const first = await login();
    await expect(
      resigned.exchangeCode({ code: first.code, codeVerifier: first.pkce.codeVerifier, redirectUri: REDIRECT, nonce: first.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_id_token' });

    const edited = tamperingClient(async (idToken) => {
      const [header, payload, signature] = idToken.split('.');
      const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), preferred_username: DEMO_USERNAMES.admin };
      return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    });
    const second = await login();
    await expect(
      edited.exchangeCode({ code: second.code, codeVerifier: second.pkce.codeVerifier, redirectUri: REDIRECT, nonce: second.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_id_token' });

    // alg=none and HS256 "signed" with the client secret are refused too
    const hs256 = tamperingClient(async (idToken) =>
      new SignJWT(decodeJwt(idToken)).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(config.clientSecret)),
    );
    const third = await login();
    await expect(
      hs256.exchangeCode({ code: third.code, codeVerifier: third.pkce.codeVerifier, redirectUri: REDIRECT, nonce: third.nonce }),
    ).rejects.toMatchObject({ kind: 'rejected', upstreamCode: 'invalid_id_token' });
  });

  it('is unavailable for a wrong client secret, a wrong issuer, or a provider that is down — never leaking the secret', async () => {
    const first = await login();
    const wrongSecret = createOidcClient({ ...config, clientSecret: 'not-the-secret-123' });
    const error = await rejectionOf(
      wrongSecret.exchangeCode({ code: first.code, codeVerifier: first.pkce.codeVerifier, redirectUri: REDIRECT, nonce: first.nonce }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', upstreamCode: 'invalid_client' });
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain('not-the-secret-123');

    // a trailing slash in the configured issuer is tolerated…
    const slash = createOidcClient({ ...config, issuer: `${standIns.urls.oidc}/` });
    await expect(slash.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c', redirectUri: REDIRECT })).resolves.toContain('/authorize');
    // …a discovery document naming another issuer is not
    const impostor = createOidcClient(config, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).endsWith('/openid-configuration')) return response;
        const doc = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...doc, issuer: 'https://idp.evil.example' }), { status: 200 });
      },
    });
    await expect(impostor.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c', redirectUri: REDIRECT })).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'issuer_mismatch',
    });
    const notOidc = createOidcClient({ ...config, issuer: standIns.urls.cas });
    await expect(notOidc.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c', redirectUri: REDIRECT })).rejects.toMatchObject({
      kind: 'unavailable',
    });

    const down = createOidcClient({ ...config, issuer: 'http://127.0.0.1:1/oidc' });
    await expect(down.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c', redirectUri: REDIRECT })).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'network',
    });
    const slow = createOidcClient({ ...config, issuer: `${standIns.slowUrl}/oidc` }, { timeoutMs: 200 });
    await expect(slow.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c', redirectUri: REDIRECT })).rejects.toMatchObject({
      kind: 'unavailable',
      upstreamCode: 'timeout',
    });
  });
});

describe('OIDC stand-in', () => {
  const authorize = (params: Record<string, string>) =>
    fetch(`${standIns.urls.oidc}/authorize?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
  const good = () => ({
    response_type: 'code',
    client_id: STAND_IN_DEMO_CREDENTIALS.oidcClientId,
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: 'st',
    nonce: 'no',
    code_challenge: createPkcePair().codeChallenge,
    code_challenge_method: 'S256',
  });

  it('publishes discovery and a JWKS with a kid', async () => {
    const doc = (await (await fetch(`${standIns.urls.oidc}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ issuer: standIns.urls.oidc, jwks_uri: `${standIns.urls.oidc}/jwks`, code_challenge_methods_supported: ['S256'] });
    const jwks = (await (await fetch(`${standIns.urls.oidc}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d'); // public only
  });

  it('never redirects to an unregistered client or redirect_uri, and sends other errors back with the state', async () => {
    expect((await authorize({ ...good(), client_id: 'nobody' })).status).toBe(400);
    expect((await authorize({ ...good(), redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    const noPkce = await authorize({ ...good(), code_challenge: '' });
    expect(noPkce.status).toBe(302);
    const location = new URL(noPkce.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('st');
    const plain = new URL((await authorize({ ...good(), code_challenge_method: 'plain' })).headers.get('location')!);
    expect(plain.searchParams.get('error')).toBe('invalid_request');
    const noOpenid = new URL((await authorize({ ...good(), scope: 'profile' })).headers.get('location')!);
    expect(noOpenid.searchParams.get('error')).toBe('invalid_scope');
  });

  it('answers the token endpoint with RFC 6749 errors and accepts client_secret_post', async () => {
    const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${standIns.urls.oidc}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(body).toString(),
      });
    const noClient = await token({ grant_type: 'authorization_code', code: 'x' });
    expect(noClient.status).toBe(401);
    expect(await noClient.json()).toMatchObject({ error: 'invalid_client' });
    const post = await token({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: STAND_IN_DEMO_CREDENTIALS.oidcClientId,
      client_secret: STAND_IN_DEMO_CREDENTIALS.oidcClientSecret,
    });
    expect(post.status).toBe(400);
    expect(await post.json()).toMatchObject({ error: 'invalid_grant' });
    const json = await fetch(`${standIns.urls.oidc}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });
});
