import { Duration, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../shared/http/origin-verification';
import type { PlatformApi } from './http-api';

/**
 * CloudFront in front of the HTTP API: the single public entry (site and API on one origin, so
 * the pages call the API same-origin), TLS 1.2+, no caching of API answers, access logs, and
 * the edge web ACL that rate-limits /public/* per client. Every request it forwards carries the
 * origin-verification header (the secret's value, resolved by CloudFormation at deploy time and
 * replaced by `npm run secrets -- --rotate-origin`); the functions refuse requests without it.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: { api: PlatformApi; webAclArn: string; logs: IBucket; originSecret: ISecret }) {
    super(scope, id);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Talent Services Platform',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: new HttpOrigin(props.api.originDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          readTimeout: Duration.seconds(30),
          // CloudFront overwrites a viewer's header of the same name, so a client cannot forge it.
          customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public service for professionals wherever they are (returned scholars, overseas verifiers); abuse is handled by the per-client rate rule, not geography.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'TLS 1.2+ is configured; CloudFront enforces it once the stage has its own domain and ACM certificate (the default *.cloudfront.net certificate cannot pin a minimum).',
    });
  }
}
