import { Duration } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketDefinition } from '../../shared/service/definitions';
import type { StageConfig } from '../stage-config';

/** A private document bucket: no public access, TLS only, encrypted, versioned, access-logged. */
export class ServiceBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, definition: BucketDefinition, stage: StageConfig, accessLogs: IBucket) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `${definition.id}/`,
      removalPolicy: stage.removalPolicy,
      autoDeleteObjects: false,
      cors: definition.browserUploads
        ? [{ allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedOrigins: stage.corsOrigins, allowedHeaders: ['*'], maxAge: 3000 }]
        : undefined,
      // Short-lived objects (rosters with plaintext ID numbers) must not linger as old versions.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(definition.expireAfterDays ? 1 : 90), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ...(definition.expireAfterDays ? [{ expiration: Duration.days(definition.expireAfterDays) }] : []),
      ],
    });
  }
}
