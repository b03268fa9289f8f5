/**
 * Checks one response against the operation's declared responses in the published OpenAPI 3.1 document:
 * no 5xx, a declared status, a declared media type, a body valid under its JSON Schema (2020-12, with
 * formats), and the problem conventions (request_id = X-Request-Id, Retry-After on 429, WWW-Authenticate on 401).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OpenApiDoc, Schema } from './schema-arbitrary.js';

export interface Observed {
  status: number;
  headers: Headers;
  text: string;
}

const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export class ResponseContract {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDoc) {
    // strict: false because OpenAPI adds keywords JSON Schema does not know (example, discriminator).
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    // A CommonJS module: under ESM its function is the default export's `default`.
    const addFormats = ((formats as { default?: unknown }).default ?? formats) as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi:components', components: doc.components });
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    const known = this.validators.get(key);
    if (known) return known;
    // References point into the document's components, which were added once under their own id.
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi:components#/components/'));
    const validate = this.ajv.compile(rebased);
    this.validators.set(key, validate);
    return validate;
  }

  /** Compiles every schema the document declares, so a schema ajv cannot read fails at once. */
  compileAll(): void {
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
          for (const [type, content] of Object.entries<any>(response.content ?? {})) {
            if (content.schema && /json/.test(type)) this.validator(`${method} ${path} ${status} ${type}`, content.schema);
          }
        }
      }
    }
  }

  /** The broken rules, empty when the response keeps the contract. */
  check(method: string, path: string, res: Observed): string[] {
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    if (!op) return [`no operation ${method} ${path} in the document`];
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`server error ${res.status}`);
    const declared = op.responses?.[String(res.status)] ?? op.responses?.default;
    if (!declared) return [...problems, `status ${res.status} is not declared (declared: ${Object.keys(op.responses ?? {}).join(', ')})`];
    const type = mediaType(res.headers.get('content-type'));
    const content: Record<string, any> = declared.content ?? {};
    if (!res.text) {
      if (Object.keys(content).length > 0 && res.status !== 204) problems.push(`empty body, declared ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (!content[type])
      return [
        ...problems,
        `media type "${type}" is not declared for ${res.status} (declared: ${Object.keys(content).join(', ') || 'no body'})`,
      ];
    if (!/json/.test(type)) return problems;
    let body: any;
    try {
      body = JSON.parse(res.text);
    } catch {
      return [...problems, `body is not JSON although served as ${type}`];
    }
    const validate = this.validator(`${method.toLowerCase()} ${path} ${res.status} ${type}`, content[type].schema ?? {});
    if (!validate(body)) {
      const first = validate.errors
        ?.slice(0, 3)
        .map((e) => `${e.instancePath || '/'} ${e.message}`)
        .join('; ');
      problems.push(`body breaks the ${res.status} schema: ${first}`);
    }
    if (type === 'application/problem+json') {
      if (body?.status !== res.status) problems.push(`problem status ${body?.status} != ${res.status}`);
      if (body?.request_id !== res.headers.get('x-request-id')) problems.push('problem request_id differs from X-Request-Id');
      if (res.status === 429 && !/^\d+$/.test(res.headers.get('retry-after') ?? '')) problems.push('429 without Retry-After seconds');
      if (res.status === 401 && !res.headers.get('www-authenticate')) problems.push('401 without WWW-Authenticate');
      if (/ZodError|"issues"|\bat .*\.(ts|js):\d+/.test(res.text)) problems.push('problem leaks internals');
    }
    return problems;
  }
}
