/**
 * fast-check arbitraries derived from the JSON Schemas of the published OpenAPI document: values that fit a
 * schema (to reach the success paths) and values that break it in one place or entirely (to reach every
 * refusal). "Fits" is best effort: JSON Schema counts code points where zod counts UTF-16 units, so a few
 * valid-looking values are refused, which only moves them to the other side of the fuzz.
 */
import fc from 'fast-check';

export type Schema = Record<string, any>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

export function resolve(schema: Schema | undefined, doc: OpenApiDoc): Schema {
  let current = schema ?? {};
  while (typeof current.$ref === 'string') current = doc.components.schemas[current.$ref.split('/').pop()!] ?? {};
  return current;
}

// Mostly printable text, sometimes any Unicode (combining marks, emoji, RTL marks, NUL).
const text = (minLength: number, maxLength: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'binary' }) },
  );

function stringFor(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, Math.max(min, 300));
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
  if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uri') return fc.webUrl();
  if (s.format === 'binary') return text(1, 200);
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  return text(min, max);
}

/**
 * Rules the published schemas do not carry (the core checks them with refinements, which JSON Schema cannot
 * express): without these, almost no generated sign-up would be accepted.
 */
const NAMED: Record<string, fc.Arbitrary<unknown>> = {
  // fast-check's addresses are RFC-valid but exotic (`~`, quoted parts), and the core takes the common kind only.
  email: fc
    .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/), fc.constantFrom('example.com', 'example.org', 'mail.test.dev'))
    .map(([local, domain]) => `${local.replace(/\.+$/, '')}@${domain}`),
  password: fc.string({ minLength: 8, maxLength: 64 }),
};

export function validValue(schema: Schema | undefined, doc: OpenApiDoc, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (depth > 6) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const choices = s.anyOf ?? s.oneOf;
  if (Array.isArray(choices)) return fc.oneof(...choices.map((c: Schema) => validValue(c, doc, depth + 1)));
  if (Array.isArray(s.allOf)) return validValue(Object.assign({}, ...s.allOf.map((c: Schema) => resolve(c, doc))), doc, depth + 1);
  const types: string[] = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'string')];
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, doc, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'array':
      return fc.array(validValue(s.items, doc, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries<Schema>(s.properties ?? {}).map(([k, v]) => [
          k,
          NAMED[k] && !resolve(v, doc).format ? fc.oneof(NAMED[k], validValue(v, doc, depth + 1)) : validValue(v, doc, depth + 1),
        ]),
      );
      return fc.record(properties, { requiredKeys: (s.required ?? []) as string[] });
    }
    default:
      return stringFor(s);
  }
}

/** Values of the wrong kind for almost any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', ' ', -1, 0, 1e300, -0.5, true, [], {}, 'x'.repeat(20_000), '\u0000', '\u202e', '<script>', "' OR 1=1 --"),
  fc.integer(),
  fc.string({ maxLength: 8, unit: 'grapheme' }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A value that breaks the schema: one field removed or of the wrong kind, extra fields, or something else entirely. */
export function invalidValue(schema: Schema | undefined, doc: OpenApiDoc): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  const whole = fc.oneof(wrongValue, fc.jsonValue({ maxDepth: 3 }));
  if (!s.properties) return whole;
  const broken = fc
    .tuple(validValue(s, doc), fc.constantFrom(...Object.keys(s.properties)), fc.boolean(), wrongValue)
    .map(([value, key, drop, wrong]) => {
      const copy = { ...(value as Record<string, unknown>) };
      if (drop) delete copy[key];
      else copy[key] = wrong;
      return copy;
    });
  const extra = fc.tuple(validValue(s, doc), fc.string({ minLength: 1, maxLength: 12 }), wrongValue).map(([value, key, wrong]) => ({
    ...(value as object),
    [key]: wrong,
  }));
  return fc.oneof({ weight: 3, arbitrary: broken }, { weight: 1, arbitrary: extra }, { weight: 1, arbitrary: whole });
}
