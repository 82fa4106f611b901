import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

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
