/** The few HTTP calls OIDC needs (discovery, userinfo): JSON, bounded in time, failures told apart. */

/** The issuer could not be used at all (unreachable, timed out, answered nonsense): a 502, never a 401. */
export class IssuerUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IssuerUnavailable';
  }
}

export interface JsonReply {
  status: number;
  /** The parsed body; undefined when it is not JSON. */
  body: unknown;
}

const reasonOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.message ?? (error as Error).message;
};

export async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<JsonReply> {
  let response: Response;
  try {
    // Redirects are not followed: a bearer token must not travel to wherever a redirect points.
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new IssuerUnavailable(`GET ${url} failed: ${reasonOf(error)}`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
