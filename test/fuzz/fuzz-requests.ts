/**
 * Requests for one operation of the OpenAPI document, drawn with fast-check from a seed: path ids that are
 * the caller's own, another user's, unknown or malformed; query values in and out of range; bodies that fit
 * the schema, break it, or are not JSON at all; valid, foreign, missing and forged credentials.
 */
import fc from 'fast-check';
import { invalidValue, validValue, wrongValue, type OpenApiDoc, type Schema } from './schema-arbitrary.js';

export interface Fixtures {
  tokens: { own: string; other: string };
  refresh: string;
  login: { email: string; password: string };
  /** Real ids by path parameter name (deck_id, card_id, document_id): the caller's and another user's. */
  ids: Record<string, { own: string; other: string }>;
  /** Offered as the bearer token on GET /metrics. */
  metricsToken: string;
}

export interface FuzzRequest {
  method: string;
  /** The document's path template, e.g. /api/v1/decks/{deck_id}. */
  template: string;
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
}

const MALFORMED_IDS = [
  'not-a-uuid',
  '%ZZ',
  '%',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'x'.repeat(300),
  '00000000-0000-0000-0000-000000000000',
  '1',
  '-1',
  'null',
  '%F0%9F%92%A9',
  '%C0%AF',
];
const FORGED_AUTH = [
  'Bearer ',
  'Bearer abc.def.ghi',
  'Basic dXNlcjpwYXNz',
  `Bearer ${'a'.repeat(5000)}`,
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'Token x',
  'Bearer a b',
];

function pathSegment(name: string, fixtures: Fixtures): fc.Arbitrary<string> {
  const known = fixtures.ids[name];
  return fc.oneof(
    { weight: known ? 4 : 0, arbitrary: fc.constant(known?.own ?? '') },
    { weight: known ? 1 : 0, arbitrary: fc.constant(known?.other ?? '') },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_IDS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).map(encodeURIComponent) },
  );
}

function queryArbitrary(params: any[], doc: OpenApiDoc): fc.Arbitrary<[string, string][]> {
  const entries = params.map((p) =>
    fc.option(
      fc
        .oneof(
          { weight: 3, arbitrary: validValue(p.schema, doc).map((v) => (v === null ? '' : String(v))) },
          {
            weight: 2,
            arbitrary: fc.constantFrom('', 'abc', '-1', '0', '1e9', '99999999999999999999', '1.5', 'NaN', ' 5', '%', 'x'.repeat(500)),
          },
        )
        .map((v) => [p.name, v] as [string, string]),
      { freq: 2 },
    ),
  );
  const extra = fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), { freq: 4 });
  return fc
    .tuple(fc.tuple(...entries), extra)
    .map(([list, more]) => [...list.filter((e) => e !== null), ...(more ? [more] : [])] as [string, string][]);
}

function authArbitrary(secured: boolean, fixtures: Fixtures, template: string): fc.Arbitrary<string | null> {
  if (template === '/metrics')
    return fc.constantFrom(`Bearer ${fixtures.metricsToken}`, `Bearer ${fixtures.metricsToken}`, null, `Bearer ${fixtures.tokens.own}`);
  const forged = fc.constantFrom(
    ...FORGED_AUTH,
    `Bearer ${fixtures.tokens.own}x`,
    `bearer  ${fixtures.tokens.own}`,
    `Bearer ${fixtures.refresh}`,
  );
  return fc.oneof(
    { weight: secured ? 6 : 1, arbitrary: fc.constant(`Bearer ${fixtures.tokens.own}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${fixtures.tokens.other}`) },
    { weight: secured ? 1 : 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: forged },
  );
}

/** Known-good values for fields a random value would almost never get right. */
function withHints(body: unknown, fixtures: Fixtures, useHints: boolean): unknown {
  if (!useHints || !body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = { ...(body as Record<string, unknown>) };
  if ('deck_id' in b) b.deck_id = fixtures.ids.deck_id!.own;
  if ('refresh_token' in b) b.refresh_token = fixtures.refresh;
  if ('password' in b && !('name' in b)) Object.assign(b, fixtures.login);
  return b;
}

type Body = { text?: string; type?: string } | null;

function jsonBodyArbitrary(schema: Schema | undefined, required: boolean, doc: OpenApiDoc, fixtures: Fixtures): fc.Arbitrary<Body> {
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(validValue(schema, doc), fc.boolean()).map(([v, hint]) => json(withHints(v, fixtures, hint))) },
    { weight: 4, arbitrary: invalidValue(schema, doc).map(json) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { text: '{"title": ', type: 'application/json' },
        { text: '', type: 'application/json' },
        { text: '{}', type: 'text/plain' },
        { text: '{}' },
        { text: 'null', type: 'application/json' },
        { text: '{"a":1}', type: 'application/json; charset=latin1' },
        { text: '\uFEFF{}', type: 'application/json' },
      ),
    },
    { weight: required ? 0 : 1, arbitrary: fc.constant(null) },
  );
}

const NOTES = '# Cells\n\n## Mitochondria\n\nMitochondria produce most of the chemical energy of the cell, as ATP.\n';
const FILE_NAMES = [
  'notes.md',
  'notes.txt',
  'x.pdf',
  'x.docx',
  '../../etc/passwd',
  '',
  `${'a'.repeat(300)}.md`,
  'ünï cødé.md',
  'no-extension',
  'x.exe',
];

function uploadArbitrary(doc: OpenApiDoc, fixtures: Fixtures): fc.Arbitrary<FormData | Body> {
  const content = fc.oneof(
    fc.string({ maxLength: 200 }).map((s) => NOTES + s),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.constantFrom('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n', 'PK\u0003\u0004junk', ''),
  );
  const good = fc.record({
    name: fc.constantFrom('notes.md', 'notes.txt', 'Cours de biologie.md'),
    content: fc.string({ maxLength: 200 }).map((t) => NOTES + t),
  });
  const file = fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 2, arbitrary: fc.record({ name: fc.constantFrom(...FILE_NAMES), content }) },
  );
  const generate = doc.components.schemas.GenerateRequest;
  const metadata = fc.option(
    fc.oneof(
      { weight: 3, arbitrary: validValue(generate, doc).map((v) => JSON.stringify(v)) },
      invalidValue(generate, doc).map((v) => JSON.stringify(v)),
      fc.constantFrom('{', 'null', '[]'),
    ),
    { freq: 2 },
  );
  const form = fc
    .record({
      field: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('file', 'files') }, { weight: 1, arbitrary: fc.constant('other') }),
      files: fc.oneof({ weight: 5, arbitrary: fc.array(file, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }),
      metadata,
      deckId: fc.option(pathSegment('deck_id', fixtures), { freq: 4 }),
    })
    .map(({ field, files, metadata: meta, deckId }) => {
      const data = new FormData();
      for (const f of files) data.append(field, new File([f.content], f.name, { type: 'application/octet-stream' }));
      if (meta !== null) data.append('metadata', meta);
      if (deckId !== null) data.append('deck_id', decodeURIComponentSafe(deckId));
      return data;
    });
  const notMultipart = fc.constantFrom<Body>(
    { text: '{}', type: 'application/json' },
    { text: 'x', type: 'multipart/form-data' },
    { text: '--b\r\n\r\n', type: 'multipart/form-data; boundary=b' },
    null,
  );
  return fc.oneof({ weight: 5, arbitrary: form }, { weight: 1, arbitrary: notMultipart });
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `count` requests for one operation, the same ones for the same seed. */
export function requestsFor(
  doc: OpenApiDoc,
  template: string,
  method: string,
  fixtures: Fixtures,
  count: number,
  seed: number,
): FuzzRequest[] {
  const op = doc.paths[template]![method]!;
  const params: any[] = op.parameters ?? [];
  const segments = params.filter((p) => p.in === 'path').map((p) => pathSegment(p.name, fixtures).map((v) => [p.name, v] as const));
  const content = op.requestBody?.content ?? {};
  const body: fc.Arbitrary<FormData | Body> = content['multipart/form-data']
    ? uploadArbitrary(doc, fixtures)
    : content['application/json']
      ? jsonBodyArbitrary(content['application/json'].schema, op.requestBody.required !== false, doc, fixtures)
      : method === 'get'
        ? fc.constant(null) // fetch cannot send a body with GET
        : fc.oneof(
            { weight: 9, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: wrongValue.map((v) => ({ text: JSON.stringify(v) ?? '', type: 'application/json' })) },
          );
  const request = fc.record({
    path: fc.tuple(...segments),
    query: queryArbitrary(
      params.filter((p) => p.in === 'query'),
      doc,
    ),
    auth: authArbitrary(Boolean(op.security?.length), fixtures, template),
    body,
    ip: fc.ipV4(),
  });
  return fc.sample(request, { seed, numRuns: count }).map(({ path, query, auth, body: b, ip }) => {
    let url = template;
    for (const [name, value] of path) url = url.replace(`{${name}}`, value);
    if (query.length > 0) url += `?${new URLSearchParams(query).toString()}`;
    const headers: Record<string, string> = { 'X-Forwarded-For': ip };
    if (auth) headers.Authorization = auth;
    let sent: string | FormData | undefined;
    if (b instanceof FormData) sent = b;
    else if (b) {
      sent = b.text;
      if (b.type) headers['Content-Type'] = b.type;
    }
    return { method: method.toUpperCase(), template, url, headers, body: sent };
  });
}
