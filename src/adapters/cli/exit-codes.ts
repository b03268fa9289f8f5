/**
 * The CLI's one table from failure to exit status (sysexits.h), as the HTTP adapter has one to status codes:
 * scripts can tell a bad invocation (64) from bad input data (65), a missing file (66), a service that is
 * down (69) and a configuration to fix (78).
 */
import { isCoreError, type ErrorCode } from '../../core/index.js';

export const EX_USAGE = 64;
export const EX_DATAERR = 65;
export const EX_NOINPUT = 66;
export const EX_UNAVAILABLE = 69;
export const EX_SOFTWARE = 70;
export const EX_CONFIG = 78;

const EXIT_CODES: Record<ErrorCode, number> = {
  bad_request: EX_USAGE,
  validation: EX_USAGE,
  not_found: EX_NOINPUT,
  conflict: EX_DATAERR,
  unprocessable: EX_DATAERR,
  payload_too_large: EX_DATAERR,
  unsupported_media_type: EX_DATAERR,
  unauthorized: EX_CONFIG,
  forbidden: EX_CONFIG,
  rate_limited: EX_UNAVAILABLE,
  upstream_unavailable: EX_UNAVAILABLE,
  unavailable: EX_UNAVAILABLE,
  internal: EX_SOFTWARE,
};

/** A failure the CLI itself detected, with the exit status it calls for. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EX_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (isCoreError(error)) return EXIT_CODES[error.code];
  return EX_SOFTWARE;
}
