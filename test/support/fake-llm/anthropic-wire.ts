/** Anthropic messages wire format (POST /v1/messages), as the official SDK expects it. */
import { randomUUID } from 'node:crypto';
import {
  approximateTokens,
  startFakeLlm,
  type FakeLlmOptions,
  type FakeLlmServer,
  type RecordedRequest,
  type WireFormat,
  type WireReply,
} from './fake-llm-server.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** The name of the tool the client forced, so the reply calls it like the real API does. */
const forcedToolName = (request: RecordedRequest): string => request.body?.tool_choice?.name ?? request.body?.tools?.[0]?.name ?? 'tool';

function message(content: Block[], request: RecordedRequest): WireReply {
  const requestId = `req_${randomUUID()}`;
  return {
    status: 200,
    headers: { 'request-id': requestId },
    body: {
      id: `msg_${randomUUID().replace(/-/g, '')}`,
      type: 'message',
      role: 'assistant',
      model: request.body?.model ?? 'fake-model',
      content,
      stop_reason: content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: approximateTokens(request.system + request.user),
        output_tokens: approximateTokens(JSON.stringify(content)),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    },
  };
}

const toolUse = (input: unknown, request: RecordedRequest): Block => ({
  type: 'tool_use',
  id: `toolu_${randomUUID().slice(0, 12)}`,
  name: forcedToolName(request),
  input,
});

interface TextBlockParam {
  type: string;
  text?: string;
}
const text = (content: string | TextBlockParam[] | undefined): string =>
  typeof content === 'string' ? content : (content ?? []).map((b) => b.text ?? '').join('\n');

export const anthropicWire: WireFormat = {
  path: '/v1/messages',
  checkAuth: (headers) => {
    // The SDK sends the key as x-api-key or, in recent versions, as a Bearer token; the API accepts both.
    if (!headers['x-api-key'] && !/^Bearer \S+/.test(headers.authorization ?? ''))
      return anthropicWire.error(401, 'x-api-key header is required');
    if (!headers['anthropic-version']) return anthropicWire.error(400, 'anthropic-version: header is required');
    return null;
  },
  prompt: (body: { system?: string | TextBlockParam[]; messages?: { role: string; content: string | TextBlockParam[] }[] }) => ({
    system: text(body.system),
    user: (body.messages ?? [])
      .filter((m) => m.role === 'user')
      .map((m) => text(m.content))
      .join('\n'),
  }),
  cards: (cards, request) => message([toolUse({ cards }, request)], request),
  malformed: (output, request) =>
    message([typeof output === 'string' ? { type: 'text', text: output } : toolUse(output, request)], request),
  error: (status, msg) => ({
    status,
    headers: { 'request-id': `req_${randomUUID()}` },
    body: { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message: msg }, request_id: `req_${randomUUID()}` },
  }),
};

/** A fake Anthropic server; point the SDK at `url` (the SDK adds /v1/messages). */
export const startFakeAnthropic = (options?: FakeLlmOptions): Promise<FakeLlmServer> => startFakeLlm(anthropicWire, options);
