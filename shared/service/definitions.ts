import type { z } from 'zod';
import type { Group } from '../auth/groups';
import type { AccessMatrix } from './access-matrix';

/*
 * The one description of a service that both the CDK stacks (infra/) and the local runtime
 * (infra/local/) read: its tables, buckets, HTTP routes, stream consumers and S3 triggers.
 * Nothing about a table, route or permission is written down a second time anywhere else.
 */

export type AttributeType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Which attributes the index carries: all, keys only, or keys plus a named few. */
  projection: 'ALL' | 'KEYS_ONLY' | { include: string[] };
}

export interface TableDefinition {
  /** Logical name, unique across the platform; also the local table-name suffix. */
  id: string;
  /** Environment variable through which functions learn the physical table name. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes?: IndexDefinition[];
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  timeToLiveAttribute?: string;
}

export interface BucketDefinition {
  id: string;
  envVar: string;
  /** Browsers PUT to presigned URLs in this bucket, so it needs a CORS rule. */
  browserUploads?: boolean;
  /** Objects (e.g. uploaded rosters) are removed this many days after creation. */
  expireAfterDays?: number;
}

export interface SecretDefinition {
  id: string;
  /** Functions get the value as `<envName>` locally, or its ARN as `<envName>_SECRET_ARN` in AWS. */
  envName: string;
  description: string;
  /** `random`: CDK generates a random string; `provisioned`: `npm run secrets` must fill it before use. */
  generate: 'random' | 'provisioned';
}

export type Access = 'read' | 'write' | 'readwrite';
export type Grant =
  | { table: TableDefinition; access: Access }
  /** `delete` also allows deleting objects (and their versions): for files that must not outlive their processing. */
  | { bucket: BucketDefinition; access: Access; prefix?: string; delete?: boolean }
  | { idempotency: true }
  /**
   * Charges the per-client budget of public lookups (shared/rate-limit/lookup-budget.ts): the
   * rate-limit table (UpdateItem only), the budget figures of the stage, and the PII hash key that
   * addresses are hashed with.
   */
  | { lookupBudget: true }
  /** Puts domain events on the platform's event bus. */
  | { eventBus: 'publish' }
  | { secret: SecretDefinition };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseDefinition {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json (application/problem+json for an error status). */
  contentType?: string;
  /** Further content types the same status may answer with (a CSV beside the JSON, a script beside the HTML page). */
  alternatives?: { contentType: string; schema?: z.ZodType }[];
}

export interface RouteRequest {
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
}

export interface FunctionSettings {
  memoryMb?: number;
  timeoutSeconds?: number;
  /**
   * Files shipped with the bundle: `module` is resolved from the repo (or, starting with `./`,
   * is a folder of the repo), `to` is the path under the function root (a font next to
   * index.mjs, a wasm where a dependency looks it up, the web site folder).
   */
  bundledFiles?: { module: string; to: string }[];
}

export interface RouteDefinition<Req extends RouteRequest = RouteRequest> extends FunctionSettings {
  service: string;
  operationId: string;
  method: HttpMethod;
  /** An API Gateway route path such as `/public/certificates/{number}`, or `$default`. */
  path: string;
  summary: string;
  description?: string;
  /** `public` needs no token; otherwise the caller must be in one of these groups. */
  access: 'public' | readonly Group[];
  /** Absolute path of the handler module; it exports `handler`. */
  handler: string;
  request: Req;
  responses: Record<number, ResponseDefinition>;
  grants: Grant[];
  /** A creating POST that honours the `Idempotency-Key` header. */
  idempotent?: boolean;
  maxBodyBytes?: number;
  /** Docs-only routes (the docs page itself) are left out of the OpenAPI paths. */
  hiddenFromDocs?: boolean;
}

/**
 * An event filter in the Lambda / EventBridge pattern language: arrays list accepted values,
 * objects nest, and `{ prefix }`, `{ exists }` and `{ "anything-but" }` match as in AWS.
 */
export type FilterPattern = { [key: string]: FilterPattern | Array<string | number | boolean | null | Record<string, unknown>> };

export interface StreamConsumerDefinition extends FunctionSettings {
  service: string;
  id: string;
  handler: string;
  table: TableDefinition;
  filters: FilterPattern[];
  batchSize: number;
  maxRetries: number;
  bisectOnError: boolean;
  grants: Grant[];
}

export interface S3TriggerDefinition extends FunctionSettings {
  service: string;
  id: string;
  handler: string;
  bucket: BucketDefinition;
  prefix?: string;
  suffix?: string;
  grants: Grant[];
}

/**
 * Structured log lines of some functions delivered to a handler: a CloudWatch Logs subscription
 * filter in AWS, the local runtime's log tap locally. Used for audit trails that must not add
 * a storage call to a hot path.
 */
export interface LogSubscriptionDefinition extends FunctionSettings {
  service: string;
  id: string;
  handler: string;
  /** operationIds of the routes whose logs are read. */
  sourceOperations: string[];
  /** The JSON field and value that select a line, e.g. `audit` = `certificate.verified`. */
  match: { field: string; value: string };
  grants: Grant[];
}

/**
 * A function that receives domain events of other services (DESIGN §8): an EventBridge rule on
 * the platform bus matching these event types, with retries and a failure queue; locally the
 * runtime's event bus applies the same rule.
 */
export interface EventConsumerDefinition extends FunctionSettings {
  service: string;
  id: string;
  handler: string;
  /** Event types (EventBridge detail-type) delivered to the handler. */
  events: string[];
  grants: Grant[];
}

export interface ServiceDefinition {
  name: string;
  secrets?: SecretDefinition[];
  logSubscriptions?: LogSubscriptionDefinition[];
  tables: TableDefinition[];
  buckets: BucketDefinition[];
  routes: RouteDefinition[];
  /** Per route (operationId) and role, the expected allow/deny outcome: checked by tests, printed in the API docs. */
  accessMatrix?: AccessMatrix;
  streamConsumers: StreamConsumerDefinition[];
  s3Triggers: S3TriggerDefinition[];
  eventConsumers?: EventConsumerDefinition[];
}

/** Keeps the literal request schema types so handlers get typed params, query and body. */
export function defineRoute<Req extends RouteRequest>(route: RouteDefinition<Req>): RouteDefinition<Req> {
  return route;
}

/** A module path next to the caller, for `handler:` fields: `handlerPath(import.meta.url, './handlers/x.ts')`. */
export function handlerPath(base: string, relative: string): string {
  return new URL(relative, base).pathname;
}
