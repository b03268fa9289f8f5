/** AUTH_PROVIDER, OIDC_* and VAULT_*: defaults, cross-checks, and messages that name the variable. */
import { describe, expect, it } from 'vitest';
import { problemsOf } from './config-support.js';
import { loadConfig } from '../../../src/config/index.js';
import { kvPath } from '../../../src/config/vault.js';

const load = (env: Record<string, string>) => loadConfig({}, env);

const OIDC = { OIDC_ISSUER: 'https://sso.example.com/realms/opendeck', OIDC_AUDIENCE: 'opendeck' };

describe('sign-in configuration', () => {
  it('defaults to local sign-in only', () => {
    expect(load({}).auth).toEqual({ provider: 'local', oidc: null });
    expect(load(OIDC).auth).toEqual({ provider: 'local', oidc: null });
  });

  it('reads the issuer settings with RS256 and ES256 allowed by default', () => {
    expect(load({ AUTH_PROVIDER: 'both', ...OIDC, OIDC_JWKS_URL: 'http://keycloak:8080/certs' }).auth).toEqual({
      provider: 'both',
      oidc: {
        issuer: OIDC.OIDC_ISSUER,
        audience: 'opendeck',
        algorithms: ['RS256', 'ES256'],
        jwksUrl: 'http://keycloak:8080/certs',
        discoveryUrl: undefined,
      },
    });
    expect(load({ AUTH_PROVIDER: 'oidc', ...OIDC, OIDC_ALLOWED_ALGS: 'PS256, EdDSA' }).auth.oidc?.algorithms).toEqual(['PS256', 'EdDSA']);
  });

  it('names what oidc and both need', () => {
    expect(problemsOf({ AUTH_PROVIDER: 'oidc' })).toEqual([
      "OIDC_ISSUER: is required when AUTH_PROVIDER=oidc: the issuer URL exactly as in its tokens' iss claim",
      'OIDC_AUDIENCE: is required when AUTH_PROVIDER=oidc: the client id access tokens are issued for',
    ]);
    expect(problemsOf({ AUTH_PROVIDER: 'sso' })[0]).toBe('AUTH_PROVIDER: must be local, oidc or both');
    expect(problemsOf({ AUTH_PROVIDER: 'both', ...OIDC, JWT_ISSUER: OIDC.OIDC_ISSUER })).toEqual([
      'JWT_ISSUER: must differ from OIDC_ISSUER when AUTH_PROVIDER=both',
    ]);
    expect(problemsOf({ AUTH_PROVIDER: 'oidc', ...OIDC, OIDC_JWKS_URL: 'file:///etc/keys' })[0]).toMatch(
      /^OIDC_JWKS_URL: must be an http\(s\) URL/,
    );
  });

  it('refuses symmetric algorithms and "none" for OIDC tokens', () => {
    for (const algs of ['HS256', 'RS256,none', ' , ']) {
      expect(problemsOf({ AUTH_PROVIDER: 'oidc', ...OIDC, OIDC_ALLOWED_ALGS: algs })[0]).toMatch(/^OIDC_ALLOWED_ALGS: .*private key/);
    }
    expect(problemsOf({ AUTH_PROVIDER: 'oidc', ...OIDC, OIDC_ALLOWED_ALGS: 'HS256' })[0]).toContain('HS256 cannot be allowed');
  });
});

describe('Vault configuration', () => {
  const VAULT = { VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_SECRET_PATH: 'secret/data/opendeck' };

  it('accepts a token or a complete AppRole', () => {
    expect(() => load({ ...VAULT, VAULT_TOKEN: 't' })).not.toThrow();
    expect(() => load({ ...VAULT, VAULT_ROLE_ID: 'r', VAULT_SECRET_ID: 's' })).not.toThrow();
  });

  it('names every missing or stray part', () => {
    expect(problemsOf({ VAULT_ADDR: 'http://127.0.0.1:8200' })).toEqual([
      'VAULT_SECRET_PATH: is required with VAULT_ADDR: the KV v2 path of the secret, e.g. secret/data/opendeck',
      'VAULT_TOKEN: or VAULT_ROLE_ID and VAULT_SECRET_ID (AppRole) are required with VAULT_ADDR',
    ]);
    expect(problemsOf({ ...VAULT, VAULT_ROLE_ID: 'r' })).toEqual(['VAULT_SECRET_ID: is required with VAULT_ROLE_ID (AppRole sign-in)']);
    expect(problemsOf({ VAULT_SECRET_PATH: 'secret/opendeck' })).toEqual([
      'VAULT_SECRET_PATH: is set but VAULT_ADDR is not: set VAULT_ADDR to read secrets from Vault',
    ]);
    expect(problemsOf({ ...VAULT, VAULT_TOKEN: 't', VAULT_SECRET_PATH: 'opendeck' })[0]).toMatch(
      /^VAULT_SECRET_PATH: must be <mount>\/data\/<path>/,
    );
  });

  it('reads KV v2 paths with or without the data segment', () => {
    expect(kvPath('secret/data/opendeck')).toEqual({ mount: 'secret', path: 'opendeck' });
    expect(kvPath('/secret/opendeck/')).toEqual({ mount: 'secret', path: 'opendeck' });
    expect(kvPath('team/kv/data/apps/opendeck')).toEqual({ mount: 'team/kv', path: 'apps/opendeck' });
    expect(kvPath('secret/../sys')).toBeNull();
  });
});
