import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SERVICES } from '../functions/services';
import { EdgeStack } from './edge-stack';
import { applyNagChecks } from './nag';
import { PlatformStack } from './platform-stack';
import { stageConfig, type StageConfig } from './stage-config';

export interface PlatformStageProps extends StageProps {
  stageName: string;
  overrides?: Partial<StageConfig>;
}

/** A complete, deployable stage (`dev`, `staging`, `prod`) of the platform, checked by cdk-nag. */
export class PlatformStage extends Stage {
  readonly platform: PlatformStack;
  readonly edge: EdgeStack;

  constructor(scope: Construct, id: string, props: PlatformStageProps) {
    super(scope, id, props);
    const config = stageConfig(props.stageName, props.overrides);
    // WAF for CloudFront must live in us-east-1; the platform references its ARN across regions.
    this.edge = new EdgeStack(this, 'Edge', {
      stackName: `tsp-${props.stageName}-edge`,
      env: { account: props.env?.account, region: 'us-east-1' },
      stage: config,
      description: `Talent Services Platform edge web ACL (${props.stageName})`,
    });
    this.platform = new PlatformStack(this, 'Platform', {
      stackName: `tsp-${props.stageName}-platform`,
      env: props.env,
      crossRegionReferences: true,
      stage: config,
      services: SERVICES,
      webAclArn: this.edge.webAcl.attrArn,
      description: `Talent Services Platform (${props.stageName})`,
    });
    applyNagChecks(this.edge);
    applyNagChecks(this.platform);
  }
}
