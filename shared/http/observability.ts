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

export function loggerFor(service: string): Logger {
  let logger = loggers.get(service);
  if (!logger) {
    logger = new Logger({ serviceName: service, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
    loggers.set(service, logger);
  }
  return logger;
}

export function metricsFor(service: string): Metrics {
  let metrics = metricsByService.get(service);
  if (!metrics) {
    metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
    metricsByService.set(service, metrics);
  }
  return metrics;
}

export function tracerFor(service: string): Tracer {
  let tracer = tracers.get(service);
  if (!tracer) {
    tracer = new Tracer({ serviceName: service, captureHTTPsRequests: false });
    tracers.set(service, tracer);
  }
  return tracer;
}
