/**
 * The checked configuration. Where a choice decides what else must be set (which database, where files and
 * jobs go), the type is a union on that choice, so nothing downstream re-checks what the parser guaranteed.
 */
import type { AuthConfig } from './oidc.js';

export interface Config {
  /** ENV; the specification's `local` is development. */
  env: 'development' | 'test' | 'production';
  /** Which name was used where two names of one setting are both set (spec-names.ts): for the start-up log. */
  notes: string[];
  port: number;
  host: string;
  /** Embedded database, generated signing key and local files live here unless configured elsewhere. */
  dataDir: string;
  database: DatabaseConfig;
  /** Where uploaded files go. */
  storage: StorageConfig;
  /** Where generation jobs go. */
  jobs: JobsConfig;
  secretKey: string | undefined;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  maxUploadBytes: number;
  maxFilesPerUpload: number;
  /** Shared rate limits, live events (and, with jobs.backend 'bullmq', the job queue) live here; undefined: in memory. */
  redisUrl: string | undefined;
  /** QUEUE_PREFIX: namespaces every Redis key, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Worker threads for extraction and offline generation; 0 runs them on the main thread; undefined: one per core but one. */
  cpuWorkers: number | undefined;
  /** `serve` processes sharing the port (PostgreSQL server only); undefined: one per core. */
  webConcurrency: number | undefined;
  /** Text recognition for scanned PDF pages and photos (OCR, OCR_LANGUAGES); null: OCR=off. */
  ocr: OcrConfig | null;
  /** Jobs one process runs at once (the in-process queue, or `opendeck worker`). */
  workerConcurrency: number;
  requestTimeoutSeconds: number;
  shutdownDelaySeconds: number;
  /** Read notifications are removed this many days after they were read. */
  notificationRetentionDays: number;
  ai: AiConfig;
  /** Trusted proxy hops: the client is the X-Forwarded-For entry this many places from the right. */
  trustProxy: number;
  observability: ObservabilityConfig;
  rateLimits: RateLimitsConfig;
  /** AUTH_PROVIDER and the identity provider's settings (oidc.ts). */
  auth: AuthConfig;
  /** Region, local endpoint and Secrets Manager secret (aws.ts); S3 and SQS are in storage and jobs. */
  aws: AwsConfig;
}

export interface OcrConfig {
  /** Tesseract language codes, e.g. ['eng'] or ['eng', 'deu']; each needs its @tesseract.js-data package installed. */
  languages: string[];
}

/** Where an AWS client connects: the region, and AWS_ENDPOINT_URL for a local emulator. */
export interface AwsLocation {
  region: string;
  endpointUrl: string | undefined;
}

export type DatabaseConfig =
  /** The embedded default: PGlite in DATA_DIR/pgdata. */
  | { backend: 'pglite'; dataDir: string }
  | { backend: 'postgres'; url: string; poolMax: number }
  /** DB_BACKEND=dynamo: the four tables of the AWS data layer. */
  | ({ backend: 'dynamo'; tables: DynamoTables } & AwsLocation);

export interface DynamoTables {
  users: string;
  decks: string;
  flashcards: string;
  documents: string;
}

export type StorageConfig =
  | { backend: 'local'; path: string }
  /** S3_BUCKET: presigned uploads and downloads are offered too. */
  | ({ backend: 's3'; bucket: string } & AwsLocation);

export type JobsConfig =
  /** No REDIS_URL or SQS_QUEUE_URL: jobs run inside the API process. */
  | { backend: 'in-process' }
  | {
      backend: 'bullmq';
      redisUrl: string;
      /** Namespaces every Redis key of the job queue, so several deployments (or test runs) can share one Redis. */
      prefix: string;
      /** How long a job stays claimed by a worker that stopped renewing it (crashed) before another reruns it. */
      lockTimeoutSeconds: number;
    }
  /** SQS_QUEUE_URL: consumed by the SQS Lambda. */
  | ({ backend: 'sqs'; queueUrl: string } & AwsLocation);

export interface AwsConfig {
  /** Set by the Lambda runtime; required (and checked) once anything uses AWS. */
  region: string | undefined;
  endpointUrl: string | undefined;
  secretsManagerSecretId: string | undefined;
}

export interface ObservabilityConfig {
  /** Bearer token GET /metrics requires; undefined: open (keep it on an internal port or network). */
  metricsToken: string | undefined;
  /** Where `opendeck worker` serves its own GET /metrics; undefined: not served. */
  workerMetricsPort: number | undefined;
  /** OTLP/HTTP collector base URL; undefined: no tracing SDK is started at all. */
  otlpEndpoint: string | undefined;
  otlpHeaders: Record<string, string>;
  serviceName: string;
  /** OTEL_PROPAGATORS: with xray, X-Amzn-Trace-Id is read and written and trace ids are X-Ray's. */
  propagators: TracePropagator[];
}

export type TracePropagator = 'tracecontext' | 'baggage' | 'xray';

/** Attempts per window; null: that limit is off. */
export type RateLimit = { points: number; windowSeconds: number } | null;

export interface RateLimitsConfig {
  /** Failed sign-ins per account (never off, at most 100 an hour). */
  loginAccount: NonNullable<RateLimit>;
  /** Failed sign-ins per client IP, across accounts. */
  loginIp: RateLimit;
  registerIp: RateLimit;
  uploadUser: RateLimit;
  generateUser: RateLimit;
}

export interface AiConfig {
  /** Explicit choice; undefined = pick from the keys present (offline when there are none). */
  provider: 'openai' | 'anthropic' | 'bedrock' | 'offline' | undefined;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  anthropic: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  /** Amazon Bedrock: the region is AWS_REGION; credentials come from the AWS SDK's default chain. */
  bedrock: { modelId: string; region: string | undefined; endpointUrl: string | undefined };
  temperature: number;
  maxOutputTokens: number;
  timeoutSeconds: number;
  maxAttempts: number;
  concurrency: number;
  defaultMaxCards: number;
  maxChunkChars: number | undefined;
  monthlyTokenBudget: number | null;
}
