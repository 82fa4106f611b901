import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../shared/service/definitions';
import { physicalTableName } from '../../shared/service/names';
import type { StageConfig } from '../stage-config';

const attribute = (key: KeyAttribute): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : key.type === 'N' ? AttributeType.NUMBER : AttributeType.BINARY,
});

/** A service table from its shared definition: on demand, PITR, encrypted, protected outside dev. */
export class ServiceTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, definition: TableDefinition, stage: StageConfig) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      tableName: physicalTableName(stage.stageName, definition),
      partitionKey: attribute(definition.partitionKey),
      sortKey: definition.sortKey ? attribute(definition.sortKey) : undefined,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stage.holdsRealData,
      removalPolicy: stage.removalPolicy,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      dynamoStream: definition.stream ? StreamViewType[definition.stream] : undefined,
      globalSecondaryIndexes: definition.indexes?.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType:
          index.projection === 'ALL' ? ProjectionType.ALL : index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE,
        nonKeyAttributes: typeof index.projection === 'object' ? index.projection.include : undefined,
      })),
    });
  }
}
