/**
 * Amazon Bedrock's Converse wire format (POST /model/{modelId}/converse, restJson1, over HTTP/2 like the SDK's
 * client), as @aws-sdk/client-bedrock-runtime expects it: a SigV4-signed request for the "bedrock" service, a JSON reply with
 * output.message.content[] (text or toolUse blocks), stopReason and usage; errors name their exception in the
 * x-amzn-ErrorType header with a {"message"} body.
 */
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

/** The exception Bedrock answers with for each status (Converse API reference, "Errors"). */
const ERROR_TYPES: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

type Block = { text: string } | { toolUse: { toolUseId: string; name: string; input: unknown } };

interface ConverseBody {
  modelId?: string;
  system?: { text?: string }[];
  messages?: { role: string; content: { text?: string }[] }[];
  toolConfig?: { tools?: { toolSpec?: { name?: string } }[]; toolChoice?: { tool?: { name?: string } } };
}

/** The model id from the path (the SDK URL-encodes it: "...-v1%3A0"). */
export const converseModelId = (request: RecordedRequest): string =>
  decodeURIComponent(/^\/model\/([^/]+)\/converse$/.exec(request.path)?.[1] ?? '');

const forcedToolName = (body: ConverseBody): string =>
  body.toolConfig?.toolChoice?.tool?.name ?? body.toolConfig?.tools?.[0]?.toolSpec?.name ?? 'tool';

function converse(content: Block[], request: RecordedRequest): WireReply {
  const inputTokens = approximateTokens(request.system + request.user);
  const outputTokens = approximateTokens(JSON.stringify(content));
  return {
    status: 200,
    headers: { 'x-amzn-requestid': randomUUID() },
    body: {
      output: { message: { role: 'assistant', content } },
      stopReason: content.some((b) => 'toolUse' in b) ? 'tool_use' : 'end_turn',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
      metrics: { latencyMs: 42 },
    },
  };
}

const toolUse = (input: unknown, request: RecordedRequest): Block => ({
  toolUse: { toolUseId: `tooluse_${randomUUID().slice(0, 12)}`, name: forcedToolName(request.body), input },
});

const joined = (blocks: { text?: string }[] | undefined): string => (blocks ?? []).map((b) => b.text ?? '').join('\n');

export const bedrockWire: WireFormat = {
  path: /^\/model\/[^/]+\/converse$/,
  http2: true,
  checkAuth: (headers) => {
    // SigV4 for the "bedrock" signing name (or a Bedrock API key as a bearer token).
    const auth = headers.authorization ?? '';
    if (
      /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/[a-z0-9-]+\/bedrock\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/.test(
        auth,
      )
    )
      return null;
    if (/^Bearer \S+/.test(auth)) return null;
    return bedrockWire.error(403, 'Missing Authentication Token', 'MissingAuthenticationTokenException');
  },
  prompt: (body: ConverseBody) => ({
    system: joined(body.system),
    user: (body.messages ?? [])
      .filter((m) => m.role === 'user')
      .map((m) => joined(m.content))
      .join('\n'),
  }),
  cards: (cards, request) => converse([toolUse({ cards }, request)], request),
  malformed: (output, request) => converse([typeof output === 'string' ? { text: output } : toolUse(output, request)], request),
  error: (status, message, type) => ({
    status,
    headers: {
      'x-amzn-errortype': `${type ?? ERROR_TYPES[status] ?? 'InternalServerException'}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': randomUUID(),
    },
    body: { message },
  }),
};

/** What Bedrock refuses before any model runs: a forced tool that is not among the tools. */
function refuseInvalidToolChoice(request: RecordedRequest): WireReply | null {
  const body = request.body as ConverseBody;
  const forced = body.toolConfig?.toolChoice?.tool?.name;
  if (forced === undefined || body.toolConfig?.tools?.some((t) => t.toolSpec?.name === forced)) return null;
  return bedrockWire.error(400, `The tool ${forced} named in toolChoice is not defined in toolConfig.tools.`);
}

/** A fake Bedrock runtime; point the SDK at `url` with the endpoint option. */
export const startFakeBedrock = (options?: FakeLlmOptions): Promise<FakeLlmServer> =>
  startFakeLlm(bedrockWire, { refuse: refuseInvalidToolChoice, ...options });
