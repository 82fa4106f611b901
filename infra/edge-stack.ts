import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from './stage-config';

/**
 * The web ACL in front of the platform's CloudFront distribution. WAF for CloudFront lives in
 * us-east-1, hence its own stack. Per-client rate limiting is the reason it exists: API Gateway
 * HTTP APIs only throttle per route, not per caller, and cannot take a web ACL directly.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps & { stage: StageConfig }) {
    super(scope, id, props);
    const { stage } = props;
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `tsp-${stage.stageName}-edge`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('tsp-edge'),
      rules: [
        {
          // One client (IP) may make at most this many /public/* requests per 5 minutes. The
          // application counts certificate lookups against the same figure per pair, so a batch of
          // 50 pairs is 50 of them (shared/rate-limit/lookup-budget.ts): the edge alone counts requests.
          name: 'public-rate-per-client',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooMany' } } },
          statement: {
            rateBasedStatement: {
              limit: stage.publicRatePerClientPer5Min,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/public/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('tsp-public-rate'),
        },
        {
          name: 'aws-common-rules',
          priority: 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet', excludedRules: [{ name: 'SizeRestrictions_BODY' }] } },
          visibilityConfig: visibility('tsp-common-rules'),
        },
        {
          name: 'aws-known-bad-inputs',
          priority: 2,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          visibilityConfig: visibility('tsp-bad-inputs'),
        },
      ],
      customResponseBodies: {
        tooMany: {
          contentType: 'APPLICATION_JSON',
          content: '{"type":"/problems/rate-limited","title":"Too many requests","status":429,"detail":"Too many requests from your address; retry in a few minutes."}',
        },
      },
    });
  }
}
