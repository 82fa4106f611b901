import fc from 'fast-check';
import type { z } from 'zod';
import type { RouteDefinition } from '../../../shared/service/definitions';
import { DEFAULT_MAX_BODY_BYTES } from '../../../shared/http/request';
import {
  CONTENT_TYPES,
  MALFORMED_BODIES,
  MARKER,
  badAuthorizations,
  clone,
  extraKey,
  hostileValue,
  markedStructure,
  pathTrick,
  queryTricks,
  setOwn,
  toJson,
} from './hostile';
import { fieldsOf, fieldsOfValue, mergeFields, sampleFromSchema, type FieldInfo, type Segment } from './schema';

/** One route with what a legitimate caller would send: the fuzzer mutates this. */
export interface FuzzTarget {
  route: RouteDefinition;
  /** A token of a group the route allows; undefined on public routes. */
  token?: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** A valid body (checked against the route's schema before the run). */
  body?: unknown;
  /** Whether a body passes validation here (default: the route's body schema). */
  isValid?: (body: unknown) => boolean;
  /**
   * A valid body is sent only when this says it is harmless in a runtime other test files share
   * (e.g. a matching round only as a dry run); otherwise it is made invalid first.
   */
  allowValid?: (body: Record<string, unknown>) => boolean;
}

export interface FuzzRequest {
  operationId: string;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
  /** The body passed the route's own validation locally (so a 2xx is legitimate). */
  valid: boolean;
}

type Mutation =
  | { op: 'set'; value: unknown }
  | { op: 'delete' }
  | { op: 'extra'; key: string; value: unknown }
  | { op: 'oversize'; where: 'field' | 'under' | 'over' }
  | { op: 'wrap'; as: 'array' | 'object' }
  | { op: 'duplicate'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 10, arbitrary: hostileValue.map((value) => ({ op: 'set' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ op: 'delete' as const }) },
  { weight: 4, arbitrary: fc.record({ key: extraKey, value: markedStructure }).map(({ key, value }) => ({ op: 'extra' as const, key, value })) },
  { weight: 3, arbitrary: fc.constantFrom('field', 'under', 'over').map((where) => ({ op: 'oversize' as const, where: where as 'field' | 'under' | 'over' })) },
  { weight: 1, arbitrary: fc.constantFrom('array', 'object').map((as) => ({ op: 'wrap' as const, as: as as 'array' | 'object' })) },
  { weight: 2, arbitrary: hostileValue.map((value) => ({ op: 'duplicate' as const, value })) },
);

function parentOf(root: unknown, path: Segment[]): { parent: Record<string | number, unknown>; key: Segment } | undefined {
  if (path.length === 0) return undefined;
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  if (!node || typeof node !== 'object') return undefined;
  return { parent: node as Record<string | number, unknown>, key: path[path.length - 1]! };
}

/** The JSON text of `base` with one mutation applied at `field`. */
export function mutateBody(base: unknown, field: FieldInfo, m: Mutation, maxBodyBytes: number): string {
  const body = clone(base);
  const at = parentOf(body, field.path);
  const set = (value: unknown): unknown => {
    if (!at) return value;
    if (Array.isArray(at.parent)) at.parent[at.key as number] = value;
    else setOwn(at.parent as Record<string, unknown>, String(at.key), value);
    return body;
  };
  const current = at ? at.parent[at.key] : body;
  switch (m.op) {
    case 'set':
      return toJson(set(m.value));
    case 'delete':
      if (!at) return '';
      if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
      else delete at.parent[at.key];
      return toJson(body);
    case 'extra': {
      const target = current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
      if (target) {
        setOwn(target, m.key, m.value);
        return toJson(body);
      }
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, m.key, m.value);
      return toJson(set(wrapper));
    }
    case 'oversize': {
      if (m.where === 'field') {
        const size = (field.maxLength ?? 1000) + 1;
        return toJson(set(MARKER + 'x'.repeat(size)));
      }
      const placeholder = '\u0001PAD\u0001';
      const text = toJson(set(placeholder));
      const fixed = Buffer.byteLength(text) - Buffer.byteLength(JSON.stringify(placeholder)) + 2;
      const room = m.where === 'under' ? maxBodyBytes - fixed - 16 : maxBodyBytes - fixed + 1;
      return text.replace(JSON.stringify(placeholder), JSON.stringify(MARKER + 'x'.repeat(Math.max(0, room - MARKER.length))));
    }
    case 'wrap':
      return toJson(set(m.as === 'array' ? [current] : { value: current }));
    case 'duplicate': {
      // The same member twice: JSON.parse keeps the last one, so the hostile value is what counts.
      const text = toJson(body);
      if (!at || Array.isArray(at.parent) || !text.startsWith('{') || field.path.length !== 1) return toJson(set(m.value));
      return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}${JSON.stringify(String(at.key))}:${toJson(m.value)}}`;
    }
  }
}

function fillPath(template: string, params: Record<string, string>, raw: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\+?\}/g, (_m, name: string) => raw[name] ?? encodeURIComponent(params[name] ?? 'x'));
}

/** All the hostile requests for one route, as one fast-check arbitrary (guarding is done by `guard`). */
export function requestArbitrary(target: FuzzTarget): fc.Arbitrary<Omit<FuzzRequest, 'valid'>> {
  const { route } = target;
  const maxBodyBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodySchema = route.request.body as z.ZodType | undefined;
  const base = target.body ?? (bodySchema ? sampleFromSchema(bodySchema) : undefined);
  const fields = bodySchema ? mergeFields(fieldsOf(bodySchema), fieldsOfValue(base)) : [];
  const paramNames = Object.keys(target.params);
  const query = new URLSearchParams(target.query).toString();
  const baseHeaders = (): Record<string, string | string[]> => ({
    ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
    ...(bodySchema ? { 'content-type': 'application/json' } : {}),
  });
  const path = (raw?: Record<string, string>, q = query) => `${fillPath(route.path, target.params, raw)}${q ? `?${q}` : ''}`;
  const baseText = bodySchema ? toJson(base) : undefined;
  const make = (kind: string, overrides: Partial<Omit<FuzzRequest, 'valid'>> = {}): Omit<FuzzRequest, 'valid'> => ({
    operationId: route.operationId,
    kind,
    method: route.method,
    path: path(),
    headers: baseHeaders(),
    body: baseText,
    ...overrides,
  });

  const kinds: { weight: number; arbitrary: fc.Arbitrary<Omit<FuzzRequest, 'valid'>> }[] = [];
  if (bodySchema && fields.length) {
    kinds.push({
      weight: 12,
      arbitrary: fc.record({ field: fc.constantFrom(...fields), m: mutation }).map(({ field, m }) => make(`body:${m.op}`, { body: mutateBody(base, field, m, maxBodyBytes) })),
    });
    kinds.push({ weight: 3, arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((body) => make('body:malformed', { body })) });
    kinds.push({
      weight: 2,
      arbitrary: fc.constantFrom(...CONTENT_TYPES, undefined).map((contentType) => {
        const headers = baseHeaders();
        if (contentType === undefined) delete headers['content-type'];
        else headers['content-type'] = contentType;
        return make('content-type', { headers });
      }),
    });
    kinds.push({ weight: 1, arbitrary: fc.constant(make('body:empty', { body: undefined })) });
  }
  if (paramNames.length) {
    kinds.push({
      weight: bodySchema ? 3 : 8,
      arbitrary: fc.record({ name: fc.constantFrom(...paramNames), value: pathTrick }).map(({ name, value }) => make('path', { path: path({ [name]: value }) })),
    });
  }
  kinds.push({ weight: route.request.query ? 6 : 2, arbitrary: queryTricks(target.query).map((q) => make('query', { path: path(undefined, q) })) });
  const badAuth = target.token ? badAuthorizations(target.token) : ['Bearer x.y.z', 'Basic Og=='];
  kinds.push({
    weight: 3,
    arbitrary: fc.oneof(
      fc.constantFrom(...badAuth).map((authorization) => {
        const headers = baseHeaders();
        if (authorization) headers.authorization = authorization;
        else delete headers.authorization;
        return make('header:authorization', { headers });
      }),
      fc.constantFrom<Record<string, string | string[]>>(
        { 'x-fuzz': 'a'.repeat(8000) },
        { 'user-agent': `${MARKER}${'\u00e9'.repeat(4000)}` },
        { accept: 'application/xml' },
        { accept: '*/*;q=0.1, text/html' },
        { 'accept-language': '\u00ff'.repeat(200) },
        { 'x-forwarded-for': '127.0.0.1, ::1, 169.254.169.254' },
        { origin: 'null' },
        { 'x-request-id': '../../etc' },
        { cookie: `__proto__=${MARKER}; constructor=1` },
        { authorization: ['Bearer a.b.c', 'Bearer d.e.f'] },
      ).map((extra) => make('header:odd', { headers: { ...baseHeaders(), ...extra } })),
      ...(route.idempotent
        ? [
            fc
              .constantFrom('', ' ', `${MARKER}${'k'.repeat(300)}`, '\u00e9\u00e9', 'a b', '__proto__', 'constructor', '\t', 'k'.repeat(255))
              .map((key) => make('header:idempotency-key', { headers: { ...baseHeaders(), 'idempotency-key': key } })),
          ]
        : []),
    ),
  });
  kinds.push({
    weight: 1,
    arbitrary: fc
      .constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')
      .filter((m) => m !== route.method)
      .map((method) => make('method', { method, body: method === 'GET' ? undefined : baseText })),
  });
  return fc.oneof(...kinds);
}

/**
 * Decides, for a generated request, whether its body is valid; a valid body is sent only up to
 * `cap` times per route and only when the target allows it, otherwise an unknown member (with
 * the marker) is added so the request is refused. Keeps the shared runtime free of fuzz side effects.
 */
export function guard(target: FuzzTarget, request: Omit<FuzzRequest, 'valid'>, validSoFar: Map<string, number>, cap: number): FuzzRequest {
  const schema = target.route.request.body as z.ZodType | undefined;
  if (!schema || request.body === undefined || typeof request.body !== 'string' || request.method === 'GET') return { ...request, valid: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return { ...request, valid: false };
  }
  const valid = target.isValid ? target.isValid(parsed) : schema.safeParse(parsed).success;
  if (!valid) return { ...request, valid: false };
  const count = validSoFar.get(target.route.operationId) ?? 0;
  const object = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  if (object && (count >= cap || (target.allowValid && !target.allowValid(object)))) {
    return { ...request, body: `${request.body.slice(0, -1)}${request.body.trim() === '{}' ? '' : ','}"${MARKER}":1}`, valid: false };
  }
  validSoFar.set(target.route.operationId, count + 1);
  return { ...request, valid: true };
}


/** Values that are valid text and must still be stored, rendered and processed without a crash. */
export const VALID_EDGE_TEXT = ['名\ud800字', '\u202e名字\u202c', '👨‍👩‍👧‍👦e\u0301', 'a\u0000b', 'ｆｕｌｌ①ﬁ', '<script>x</script>${x}'];

/**
 * For each value, the seed body with as many string leaves as stay valid set to that value: the
 * hostile-but-legal text goes all the way to storage and the background work behind it.
 */
export function edgeTextRequests(target: FuzzTarget, values = VALID_EDGE_TEXT): FuzzRequest[] {
  const schema = target.route.request.body as z.ZodType | undefined;
  if (!schema || target.body === undefined) return [];
  const isValid = target.isValid ?? ((b: unknown) => schema.safeParse(b).success);
  const leaves = fieldsOfValue(target.body).filter((f) => f.type === 'string');
  return values.flatMap((value) => {
    const body = clone(target.body) as Record<string, unknown>;
    let changed = false;
    for (const leaf of leaves) {
      const at = parentOf(body, leaf.path);
      if (!at) continue;
      const before = at.parent[at.key];
      at.parent[at.key] = value;
      if (isValid(JSON.parse(toJson(body))) && (!target.allowValid || target.allowValid(JSON.parse(toJson(body)) as Record<string, unknown>))) changed = true;
      else at.parent[at.key] = before;
    }
    if (!changed) return [];
    return [{
      operationId: target.route.operationId,
      kind: 'body:valid-edge-text',
      method: target.route.method,
      path: fillPath(target.route.path, target.params) + (Object.keys(target.query).length ? `?${new URLSearchParams(target.query).toString()}` : ''),
      headers: { ...(target.token ? { authorization: `Bearer ${target.token}` } : {}), 'content-type': 'application/json' },
      body: toJson(body),
      valid: true,
    }];
  });
}
