/** OpenAI chat completions wire format (POST /v1/chat/completions), as the official SDK expects it. */
import { randomUUID } from 'node:crypto';
import {
  approximateTokens,
  startFakeLlm,
  type FakeCard,
  type FakeLlmOptions,
  type FakeLlmServer,
  type RecordedRequest,
  type WireFormat,
  type WireReply,
} from './fake-llm-server.js';

const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', 'service_unavailable'],
};

interface ChatMessage {
  role: string;
  content: string;
}

function completion(content: string, request: { system: string; user: string; body: { model?: string } }): WireReply {
  const promptTokens = approximateTokens(request.system + request.user);
  const completionTokens = approximateTokens(content);
  return {
    status: 200,
    headers: { 'x-request-id': `req_${randomUUID()}` },
    body: {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.body.model ?? 'fake-model',
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    },
  };
}

export const openAiWire: WireFormat = {
  path: '/v1/chat/completions',
  checkAuth: (headers) =>
    /^Bearer \S+/.test(headers.authorization ?? '') ? null : openAiWire.error(401, 'You didn\u2019t provide an API key.'),
  prompt: (body: { messages?: ChatMessage[] }) => ({
    system:
      body.messages
        ?.filter((m) => m.role === 'system' || m.role === 'developer')
        .map((m) => m.content)
        .join('\n') ?? '',
    user:
      body.messages
        ?.filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n') ?? '',
  }),
  cards: (cards: FakeCard[], request) => completion(JSON.stringify({ cards }), request),
  malformed: (output, request) => completion(typeof output === 'string' ? output : JSON.stringify(output), request),
  error: (status, message) => {
    const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
    return { status, headers: { 'x-request-id': `req_${randomUUID()}` }, body: { error: { message, type, param: null, code } } };
  },
};

type ResponseFormatType = 'json_schema' | 'json_object';

/**
 * What api.openai.com answers for a response_format type a model does not support (HTTP 400, verbatim), for
 * the models listed: e.g. { 'gpt-4': ['json_schema', 'json_object'] }. Use it as the fake's `refuse` option.
 */
export function refuseResponseFormats(unsupported: Record<string, ResponseFormatType[]>): (request: RecordedRequest) => WireReply | null {
  return (request) => {
    const type = request.body?.response_format?.type as ResponseFormatType | undefined;
    if (!type || !unsupported[request.body?.model]?.includes(type)) return null;
    const reply = openAiWire.error(400, `Invalid parameter: 'response_format' of type '${type}' is not supported with this model.`);
    const body = reply.body as { error: { param: string | null } };
    body.error.param = 'response_format';
    return reply;
  };
}

/** The models OpenAI serves without strict JSON schema (gpt-4: neither that nor JSON mode), refused as OpenAI does. */
export const OPENAI_LEGACY_MODELS: Record<string, ResponseFormatType[]> = {
  'gpt-4': ['json_schema', 'json_object'],
  'gpt-3.5-turbo-0613': ['json_schema', 'json_object'],
  'gpt-4-turbo': ['json_schema'],
  'gpt-3.5-turbo-1106': ['json_schema'],
};

/** A fake OpenAI server; point the SDK at `${url}/v1`. By default it refuses what OpenAI refuses its legacy models. */
export const startFakeOpenAi = (options?: FakeLlmOptions): Promise<FakeLlmServer> =>
  startFakeLlm(openAiWire, { refuse: refuseResponseFormats(OPENAI_LEGACY_MODELS), ...options });
