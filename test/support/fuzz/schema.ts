import { z } from 'zod';

/*
 * What the fuzzer knows about a request part, derived from its zod schema through
 * z.toJSONSchema: every field path with its JSON type and length limit. Mutating one field of a
 * valid body at a time reaches each field's validation, not just the first check that fails.
 */
export type Segment = string | number;
export interface FieldInfo {
  path: Segment[];
  type?: string;
  maxLength?: number;
  /** Object fields: the keys it allows (strict objects refuse any other). */
  properties?: string[];
}

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  pattern?: string;
  minItems?: number;
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function resolver(root: JsonSchema) {
  return function resolve(node: JsonSchema): JsonSchema {
    let current = node;
    for (let i = 0; current.$ref && i < 20; i++) {
      const name = current.$ref.replace(/^#\/\$defs\//, '');
      current = { ...root.$defs?.[name], ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== '$ref')) };
    }
    const branch = current.anyOf ?? current.oneOf ?? current.allOf;
    if (!current.type && !current.properties && branch?.length) {
      const concrete = branch.map(resolve).find((b) => b.type !== 'null');
      if (concrete) current = { ...concrete, ...current, anyOf: undefined, oneOf: undefined, allOf: undefined };
    }
    return current;
  };
}

/** Every field path the schema describes (arrays as their first element), with type and limit. */
export function fieldsOf(schema: z.ZodType): FieldInfo[] {
  const root = jsonSchemaOf(schema);
  const resolve = resolver(root);
  const out: FieldInfo[] = [];
  const walk = (node: JsonSchema, path: Segment[], depth: number) => {
    const n = resolve(node);
    const type = Array.isArray(n.type) ? n.type.find((t) => t !== 'null') : n.type;
    out.push({ path, type, maxLength: n.maxLength, properties: n.properties ? Object.keys(n.properties) : undefined });
    if (depth > 8) return;
    for (const [key, child] of Object.entries(n.properties ?? {})) walk(child, [...path, key], depth + 1);
    if (n.items) walk(n.items, [...path, 0], depth + 1);
  };
  walk(root, [], 0);
  return out;
}

/** Paths present in an actual value (e.g. inside `items: unknown[]`, which the schema leaves open). */
export function fieldsOfValue(value: unknown, path: Segment[] = [], out: FieldInfo[] = []): FieldInfo[] {
  if (Array.isArray(value)) {
    out.push({ path, type: 'array' });
    value.forEach((v, i) => fieldsOfValue(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    out.push({ path, type: 'object', properties: Object.keys(value) });
    for (const [k, v] of Object.entries(value)) fieldsOfValue(v, [...path, k], out);
  } else {
    out.push({ path, type: typeof value === 'number' ? 'number' : typeof value });
  }
  return out;
}

/** Schema paths and value paths together, one entry per path (the schema's limits win). */
export function mergeFields(...lists: FieldInfo[][]): FieldInfo[] {
  const byKey = new Map<string, FieldInfo>();
  for (const list of lists) {
    for (const field of list) {
      const key = JSON.stringify(field.path);
      const known = byKey.get(key);
      byKey.set(key, known ? { ...field, ...known, maxLength: known.maxLength ?? field.maxLength } : field);
    }
  }
  return [...byKey.values()];
}

/**
 * A best-effort valid-looking value from the JSON schema, for routes without a hand-written seed
 * (a new route is still fuzzed, just less deeply until someone writes its seed).
 */
export function sampleFromSchema(schema: z.ZodType): unknown {
  const root = jsonSchemaOf(schema);
  const resolve = resolver(root);
  const gen = (node: JsonSchema, depth: number): unknown => {
    const n = resolve(node);
    if (n.default !== undefined) return n.default;
    if (n.const !== undefined) return n.const;
    if (n.enum?.length) return n.enum[0];
    const type = Array.isArray(n.type) ? n.type.find((t) => t !== 'null') : n.type;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const key of n.required ?? []) if (n.properties?.[key] && depth < 8) out[key] = gen(n.properties[key], depth + 1);
        return out;
      }
      case 'array':
        return n.items && (n.minItems ?? 0) > 0 ? [gen(n.items, depth + 1)] : [];
      case 'integer':
      case 'number':
        return n.minimum ?? 1;
      case 'boolean':
        return true;
      case 'string':
        if (n.pattern === '^\\d{6}$') return '650000';
        return 'x'.repeat(Math.max(1, n.minLength ?? 1));
      default:
        return null;
    }
  };
  return gen(root, 0);
}
