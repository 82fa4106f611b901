import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/*
 * One logger, metrics and tracer per service, shared by that service's handlers. The logger
 * never receives request bodies or personal data: handlers log identifiers and counts only.
 */
const loggers = new Map<string, Logger>();
const metricsByService = new Map<string, Metrics>();
const tracers = new Map<string, Tracer>();

export const METRICS_NAMESPACE = 'TalentServices';

function once<T>(cache: Map<string, T>, service: string, create: () => T): T {
  let value = cache.get(service);
  if (!value) cache.set(service, (value = create()));
  return value;
}

export const loggerFor = (service: string): Logger =>
  once(loggers, service, () => new Logger({ serviceName: service, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' }));

export const metricsFor = (service: string): Metrics => once(metricsByService, service, () => new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service }));

export const tracerFor = (service: string): Tracer => once(tracers, service, () => new Tracer({ serviceName: service, captureHTTPsRequests: false }));

/**
 * The Powertools middlewares every function runs with: the logger gets the Lambda context (and
 * the X-Ray trace id), the invocation is a traced segment, metrics are flushed with a cold-start
 * count. Locally metrics are off; skipping the flush also skips its "no metrics" warning.
 */
export function powertools(service: string): middy.MiddlewareObj[] {
  const metricsEnabled = process.env.POWERTOOLS_METRICS_DISABLED !== 'true';
  return [
    injectLambdaContext(loggerFor(service), { resetKeys: true }),
    captureLambdaHandler(tracerFor(service)),
    ...(metricsEnabled ? [logMetrics(metricsFor(service), { captureColdStartMetric: true })] : []),
  ];
}

/** A stream, S3, log or event handler with the same observability as the HTTP routes. */
export function observed<E, R>(service: string, handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return middy<E, R>(handler).use(powertools(service));
}

/** X-Ray subsegments for every call an SDK client makes (no-op where tracing is off, as locally). */
export function traced<T>(client: T): T {
  return tracerFor('aws-sdk').captureAWSv3Client(client);
}
