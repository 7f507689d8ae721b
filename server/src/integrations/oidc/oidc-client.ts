/**
 * OpenID Connect relying party: authorization code flow with PKCE (S256). The discovery
 * document is fetched once and cached; the ID token's signature is checked against the
 * provider's JWKS (jose createRemoteJWKSet on jwks_uri), then iss, aud, exp and the nonce.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { createHttp, formBody, unavailable, type HttpDeps } from '../http';
import { IntegrationError } from '../integration-error';

export interface OidcPrincipal {
  sub: string;
  /** the person's 学号/工号: student_number / employee_number, else preferred_username */
  number?: string;
  name?: string;
  claims: Record<string, unknown>;
}

export interface OidcClient {
  /** the provider's authorization endpoint with response_type=code, scope=openid profile, S256 PKCE */
  authorizationUrl(p: { state: string; nonce: string; codeChallenge: string; redirectUri: string }): Promise<string>;
  /** token endpoint, then the ID token verified (signature via JWKS, iss, aud, exp, nonce) */
  exchangeCode(p: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<OidcPrincipal>;
}

export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** default 'openid profile' */
  scope?: string;
}

export interface OidcClientDeps extends HttpDeps {
  /** seconds of clock skew accepted on exp/iat/nbf; default 60 */
  clockToleranceSeconds?: number;
}

interface DiscoveryDocument {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
}

/** asymmetric algorithms only: an HS256 ID token would be "signed" with our own client secret */
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const REJECTED_MESSAGE = '统一身份认证登录已失效，请重新登录';

export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url'); // 43 characters, RFC 7636 §4.1
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  return { codeVerifier, codeChallenge };
}

export function createOidcClient(config: OidcClientConfig, deps: OidcClientDeps = {}): OidcClient {
  const http = createHttp('oidc', deps);
  const timeoutMs = deps.timeoutMs ?? 5000;
  const issuer = config.issuer.replace(/\/+$/, '');
  let discovery: Promise<{ doc: DiscoveryDocument; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;

  function discover() {
    if (!discovery) {
      discovery = fetchDiscovery().catch((error: unknown) => {
        discovery = undefined; // try again on the next login
        throw error;
      });
    }
    return discovery;
  }

  async function fetchDiscovery() {
    const { response, body } = await http.json<Partial<DiscoveryDocument>>(`${issuer}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw unavailable('oidc', `http_${response.status}`);
    const doc = body;
    const urls = [doc.authorization_endpoint, doc.token_endpoint, doc.jwks_uri];
    if (typeof doc.issuer !== 'string' || !urls.every(isHttpUrl)) throw unavailable('oidc', 'malformed_discovery');
    // OpenID Connect Discovery §4.3: the document's issuer is the one configured
    if (doc.issuer.replace(/\/+$/, '') !== issuer) throw unavailable('oidc', 'issuer_mismatch');
    const jwks = createRemoteJWKSet(new URL(doc.jwks_uri!), { timeoutDuration: timeoutMs, cooldownDuration: 30_000 });
    return { doc: doc as DiscoveryDocument, jwks };
  }

  async function authorizationUrl(p: { state: string; nonce: string; codeChallenge: string; redirectUri: string }): Promise<string> {
    const { doc } = await discover();
    const url = new URL(doc.authorization_endpoint);
    const params = {
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: p.redirectUri,
      scope: config.scope ?? 'openid profile',
      state: p.state,
      nonce: p.nonce,
      code_challenge: p.codeChallenge,
      code_challenge_method: 'S256',
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  async function exchangeCode(p: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<OidcPrincipal> {
    if (!p.code || p.code.length > 2048 || !/^[\x21-\x7e]+$/.test(p.code)) {
      throw new IntegrationError('oidc', 'rejected', 'invalid_grant', REJECTED_MESSAGE);
    }
    const { doc, jwks } = await discover();
    const fields: Record<string, string> = {
      grant_type: 'authorization_code',
      code: p.code,
      redirect_uri: p.redirectUri,
      code_verifier: p.codeVerifier,
      client_id: config.clientId,
    };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (config.clientSecret) {
      const methods = doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
      if (methods.includes('client_secret_basic') || !methods.includes('client_secret_post')) {
        // RFC 6749 §2.3.1: both parts form-urlencoded before base64
        const user = encodeURIComponent(config.clientId);
        const pass = encodeURIComponent(config.clientSecret);
        headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      } else {
        fields.client_secret = config.clientSecret;
      }
    }
    const form = formBody(fields);
    const { response, body } = await http.json<Record<string, unknown>>(doc.token_endpoint, {
      method: 'POST',
      body: form.body,
      headers: { ...form.headers, ...headers },
    });
    if (!response.ok) {
      const error = typeof body.error === 'string' ? body.error : `http_${response.status}`;
      // invalid_grant: the code is unknown, used, expired, or the PKCE verifier / redirect_uri does not match it
      if (error === 'invalid_grant') throw new IntegrationError('oidc', 'rejected', error, REJECTED_MESSAGE);
      throw unavailable('oidc', /^[a-z_0-9]{1,64}$/.test(error) ? error : 'token_error');
    }
    const idToken = body.id_token;
    if (typeof idToken !== 'string' || idToken.length === 0) throw unavailable('oidc', 'missing_id_token');

    let payload: JWTPayload;
    try {
      const algorithms = (doc.id_token_signing_alg_values_supported ?? ['RS256']).filter((alg) => ALLOWED_ALGORITHMS.includes(alg));
      ({ payload } = await jwtVerify(idToken, jwks, {
        issuer: doc.issuer,
        audience: config.clientId,
        algorithms: algorithms.length > 0 ? algorithms : ['RS256'],
        clockTolerance: deps.clockToleranceSeconds ?? 60,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw verificationError(error);
    }
    // OIDC Core §3.1.3.7: several audiences need azp = us
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== config.clientId) {
      throw new IntegrationError('oidc', 'rejected', 'invalid_id_token', REJECTED_MESSAGE);
    }
    if (typeof payload.nonce !== 'string' || payload.nonce !== p.nonce) {
      throw new IntegrationError('oidc', 'rejected', 'nonce_mismatch', REJECTED_MESSAGE);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new IntegrationError('oidc', 'rejected', 'invalid_id_token', REJECTED_MESSAGE);

    const claims = payload as Record<string, unknown>;
    const number = stringClaim(claims.student_number) ?? stringClaim(claims.employee_number) ?? stringClaim(claims.preferred_username);
    const name = stringClaim(claims.name);
    return { sub: payload.sub, ...(number ? { number } : {}), ...(name ? { name } : {}), claims };
  }

  return { authorizationUrl, exchangeCode };
}

function verificationError(error: unknown): IntegrationError {
  if (error instanceof IntegrationError) return error;
  // the JWKS could not be fetched: the provider, not the user
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return unavailable('oidc', 'jwks_unavailable');
  if (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC') return unavailable('oidc', 'jwks_unavailable');
  if (error instanceof joseErrors.JWTExpired) return new IntegrationError('oidc', 'rejected', 'id_token_expired', REJECTED_MESSAGE);
  if (error instanceof joseErrors.JOSEError) return new IntegrationError('oidc', 'rejected', 'invalid_id_token', REJECTED_MESSAGE);
  return unavailable('oidc', 'jwks_unavailable');
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
