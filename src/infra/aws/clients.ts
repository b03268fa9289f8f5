/**
 * AWS SDK clients from the deployment's settings. On Lambda the region comes from AWS_REGION and the
 * credentials from the function's role (the SDK's default chain); `endpointUrl` points every client at a
 * local emulator (fauxqs, DynamoDB Local) instead, where S3 must be addressed path-style because
 * `<bucket>.localhost` does not resolve.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClientSettings {
  region: string;
  /** Local emulator; undefined on AWS. */
  endpointUrl?: string;
  /** Tests pass fixed credentials; in production the default provider chain (the Lambda role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const common = (s: AwsClientSettings) => ({
  region: s.region,
  ...(s.endpointUrl ? { endpoint: s.endpointUrl } : {}),
  ...(s.credentials ? { credentials: s.credentials } : {}),
  // A few quick retries: a Lambda has a deadline, and SQS redelivers a failed job anyway.
  maxAttempts: 3,
});

export function createS3Client(settings: AwsClientSettings): S3Client {
  return new S3Client({
    ...common(settings),
    forcePathStyle: Boolean(settings.endpointUrl),
    // Checksums only where S3 demands them: emulators mishandle the streamed trailer checksums, and the
    // presigned PUT a browser sends cannot carry one the server computed.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createSqsClient(settings: AwsClientSettings): SQSClient {
  return new SQSClient(common(settings));
}
