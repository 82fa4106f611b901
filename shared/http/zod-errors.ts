import type { z } from 'zod';
// Only these two locales: `z.locales` would bundle every language zod knows into each handler.
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { schemaTextOf, text, type Language } from './messages';
import type { FieldError } from './problem';

const LOCALE_ERRORS = { 'zh-CN': zhCN().localeError, en: en().localeError } satisfies Record<Language, unknown>;

/**
 * Parses input a caller sent, with zod's own messages ("expected string"…) in the caller's
 * language; messages the schema wrote itself come back through fieldErrors in both.
 */
export function safeParseFor<T extends z.ZodType>(schema: T, value: unknown, language: Language): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { error: LOCALE_ERRORS[language] }) as z.ZodSafeParseResult<z.output<T>>;
}

/** Renders a zod path as `records[3].person.idNumber`, prefixed by where it came from. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

const UNKNOWN_FIELD = text('未知字段', 'Unknown field');

/**
 * One FieldError per issue. zod's own messages are already in the language the parse was given
 * (a plain string); a message the schema wrote (schemaText) comes back in both languages, for
 * the answer to render in the caller's.
 */
export function fieldErrors(prefix: string, error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown key, so the caller sees exactly which field to drop.
      for (const key of issue.keys) {
        errors.push({ path: formatPath(prefix, [...issue.path, key]), message: UNKNOWN_FIELD, code: issue.code });
      }
      continue;
    }
    errors.push({ path: formatPath(prefix, issue.path), message: schemaTextOf(issue.message) ?? issue.message, code: issue.code });
  }
  return errors;
}
