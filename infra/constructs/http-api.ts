import { CfnOutput, Fn } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, DomainName, HttpApi, HttpStage, LogGroupLogDestination, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PlatformAuth } from './auth';
import type { StageConfig } from '../stage-config';

/**
 * The HTTP API: Cognito JWT authorizer, stage-wide throttling, tighter limits on /public/*, access
 * logs. With the stage's `apiDomain`, it is reached by that custom domain only (the execute-api
 * endpoint is disabled); CloudFront's origin header is checked by the functions either way.
 */
export class PlatformApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** The host name CloudFront forwards to: the custom domain when the stage has one, else the execute-api host. */
  readonly originDomain: string;
  // CfnStage.routeSettings is untyped JSON that CDK copies verbatim, so the keys must already be
  // CloudFormation's PascalCase (CfnStage.RouteSettingsProperty's camelCase would not be converted).
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: { stage: StageConfig; auth: PlatformAuth }) {
    super(scope, id);
    const { stage, auth } = props;
    this.api = new HttpApi(this, 'Api', {
      apiName: `tsp-${stage.stageName}-api`,
      createDefaultStage: false,
      // Only the custom domain (behind CloudFront) answers; the default hostname would skip the edge.
      disableExecuteApiEndpoint: stage.apiDomain !== undefined,
      corsPreflight: {
        allowOrigins: stage.corsOrigins,
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        exposeHeaders: ['x-request-id', 'location', 'retry-after'],
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    const domain = stage.apiDomain
      ? new DomainName(this, 'Domain', {
          domainName: stage.apiDomain.domainName,
          certificate: Certificate.fromCertificateArn(this, 'DomainCertificate', stage.apiDomain.certificateArn),
        })
      : undefined;
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: stage.apiThrottle,
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.jsonWithStandardFields() },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = this.routeSettings;
    this.authorizer = new HttpUserPoolAuthorizer('Cognito', auth.userPool, { userPoolClients: [auth.client] });
    if (domain) {
      this.originDomain = domain.name;
      new CfnOutput(this, 'ApiDomainTarget', { value: domain.regionalDomainName, description: `Point a DNS CNAME for ${domain.name} here.` });
    } else {
      this.originDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
      new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    }
  }

  /** Public routes get their own, lower throttle on top of the stage-wide one. */
  throttleRoute(routeKey: string, limits: { rateLimit: number; burstLimit: number }): void {
    this.routeSettings[routeKey] = { ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit };
  }
}
