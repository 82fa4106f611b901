import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumerDefinition } from '../../shared/service/definitions';
import type { FailureDestination } from './failure-destination';
import { passesFilters } from './filter-pattern';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';

/** Where each mapping got to in each shard, so a restart resumes instead of replaying (persistent mode). */
export class Checkpoints {
  private readonly positions: Record<string, string>;
  constructor(private readonly file?: string) {
    this.positions = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }
  get(key: string): string | undefined {
    return this.positions[key];
  }
  set(key: string, sequenceNumber: string): void {
    this.positions[key] = sequenceNumber;
    if (this.file) writeFileSync(this.file, JSON.stringify(this.positions));
  }
}

export interface PollerOptions {
  consumer: StreamConsumerDefinition;
  tableName: string;
  ddb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  failures: FailureDestination;
  checkpoints: Checkpoints;
  pollIntervalMs?: number;
}

/** The record as Lambda delivers it (epoch-second timestamps, source ARN and region). */
function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : (created as number | undefined),
    },
  };
}

/**
 * Emulates a Lambda event source mapping on a DynamoDB stream: filter criteria, batch size,
 * retries, bisect-on-error, partial batch responses (ReportBatchItemFailures) and an
 * on-failure destination. Records of one shard are delivered in order.
 */
export class StreamPoller {
  private running = false;
  private loop?: Promise<void>;
  /** Bumped after each delivered batch; tests and the CLI use it to wait for quiet. */
  delivered = 0;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run().catch((error) => console.error(`[streams] ${this.options.consumer.id} stopped:`, error));
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private get name() {
    return `${this.options.consumer.service}.${this.options.consumer.id}`;
  }

  private async run(): Promise<void> {
    const { ddb, tableName } = this.options;
    const table = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${tableName} has no stream`);
    const iterators = new Map<string, string | undefined>();
    while (this.running) {
      try {
        await this.acquireIterators(streamArn, iterators);
        const idle = await this.pollShards(streamArn, iterators);
        if (idle) await sleep(this.options.pollIntervalMs ?? 200);
      } catch (error) {
        // Like an event source mapping, never give up: drop the iterators, resume from the
        // checkpoints on the next round.
        console.warn(`[streams] ${this.name}: ${(error as Error).name}; resuming from the last checkpoint`);
        iterators.clear();
        await sleep(500);
      }
    }
  }

  private async acquireIterators(streamArn: string, iterators: Map<string, string | undefined>): Promise<void> {
    const { streams, checkpoints } = this.options;
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const after = checkpoints.get(`${this.name}/${shard.ShardId}`);
      const request = (type: 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON') =>
        streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: type, SequenceNumber: type === 'AFTER_SEQUENCE_NUMBER' ? after : undefined }));
      let iterator;
      try {
        iterator = await request(after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON');
      } catch (error) {
        // A checkpoint older than the stream's retention: start from the oldest record kept.
        if ((error as Error).name !== 'TrimmedDataAccessException' || !after) throw error;
        iterator = await request('TRIM_HORIZON');
      }
      iterators.set(shard.ShardId, iterator.ShardIterator);
    }
  }

  /** One GetRecords per open shard; returns whether every shard was quiet. */
  private async pollShards(streamArn: string, iterators: Map<string, string | undefined>): Promise<boolean> {
    const { streams, checkpoints } = this.options;
    let idle = true;
    for (const [shardId, iterator] of iterators) {
      if (!iterator || !this.running) continue;
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      } catch (error) {
        const name = (error as Error).name;
        if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
        iterators.delete(shardId); // re-acquired from the checkpoint next round
        continue;
      }
      iterators.set(shardId, page.NextShardIterator);
      const records = (page.Records ?? []).map((r) => toLambdaRecord(r, streamArn));
      if (records.length) idle = false;
      for (let i = 0; i < records.length; i += this.options.consumer.batchSize) {
        const batch = records.slice(i, i + this.options.consumer.batchSize);
        await this.deliver(batch.filter((r) => passesFilters(this.options.consumer.filters, r)));
        checkpoints.set(`${this.name}/${shardId}`, batch.at(-1)!.dynamodb!.SequenceNumber!);
        this.delivered++;
      }
    }
    return idle;
  }

  /** Delivers a batch with the mapping's retry, bisect and partial-failure semantics. */
  private async deliver(records: DynamoDBRecord[]): Promise<void> {
    if (!records.length) return;
    const { consumer } = this.options;
    let pending = records;
    let attempts = 0;
    for (;;) {
      attempts++;
      let failedFrom: number;
      let error: string;
      try {
        const handler = await loadHandler(consumer.handler);
        const result = (await handler({ Records: pending } satisfies DynamoDBStreamEvent, lambdaContext(`tsp-local-${consumer.id}`, consumer.timeoutSeconds ?? 60))) as
          | { batchItemFailures?: { itemIdentifier: string }[] }
          | undefined;
        const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        if (failed.size === 0) return;
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb!.SequenceNumber!));
        error = 'reported as a batch item failure';
        if (failedFrom < 0) return;
      } catch (thrown) {
        error = (thrown as Error).message;
        if (consumer.bisectOnError && pending.length > 1) {
          const middle = Math.ceil(pending.length / 2);
          await this.deliver(pending.slice(0, middle));
          await this.deliver(pending.slice(middle));
          return;
        }
        failedFrom = 0;
      }
      // Like Lambda, resume from the first failed record; the ones before it are done.
      pending = pending.slice(failedFrom);
      if (attempts > consumer.maxRetries) {
        for (const record of pending) {
          this.options.failures.put({ at: new Date().toISOString(), source: 'dynamodb-stream', consumer: this.name, attempts, error, payload: record });
        }
        return;
      }
      await sleep(Math.min(1000, 50 * 2 ** attempts));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
