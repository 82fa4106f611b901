import type { FilterPattern } from '../../shared/service/definitions';

/*
 * The Lambda event-filtering / EventBridge pattern language, for the subset this platform's
 * mappings use: value lists, nested objects, `prefix`, `exists`, `anything-but` and
 * `numeric`. A record passes a mapping when it matches any one of its patterns.
 */
type Matcher = string | number | boolean | null | Record<string, unknown>;

function matchesValue(matcher: Matcher, value: unknown): boolean {
  if (matcher === null || typeof matcher !== 'object') return value === matcher;
  if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(String(matcher.prefix));
  if ('exists' in matcher) return (value !== undefined) === Boolean(matcher.exists);
  if ('anything-but' in matcher) {
    const excluded = matcher['anything-but'];
    const list = Array.isArray(excluded) ? excluded : [excluded];
    return value !== undefined && !list.includes(value);
  }
  if ('numeric' in matcher) {
    const ops = matcher.numeric as (string | number)[];
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || Number.isNaN(n)) return false;
    for (let i = 0; i < ops.length; i += 2) {
      const op = ops[i];
      const bound = Number(ops[i + 1]);
      const ok = op === '=' ? n === bound : op === '>' ? n > bound : op === '>=' ? n >= bound : op === '<' ? n < bound : op === '<=' ? n <= bound : false;
      if (!ok) return false;
    }
    return true;
  }
  return false;
}

export function matchesPattern(pattern: FilterPattern, record: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    const value = record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      const candidates = Array.isArray(value) ? value : [value];
      const exists = expected.some((m) => typeof m === 'object' && m !== null && 'exists' in m);
      if (exists && value === undefined) {
        if (!expected.some((m) => matchesValue(m as Matcher, undefined))) return false;
        continue;
      }
      if (!candidates.some((v) => expected.some((m) => matchesValue(m as Matcher, v)))) return false;
    } else if (!matchesPattern(expected, value)) {
      return false;
    }
  }
  return true;
}

export function passesFilters(patterns: FilterPattern[], record: unknown): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(p, record));
}
