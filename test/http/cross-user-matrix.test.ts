/** The rules the cross-user matrix derives its routes and bodies by, on a made-up document. */
import { describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/adapters/http/app.js';
import type { OpenApiDoc } from '../fuzz/schema-arbitrary.js';
import { minimalValue, ownedRoutes, sendRoute, UNKNOWN_ID, validBody } from './cross-user-matrix.js';

const doc: OpenApiDoc = {
  paths: {
    '/health': { get: {} },
    '/api/v1/decks': { get: { security: [{ bearerAuth: [] }] } },
    '/api/v1/quizzes/{quiz_id}/answers': {
      post: {
        security: [{ bearerAuth: [] }],
        parameters: [
          { in: 'path', name: 'quiz_id' },
          { in: 'query', name: 'limit' },
        ],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Answer' } } } },
      },
    },
  },
  components: {
    schemas: {
      Answer: {
        type: 'object',
        required: ['card_id', 'grade', 'note'],
        properties: {
          card_id: { type: 'string', format: 'uuid' },
          grade: { type: ['string', 'null'], enum: [null, 'good', 'again'] },
          note: { type: 'string', minLength: 3 },
          ignored: { type: 'integer' },
        },
      },
    },
  },
};

describe('cross-user matrix rules', () => {
  it('takes every operation with a path parameter, and only those', () => {
    expect(ownedRoutes(doc).map((r) => [r.method, r.template, r.params, r.secured])).toEqual([
      ['POST', '/api/v1/quizzes/{quiz_id}/answers', ['quiz_id'], true],
    ]);
  });

  it('builds a minimal valid body from the schema when the document has no example', () => {
    const [route] = ownedRoutes(doc);
    expect(minimalValue(doc.components.schemas.Answer, doc)).toEqual({ card_id: UNKNOWN_ID, grade: 'good', note: 'xxx' });
    expect(validBody(route!, doc)).toEqual({
      body: JSON.stringify({ card_id: UNKNOWN_ID, grade: 'good', note: 'xxx' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(minimalValue({ type: 'object', properties: { title: { type: 'string' } }, example: { title: 'Given' } }, doc)).toEqual({
      title: 'Given',
    });
  });

  it('names the path parameter a new kind of resource needs, instead of skipping its routes', () => {
    const [route] = ownedRoutes(doc);
    expect(() => sendRoute({} as HttpApp, doc, route!, 'token', { deck_id: UNKNOWN_ID })).toThrow(
      /no owned resource for \{quiz_id\}; add how an owner creates one to OWNED_RESOURCES/,
    );
  });
});
