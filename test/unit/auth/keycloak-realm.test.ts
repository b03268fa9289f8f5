/**
 * The Keycloak realm import for trying OIDC locally (deploy/keycloak). No Keycloak runs here, so this checks the
 * file against what OpenDeck's verifier requires and what the README promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const realm = JSON.parse(readFileSync(new URL('../../../deploy/keycloak/opendeck-realm.json', import.meta.url), 'utf8'));

describe('deploy/keycloak/opendeck-realm.json', () => {
  const client = realm.clients.find((c: { clientId: string }) => c.clientId === 'opendeck');

  it('defines the opendeck realm and a public PKCE client', () => {
    expect(realm).toMatchObject({ realm: 'opendeck', enabled: true });
    expect(client).toMatchObject({ publicClient: true, standardFlowEnabled: true, implicitFlowEnabled: false });
    expect(client.attributes['pkce.code.challenge.method']).toBe('S256');
  });

  it("puts the client in access tokens' aud (OIDC_AUDIENCE=opendeck), and email and profile claims in them", () => {
    const audience = client.protocolMappers.find((m: { protocolMapper: string }) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audience.config).toMatchObject({ 'included.client.audience': 'opendeck', 'access.token.claim': 'true' });
    expect(client.defaultClientScopes).toEqual(expect.arrayContaining(['email', 'profile', 'basic']));
  });

  it('has a verified trial user and an unverified one (whose email cannot take over an account)', () => {
    expect(realm.users.map((u: { username: string; emailVerified: boolean }) => [u.username, u.emailVerified])).toEqual([
      ['ada', true],
      ['bob', false],
    ]);
    for (const user of realm.users) expect(user.credentials[0]).toMatchObject({ type: 'password', temporary: false });
  });
});
