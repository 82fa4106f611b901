import { Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  ClientAttributes,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { GROUPS, TENANT_CLAIM } from '../../shared/auth/groups';
import type { StageConfig } from '../stage-config';

/**
 * The Cognito user pool of DESIGN §2: one group per role, tenant claims as custom attributes
 * that only administrators can set (users can read but never write them).
 */
export class PlatformAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, stage: StageConfig) {
    super(scope, id);
    // Every tenant claim of DESIGN §2 (custom:institutionId … custom:employerId, custom:region),
    // from the one table the API's principal reads, so a new group cannot miss its attribute.
    const tenantAttributes = [...new Set(['region', ...Object.values(TENANT_CLAIM).map((claim) => claim.replace(/^custom:/, ''))])];
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `tsp-${stage.stageName}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: Object.fromEntries(tenantAttributes.map((name) => [name, new StringAttribute({ mutable: true, maxLen: 64 })])),
      deletionProtection: stage.holdsRealData,
      removalPolicy: stage.removalPolicy,
    });
    for (const group of GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    const readable = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(...tenantAttributes);
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      // No hosted-UI OAuth flows (CDK's default adds them with a placeholder callback URL).
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      readAttributes: readable,
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
