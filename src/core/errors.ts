/**
 * The closed set of failure kinds the core can report. Every adapter maps these codes
 * in exactly one table (HTTP status, CLI exit code, queue retry decision).
 */
export const ERROR_CODES = [
  'bad_request',
  'not_found',
  'conflict',
  'validation',
  /** Well-formed request, but the content cannot be processed (e.g. a PDF with no extractable text). */
  'unprocessable',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'upstream_unavailable',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `source_ref.page`. */
  path: string;
  message: string;
}

export interface CoreErrorDetails {
  errors?: FieldError[];
  retryAfterSeconds?: number;
}

export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: CoreErrorDetails;

  /** `message` is shown to people: write a whole sentence that says what to do. */
  constructor(code: ErrorCode, message: string, details: CoreErrorDetails = {}) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
  }
}

export const isCoreError = (e: unknown): e is CoreError => e instanceof CoreError;

export const notFound = (what: string): CoreError => new CoreError('not_found', `${what} was not found.`);

export const validationFailed = (errors: FieldError[]): CoreError =>
  new CoreError(
    'validation',
    errors.length === 1
      ? `${errors[0]!.path} ${errors[0]!.message}.`
      : `${errors.length} fields are invalid (${[...new Set(errors.map((e) => e.path))].join(', ')}); see errors for each one.`,
    { errors },
  );
