import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SERVICES } from '../functions/services';
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

  constructor(scope: Construct, id: string, props: PlatformStageProps) {
    super(scope, id, props);
    const config = stageConfig(props.stageName, props.overrides);
    this.platform = new PlatformStack(this, 'Platform', {
      stackName: `tsp-${props.stageName}-platform`,
      stage: config,
      services: SERVICES,
      description: `Talent Services Platform (${props.stageName})`,
    });
    applyNagChecks(this.platform);
  }
}
