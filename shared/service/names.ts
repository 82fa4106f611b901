import type { BucketDefinition, TableDefinition } from './definitions';

/** Physical names for a stage (`dev`, `prod`, `local`, a test run's own prefix). */
export function physicalTableName(stage: string, table: TableDefinition): string {
  return `tsp-${stage}-${table.id}`;
}

export function physicalBucketName(stage: string, bucket: BucketDefinition, account = 'local'): string {
  return `tsp-${stage}-${bucket.id}-${account}`.toLowerCase();
}
