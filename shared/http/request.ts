import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { text, type Language } from './messages';
import { problems, type FieldError } from './problem';
import { fieldErrors, safeParseFor } from './zod-errors';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function rawBody(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** Parses a JSON body, refusing oversize, non-JSON media types and malformed text with 4xx. */
export function parseJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const bytes = rawBody(event);
  if (bytes === undefined) return undefined;
  if (bytes.length > maxBytes) throw problems.payloadTooLarge(maxBytes);
  const contentType = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/.test(contentType)) throw problems.unsupportedMediaType();
  try {
    return JSON.parse(bytes.toString('utf8'), rejectPrototypeKeys);
  } catch (error) {
    if (error instanceof ProtoKeyError) {
      throw problems.validation([{ path: 'body', message: text(`不允许使用键名“${error.key}”`, `Forbidden key "${error.key}"`) }]);
    }
    throw problems.malformedJson();
  }
}

/** A body whose fields are all optional (the schema accepts `{}`) may be left out: OpenAPI says `required: false`. */
export function isBodyOptional(schema: z.ZodType): boolean {
  return schema.safeParse({}).success || schema.safeParse(undefined).success;
}

/**
 * The route's body as JSON; a request without one reads as `{}` when the schema accepts `{}`
 * (decline with no reason, move a case with no comment), and stays missing (400) otherwise.
 */
export function parseRequestBody(event: APIGatewayProxyEventV2, schema: z.ZodType, maxBytes: number): unknown {
  const body = parseJsonBody(event, maxBytes);
  return body === undefined && schema.safeParse({}).success ? {} : body;
}

class ProtoKeyError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** `__proto__` and friends never mean anything in this API; refusing them closes off pollution tricks. */
function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new ProtoKeyError(key);
  return value;
}

interface Part {
  prefix: string;
  schema: z.ZodType | undefined;
  value: unknown;
}

/** Validates params, query and body together so a caller sees every problem at once, in the caller's language. */
export function validateParts(parts: Part[], language: Language): unknown[] {
  const errors: FieldError[] = [];
  const values = parts.map(({ prefix, schema, value }) => {
    if (!schema) return undefined;
    const result = safeParseFor(schema, value, language);
    if (result.success) return result.data;
    errors.push(...fieldErrors(prefix, result.error));
    return undefined;
  });
  if (errors.length > 0) throw problems.validation(errors);
  return values;
}
