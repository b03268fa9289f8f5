/**
 * The cross-user 404 matrix, derived from GET /openapi.json: every operation with a path parameter names a
 * resource of the signed-in user (a deck, a card, a document), so every such operation must answer another
 * user exactly as it answers an id that does not exist (404, never 403: existence must not leak), a malformed
 * id with a 404 (never a 500 or 422), and no token with a 401. A route added later is covered without editing
 * anything here; a route whose path parameter names a new kind of resource fails until OWNED_RESOURCES says
 * how an owner creates one. Routes without a path parameter (/health, lists, sign-in) are not owner-scoped.
 *
 * Requests carry a valid body where the operation takes one (the request's example from the document, else a
 * minimal value built from its schema), so the answer is about ownership and not about validation.
 */
import { describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/adapters/http/app.js';
import { englishNotesTxt } from '../fixtures/index.js';
import { resolve, type OpenApiDoc, type Schema } from '../fuzz/schema-arbitrary.js';
import { send, uploadOne, type RawResult } from './documents-support.js';
import { createCard, createDeck, expectProblem } from './support.js';

export interface OwnedRoute {
  method: string;
  /** The document's path template, e.g. /api/v1/decks/{deck_id}. */
  template: string;
  params: string[];
  secured: boolean;
  operation: Record<string, any>;
}

export type OwnedIds = Record<string, string>;

/** How an owner creates each kind of resource a path parameter can name, in an order that satisfies references. */
const OWNED_RESOURCES: Array<[param: string, create: (app: HttpApp, token: string, ids: OwnedIds) => Promise<string>]> = [
  ['deck_id', async (app, token) => (await createDeck(app, token, { title: 'Owner private', category: 'Secret' })).id],
  ['card_id', async (app, token, ids) => (await createCard(app, token, ids.deck_id!)).id],
  ['document_id', async (app, token) => (await uploadOne(app, token, { name: 'private.txt', bytes: englishNotesTxt() })).document_ids[0]!],
  [
    'session_id',
    async (app, token, ids) => (await send(app, 'POST', '/api/v1/study/sessions', jsonBody(token, { deck_id: ids.deck_id }))).body.id,
  ],
  ['notification_id', async (app, token) => firstNotification(app, token)],
];

function jsonBody(token: string, body: unknown) {
  return { token, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** Notifications are made by the system: a generation that completes leaves one in the owner's bell. */
async function firstNotification(app: HttpApp, token: string): Promise<string> {
  await uploadOne(app, token, { name: 'notes.txt', bytes: englishNotesTxt() }, { metadata: { title: 'Notified' } });
  for (let waited = 0; waited < 30_000; waited += 50) {
    const list = await send(app, 'GET', '/api/v1/notifications', { token });
    if (Array.isArray(list.body) && list.body.length > 0) return list.body[0].id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no notification arrived for the matrix owner');
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const MALFORMED_IDS = ['not-a-uuid', '123', "1'%20OR%20'1'='1", 'x'.repeat(300), '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6fz'];

export async function openApiDocument(app: HttpApp): Promise<OpenApiDoc> {
  return (await (await app.request('/openapi.json')).json()) as OpenApiDoc;
}

/** Every operation of the document with a path parameter. */
export function ownedRoutes(doc: OpenApiDoc): OwnedRoute[] {
  const routes: OwnedRoute[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries<Record<string, any>>(operations)) {
      const params = ((operation.parameters ?? []) as Array<{ in: string; name: string }>)
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      if (params.length === 0) continue;
      routes.push({ method: method.toUpperCase(), template, params, secured: Boolean(operation.security?.length), operation });
    }
  }
  return routes;
}

/** One of each resource kind OWNED_RESOURCES knows, created by the owner; ids by path parameter name. */
export async function createOwnedResources(app: HttpApp, token: string): Promise<OwnedIds> {
  const ids: OwnedIds = {};
  for (const [param, create] of OWNED_RESOURCES) ids[param] = await create(app, token, ids);
  return ids;
}

/** A schema-valid value with as little in it as the schema allows, readable and the same on every run. */
export function minimalValue(schema: Schema | undefined, doc: OpenApiDoc): unknown {
  const s = resolve(schema, doc);
  if ('example' in s) return s.example;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum.find((v: unknown) => v !== null) ?? s.enum[0];
  const choices = s.anyOf ?? s.oneOf;
  if (Array.isArray(choices)) return minimalValue(choices.find((c: Schema) => resolve(c, doc).type !== 'null') ?? choices[0], doc);
  if (Array.isArray(s.allOf)) return minimalValue(Object.assign({}, ...s.allOf.map((c: Schema) => resolve(c, doc))), doc);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : (s.type ?? (s.properties ? 'object' : 'string'));
  switch (type) {
    case 'object': {
      // The required fields; an object that requires none gets all of them, so an update changes something.
      const keys: string[] = s.required?.length ? s.required : Object.keys(s.properties ?? {});
      return Object.fromEntries(keys.map((key) => [key, minimalValue(s.properties?.[key], doc)]));
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => minimalValue(s.items, doc));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      if (s.format === 'uuid') return UNKNOWN_ID;
      if (s.format === 'email') return 'owner@example.com';
      if (s.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      if (s.format === 'uri') return 'https://example.com/';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
}

/** The body an operation's request takes: its example where the document has one, else a minimal valid value. */
export function validBody(route: OwnedRoute, doc: OpenApiDoc): { body: string | FormData; headers: Record<string, string> } | undefined {
  const content: Record<string, any> | undefined = route.operation.requestBody?.content;
  if (!content) return undefined;
  const [type, media] = Object.entries(content)[0]!;
  const firstExample = media.examples ? (Object.values(media.examples)[0] as { value?: unknown } | undefined)?.value : undefined;
  const value = media.example ?? firstExample ?? minimalValue(media.schema, doc);
  if (type === 'multipart/form-data') {
    const form = new FormData();
    for (const [key, field] of Object.entries<unknown>(value as Record<string, unknown>)) {
      const binary = resolve(resolve(media.schema, doc).properties?.[key], doc).format === 'binary';
      form.append(key, binary ? new File([englishNotesTxt()], 'notes.txt') : typeof field === 'string' ? field : JSON.stringify(field));
    }
    return { body: form, headers: {} };
  }
  return { body: JSON.stringify(value), headers: { 'Content-Type': type } };
}

/** Sends the operation with every path parameter filled from `ids` (or with `id` for all of them). */
export function sendRoute(
  app: HttpApp,
  doc: OpenApiDoc,
  route: OwnedRoute,
  token: string | undefined,
  ids: OwnedIds | string,
): Promise<RawResult> {
  let path = route.template;
  for (const param of route.params) {
    const id = typeof ids === 'string' ? ids : ids[param];
    if (id === undefined) {
      throw new Error(
        `${route.method} ${route.template}: no owned resource for {${param}}; add how an owner creates one to OWNED_RESOURCES in test/http/cross-user-matrix.ts`,
      );
    }
    path = path.replace(`{${param}}`, id);
  }
  const body = validBody(route, doc);
  return send(app, route.method, path, { token, ...(body ? { body: body.body, headers: body.headers } : {}) });
}

export interface CrossUserMatrixOptions {
  app: () => HttpApp;
  doc: OpenApiDoc;
  routes: OwnedRoute[];
  /** The owner's resources by path parameter name, and a token of the owner's. */
  owner: () => { ids: OwnedIds; token: () => Promise<string> | string };
  /** Tokens of other users (local accounts, identity-provider accounts). */
  intruders: () => Promise<string[]> | string[];
}

const named = (routes: OwnedRoute[]) => routes.map((route) => [`${route.method} ${route.template}`, route] as const);

export function describeCrossUserMatrix(name: string, options: CrossUserMatrixOptions): void {
  const { doc, routes } = options;
  describe(`cross-user matrix: ${name}`, () => {
    it('covers at least one operation, and has an owned resource for every path parameter', () => {
      expect(routes.length).toBeGreaterThan(0);
      const missing = [...new Set(routes.flatMap((r) => r.params))].filter((p) => !(p in options.owner().ids));
      expect(missing, 'path parameters with no entry in OWNED_RESOURCES').toEqual([]);
    });

    it.each(named(routes))("%s: another user's resource is the 404 of an id that does not exist", async (_name, route) => {
      const app = options.app();
      for (const token of await options.intruders()) {
        const foreign = expectProblem(await sendRoute(app, doc, route, token, options.owner().ids), 404, 'not_found');
        const unknown = expectProblem(await sendRoute(app, doc, route, token, UNKNOWN_ID), 404, 'not_found');
        // Everything but the request's own id and path is the same, so the answer tells nothing.
        const { request_id: _a, instance: _b, ...foreignRest } = foreign;
        const { request_id: _c, instance: _d, ...unknownRest } = unknown;
        expect(foreignRest).toEqual(unknownRest);
      }
    });

    it.each(named(routes))('%s: a malformed id is a 404, never a 500 or 422', async (_name, route) => {
      const token = await options.owner().token();
      for (const bad of MALFORMED_IDS) expectProblem(await sendRoute(options.app(), doc, route, token, bad), 404, 'not_found');
    });

    it.each(named(routes.filter((r) => r.secured)))('%s: no token is a 401', async (_name, route) => {
      expectProblem(await sendRoute(options.app(), doc, route, undefined, options.owner().ids), 401, 'unauthorized');
    });

    // The control: the owner's own ids reach the resource, so the 404s above are about ownership.
    it.each(named(routes.filter((r) => r.method === 'GET')))('%s: the owner gets it', async (_name, route) => {
      const res = await sendRoute(options.app(), doc, route, await options.owner().token(), options.owner().ids);
      expect(res.status, res.text).toBe(200);
    });
  });
}
