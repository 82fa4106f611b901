import { App } from 'aws-cdk-lib';
import { PlatformStage } from './stage';

const app = new App();
const stageName = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
new PlatformStage(app, stageName.charAt(0).toUpperCase() + stageName.slice(1), {
  stageName,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
