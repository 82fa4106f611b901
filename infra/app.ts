import { App } from 'aws-cdk-lib';
import { PlatformStage } from './stage';

const app = new App();
const stageName = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
new PlatformStage(app, stageName.charAt(0).toUpperCase() + stageName.slice(1), {
  stageName,
  // A concrete region is needed for the cross-region reference to the us-east-1 web ACL.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
});
app.synth();
