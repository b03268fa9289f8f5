/** The /documents contracts in /openapi.json: present only with the document ports, and fully documented. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentTestApp } from './documents-support.js';
import { buildTestApp, call } from './support.js';

let doc: any;
beforeAll(async () => {
  doc = (await call(buildDocumentTestApp().app, 'GET', '/openapi.json')).body;
});

const OPERATIONS = [
  'POST /api/v1/documents/upload',
  'GET /api/v1/documents',
  'GET /api/v1/documents/status',
  'GET /api/v1/documents/{document_id}',
  'GET /api/v1/documents/{document_id}/status',
  'POST /api/v1/documents/{document_id}/generate',
  'DELETE /api/v1/documents/{document_id}',
  'GET /api/v1/documents/{document_id}/file',
];
const operation = (name: string) => {
  const [method, path] = name.split(' ') as [string, string];
  return doc.paths[path]?.[method.toLowerCase()];
};

describe('documents in the OpenAPI document', () => {
  it.each(OPERATIONS)('%s: summary, description, tag, bearer security, problem responses incl. 401', (name) => {
    const op = operation(name);
    expect(op, name).toBeDefined();
    expect(op.summary).toBeTruthy();
    expect(op.description.length).toBeGreaterThan(30);
    expect(op.tags).toEqual(['Documents']);
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
    expect(errors).toContain('401');
    for (const s of errors) {
      expect(Object.keys(op.responses[s].content), `${name} ${s}`).toEqual(['application/problem+json']);
      expect(op.responses[s].description.length, `${name} ${s}`).toBeGreaterThan(10);
    }
  });

  it('the upload is multipart with file, files, metadata and deck_id, and lists every refusal', () => {
    const op = operation('POST /api/v1/documents/upload');
    const schema = op.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(schema.properties)).toEqual(['file', 'files', 'metadata', 'deck_id']);
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(JSON.parse(schema.properties.metadata.example)).toMatchObject({ title: expect.any(String) });
    expect(Object.keys(op.responses).sort()).toEqual(['201', '400', '401', '404', '413', '415', '422', '429']);
    expect(op.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/UploadResult');
  });

  it('generate takes an optional JSON body with an example and answers 202, 409 and 429', () => {
    const op = operation('POST /api/v1/documents/{document_id}/generate');
    expect(op.requestBody.required).toBe(false);
    expect(op.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/GenerateRequest');
    expect(doc.components.schemas.GenerateRequest.example).toMatchObject({ max_cards: expect.any(Number) });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '409', '413', '415', '422', '429']));
  });

  it('the download names its content types and Content-Disposition', () => {
    const ok = operation('GET /api/v1/documents/{document_id}/file').responses['200'];
    expect(Object.keys(ok.content)).toEqual(expect.arrayContaining(['application/pdf', 'text/plain', 'text/markdown']));
    expect(ok.headers['Content-Disposition']).toBeDefined();
  });

  it('the Document model carries usage and cost, never storage_key, with examples', () => {
    const props = doc.components.schemas.Document.properties;
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['input_tokens', 'output_tokens', 'estimated_cost_usd', 'generation', 'sha256']),
    );
    expect(props).not.toHaveProperty('storage_key');
    expect(props.filename.example).toBeTruthy();
    expect(Object.keys(doc.components.schemas.DocumentStatusBatch.properties)).toEqual(['items', 'not_found']);
  });
});
