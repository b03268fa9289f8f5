/**
 * The AWS part of the configuration: where files (S3_BUCKET) and jobs (SQS_QUEUE_URL) go, where secrets come
 * from (SECRETS_MANAGER_SECRET_ID), and the region and optional local endpoints every AWS client uses:
 * AWS_ENDPOINT_URL for all of them, or the AWS SDK's service-specific AWS_ENDPOINT_URL_<SERVICE>, which wins
 * for its service (DynamoDB Local and fauxqs listen on different ports, so one URL cannot reach both). schema.ts spreads awsVariables into its schema, so each variable is
 * documented and checked in one place; src/wiring/load-config.ts reads the Secrets Manager ones first, since the
 * rest of the configuration may come from that secret. Credentials are never configured here: on Lambda
 * they come from the function's role through the SDK's default chain.
 */
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const region = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as eu-west-1')
    .optional(),
);

function endpointUrl() {
  return z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4566' }).optional(),
  );
}

export type AwsService = 'DYNAMODB' | 'S3' | 'SQS' | 'SECRETS_MANAGER';

/** The endpoint one service's client uses: its own variable, else the shared one, else AWS itself (undefined). */
export function serviceEndpoint(env: Partial<Record<`AWS_ENDPOINT_URL${'' | `_${AwsService}`}`, string>>, service: AwsService) {
  return env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
}

export const awsLocationVariables = {
  // Set by the Lambda runtime itself; elsewhere required once anything below uses AWS.
  AWS_REGION: region,
  AWS_ENDPOINT_URL: endpointUrl(),
  // The names the AWS SDKs and CLI give these (service id, upper case, spaces as "_").
  AWS_ENDPOINT_URL_DYNAMODB: endpointUrl(),
  AWS_ENDPOINT_URL_S3: endpointUrl(),
  AWS_ENDPOINT_URL_SQS: endpointUrl(),
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpointUrl(),
  SECRETS_MANAGER_SECRET_ID: z.preprocess(emptyAsUndefined, z.string().max(2048).optional()),
};

export const awsVariables = {
  ...awsLocationVariables,
  S3_BUCKET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, "." or "-")')
      .optional(),
  ),
  // The bucket's region when it differs from AWS_REGION (the specification's S3_REGION); default AWS_REGION.
  S3_REGION: region,
  // A pattern, not z.url(): emulators hand out URLs such as http://sqs.us-east-1.127.0.0.1:4566/000000000000/q.
  SQS_QUEUE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^https?:\/\/[^\s/]+\/\d{12}\/[A-Za-z0-9_-]{1,75}(\.fifo)?$/,
        'must be the queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/opendeck-jobs.fifo',
      )
      .optional(),
  ),
};

export type AwsEnv = z.output<z.ZodObject<typeof awsVariables>>;

export function checkAws(env: AwsEnv & { REDIS_URL?: string; CELERY_BROKER_URL?: string }, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  const users = (['S3_BUCKET', 'SQS_QUEUE_URL', 'SECRETS_MANAGER_SECRET_ID'] as const).filter(
    (name) => env[name] && !(name === 'S3_BUCKET' && env.S3_REGION),
  );
  if (users.length && !env.AWS_REGION) issue('AWS_REGION', `is required with ${users.join(', ')} (Lambda sets it by itself)`);
  const redisQueue = env.CELERY_BROKER_URL ? 'CELERY_BROKER_URL' : env.REDIS_URL ? 'REDIS_URL' : null;
  if (env.SQS_QUEUE_URL && redisQueue) issue('SQS_QUEUE_URL', `and ${redisQueue} are both set: choose one job queue`);
}

/** Read before the rest of the configuration: what is needed to reach Secrets Manager (null when not used). */
export const secretsManagerSchema = z.object(awsLocationVariables).superRefine((env, ctx) => {
  if (env.SECRETS_MANAGER_SECRET_ID && !env.AWS_REGION) {
    ctx.addIssue({
      code: 'custom',
      path: ['AWS_REGION'],
      message: 'is required with SECRETS_MANAGER_SECRET_ID (Lambda sets it by itself)',
    });
  }
});
