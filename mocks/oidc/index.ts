/**
 * Stand-in for an OpenID Connect provider: discovery, JWKS (an RS256 key generated at start),
 * authorization code flow with PKCE (S256 required), a login form like the CAS one, the token
 * endpoint with RFC 6749 JSON errors, userinfo. Codes are single use and live 60 s.
 * Users are the demo campus (students and staff, password DEMO_PASSWORD).
 *
 *   GET  /.well-known/openid-configuration   GET /jwks
 *   GET  /authorize?response_type=code&client_id&redirect_uri&scope=openid…&state&nonce&code_challenge&code_challenge_method=S256
 *   POST /authorize (the login form: those fields + username, password) → 302 redirect_uri?code&state&iss
 *   POST /token (form: grant_type=authorization_code, code, redirect_uri, code_verifier; client via HTTP Basic or body)
 *   GET  /userinfo (Bearer)                  GET /logout?post_logout_redirect_uri=
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import type { CampusPerson } from '../campus/types';
import {
  appendQuery,
  bodyFields,
  checkPassword,
  digest,
  directoryFrom,
  ExpiringStore,
  isHttpUrl,
  loginPage,
  messagePage,
  queryFields,
  randomToken,
  RecentSet,
  registerFormParser,
  str,
  type DirectoryOptions,
  type StandInDirectory,
} from '../cas/stand-in-kit';

export interface OidcStandInClient {
  clientId: string;
  /** absent: a public client (PKCE only) */
  clientSecret?: string;
  /** exact redirect URIs; absent: any http(s) URI on localhost / 127.0.0.1 / the issuer's host (demo convenience) */
  redirectUris?: string[];
}

export interface OidcStandInOptions extends DirectoryOptions {
  /** the externally visible base URL of this stand-in, e.g. http://127.0.0.1:8080/mock/oidc (a function: read per request, for hosts that learn their port on listen) */
  issuer: string | (() => string);
  client?: OidcStandInClient;
  /** several registered clients (client is added to them) */
  clients?: OidcStandInClient[];
  /** seconds (default 60) */
  codeTtlSeconds?: number;
  /** seconds (default 600) */
  idTokenTtlSeconds?: number;
  now?: () => number;
}

export const OIDC_DEMO_CLIENT: OidcStandInClient = { clientId: 'campus-demo', clientSecret: 'demo-oidc-secret' };

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scope: string;
  number: string;
  authTime: number;
}

interface AuthorizeParams {
  client: OidcStandInClient;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge: string;
}

const HTML_TYPE = 'text/html; charset=utf-8';

/** the stable pseudonymous subject of a person at this provider */
export function oidcSubject(issuer: string, number: string): string {
  return digest('oidc-sub', issuer.replace(/\/+$/, ''), number).slice(0, 32);
}

export async function oidcStandIn(app: FastifyInstance, options: OidcStandInOptions): Promise<void> {
  const issuerOption = options.issuer;
  const issuerOf = () => (typeof issuerOption === 'function' ? issuerOption() : issuerOption).replace(/\/+$/, '');
  const directory = directoryFrom(options);
  const now = options.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);
  const codeTtl = (options.codeTtlSeconds ?? 60) * 1000;
  const idTokenTtl = options.idTokenTtlSeconds ?? 600;
  const clients = new Map<string, OidcStandInClient>();
  for (const client of [...(options.clients ?? []), options.client ?? (options.clients?.length ? undefined : OIDC_DEMO_CLIENT)]) {
    if (client) clients.set(client.clientId, client);
  }
  const codes = new ExpiringStore<AuthorizationCode>(now);
  const usedCodes = new RecentSet();
  const accessTokens = new ExpiringStore<{ number: string; clientId: string }>(now);

  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] };

  registerFormParser(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? 400 : 500;
    if (status >= 500) request.log.error({ err: error }, 'OIDC stand-in error');
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: status >= 500 ? 'internal error' : 'malformed request' });
  });

  const discoveryFor = (issuer: string) => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: ['openid', 'profile'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'name', 'preferred_username', 'student_number', 'employee_number'],
    authorization_response_iss_parameter_supported: true,
  });

  app.get('/.well-known/openid-configuration', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(discoveryFor(issuerOf())),
  );
  app.get('/jwks', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(jwks));

  function redirectAllowed(client: OidcStandInClient, redirectUri: string): boolean {
    if (!isHttpUrl(redirectUri) || redirectUri.includes('#')) return false;
    if (client.redirectUris) return client.redirectUris.includes(redirectUri);
    const host = new URL(redirectUri).hostname;
    return ['localhost', '127.0.0.1', '[::1]', new URL(issuerOf()).hostname].includes(host);
  }

  /**
   * RFC 6749 §4.1.2.1: a bad client_id or redirect_uri is shown to the user (never redirected
   * to); anything else goes back to the client as ?error=…
   */
  function checkAuthorize(
    fields: Record<string, unknown>,
    reply: FastifyReply,
  ): { ok: AuthorizeParams } | { sent: FastifyReply } {
    const client = clients.get(str(fields.client_id) ?? '');
    if (!client) return { sent: reply.code(400).type(HTML_TYPE).send(messagePage('统一身份认证', '未注册的应用（client_id 无效）')) };
    const redirectUri = str(fields.redirect_uri) ?? '';
    if (!redirectAllowed(client, redirectUri)) {
      return { sent: reply.code(400).type(HTML_TYPE).send(messagePage('统一身份认证', '回调地址（redirect_uri）未登记')) };
    }
    const state = str(fields.state);
    const back = (error: string, description: string) => ({
      sent: reply.code(302).header('location', appendQuery(redirectUri, { error, error_description: description, state, iss: issuerOf() })).send(),
    });
    if (str(fields.response_type) !== 'code') return back('unsupported_response_type', 'only response_type=code is supported');
    const scope = str(fields.scope) ?? '';
    if (!scope.split(' ').includes('openid')) return back('invalid_scope', 'scope must include openid');
    const codeChallenge = str(fields.code_challenge) ?? '';
    if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) return back('invalid_request', 'PKCE code_challenge (S256) is required');
    if (str(fields.code_challenge_method) !== 'S256') return back('invalid_request', 'code_challenge_method must be S256');
    return { ok: { client, redirectUri, scope, state, nonce: str(fields.nonce), codeChallenge } };
  }

  const formFor = (params: AuthorizeParams, error?: string, username?: string) =>
    loginPage({
      title: '统一身份认证',
      subtitle: '智慧校园 · OIDC 演示替身',
      action: 'authorize',
      hidden: {
        response_type: 'code',
        client_id: params.client.clientId,
        redirect_uri: params.redirectUri,
        scope: params.scope,
        state: params.state,
        nonce: params.nonce,
        code_challenge: params.codeChallenge,
        code_challenge_method: 'S256',
      },
      error,
      username,
    });

  app.get('/authorize', { schema: { hide: true } }, async (request, reply) => {
    const checked = checkAuthorize(queryFields(request), reply);
    if ('sent' in checked) return checked.sent;
    return reply.type(HTML_TYPE).header('cache-control', 'no-store').send(formFor(checked.ok));
  });

  app.post('/authorize', { schema: { hide: true } }, async (request, reply) => {
    const fields = bodyFields(request);
    const checked = checkAuthorize(fields, reply);
    if ('sent' in checked) return checked.sent;
    const params = checked.ok;
    const person = checkPassword(directory, fields.username, fields.password);
    if (!person) return reply.code(401).type(HTML_TYPE).header('cache-control', 'no-store').send(formFor(params, '用户名或密码错误', str(fields.username)));
    const code = randomToken(32);
    codes.set(
      code,
      {
        clientId: params.client.clientId,
        redirectUri: params.redirectUri,
        codeChallenge: params.codeChallenge,
        nonce: params.nonce,
        scope: params.scope,
        number: person.number,
        authTime: seconds(),
      },
      codeTtl,
    );
    return reply
      .code(302)
      .header('cache-control', 'no-store')
      .header('location', appendQuery(params.redirectUri, { code, state: params.state, iss: issuerOf() }))
      .send();
  });

  const tokenError = (reply: FastifyReply, status: number, error: string, description: string) =>
    reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache').send({ error, error_description: description });

  /** RFC 6749 §2.3.1: HTTP Basic (form-urlencoded parts) or client_id + client_secret in the body */
  function authenticateClient(request: FastifyRequest, fields: Record<string, unknown>): { client?: OidcStandInClient; basic: boolean } {
    const header = request.headers.authorization;
    let clientId = str(fields.client_id);
    let secret = str(fields.client_secret);
    let basic = false;
    if (header?.startsWith('Basic ')) {
      basic = true;
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon === -1) return { basic };
      try {
        clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        return { basic };
      }
    }
    const client = clients.get(clientId ?? '');
    if (!client) return { basic };
    if (client.clientSecret === undefined) return { client, basic };
    if (secret === undefined || !safeEqual(secret, client.clientSecret)) return { basic };
    return { client, basic };
  }

  app.post('/token', { schema: { hide: true } }, async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return tokenError(reply, 400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    }
    const fields = bodyFields(request);
    const { client, basic } = authenticateClient(request, fields);
    if (!client) {
      if (basic) reply.header('www-authenticate', 'Basic realm="oidc"');
      return tokenError(reply, 401, 'invalid_client', 'client authentication failed');
    }
    if (str(fields.grant_type) !== 'authorization_code') return tokenError(reply, 400, 'unsupported_grant_type', 'only authorization_code is supported');
    const code = str(fields.code);
    if (!code) return tokenError(reply, 400, 'invalid_request', 'code is required');
    if (usedCodes.has(code)) return tokenError(reply, 400, 'invalid_grant', 'authorization code has already been used');
    const entry = codes.take(code);
    if (!entry) return tokenError(reply, 400, 'invalid_grant', 'authorization code is invalid');
    usedCodes.add(code);
    if (entry.expired) return tokenError(reply, 400, 'invalid_grant', 'authorization code has expired');
    const grant = entry.value;
    if (grant.clientId !== client.clientId) return tokenError(reply, 400, 'invalid_grant', 'authorization code was issued to another client');
    if (str(fields.redirect_uri) !== grant.redirectUri) return tokenError(reply, 400, 'invalid_grant', 'redirect_uri does not match');
    const verifier = str(fields.code_verifier) ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return tokenError(reply, 400, 'invalid_grant', 'code_verifier is missing or malformed');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!safeEqual(challenge, grant.codeChallenge)) return tokenError(reply, 400, 'invalid_grant', 'PKCE verification failed');

    const person = directory.byNumber(grant.number);
    if (!person) return tokenError(reply, 400, 'invalid_grant', 'the user is gone');
    const accessToken = randomToken(32);
    const expiresIn = 3600;
    accessTokens.set(accessToken, { number: person.number, clientId: client.clientId }, expiresIn * 1000);
    const issuer = issuerOf();
    const idToken = await signIdToken(privateKey, kid, {
      issuer,
      audience: client.clientId,
      subject: oidcSubject(issuer, person.number),
      nonce: grant.nonce,
      authTime: grant.authTime,
      issuedAt: seconds(),
      ttl: idTokenTtl,
      claims: personClaims(directory, person),
    });
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, id_token: idToken, scope: grant.scope });
  });

  app.get('/userinfo', { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const entry = token ? accessTokens.get(token) : undefined;
    const person = entry ? directory.byNumber(entry.number) : undefined;
    if (!person) return reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"').send({ error: 'invalid_token' });
    return reply.send({ sub: oidcSubject(issuerOf(), person.number), ...personClaims(directory, person) });
  });

  app.get('/logout', { schema: { hide: true } }, async (request, reply) => {
    const target = queryFields(request).post_logout_redirect_uri;
    if (target && [...clients.values()].some((client) => redirectAllowed(client, target))) return reply.code(302).header('location', target).send();
    return reply.type(HTML_TYPE).send(messagePage('已退出统一身份认证', '为了安全，请关闭浏览器'));
  });
}

function personClaims(directory: StandInDirectory, person: CampusPerson): Record<string, unknown> {
  return {
    name: person.name,
    preferred_username: person.number,
    ...(person.kind === 'student' ? { student_number: person.number } : { employee_number: person.number }),
    ...(person.department ?? directory.collegeName(person) ? { department: person.department ?? directory.collegeName(person) } : {}),
  };
}

export interface IdTokenInput {
  issuer: string;
  audience: string;
  subject: string;
  nonce?: string;
  authTime: number;
  issuedAt: number;
  ttl: number;
  claims: Record<string, unknown>;
}

export async function signIdToken(key: KeyLike, kid: string, input: IdTokenInput): Promise<string> {
  return new SignJWT({ ...input.claims, ...(input.nonce !== undefined ? { nonce: input.nonce } : {}), auth_time: input.authTime })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(input.issuer)
    .setSubject(input.subject)
    .setAudience(input.audience)
    .setIssuedAt(input.issuedAt)
    .setExpirationTime(input.issuedAt + input.ttl)
    .sign(key);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
