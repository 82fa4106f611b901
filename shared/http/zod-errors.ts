import type { z } from 'zod';
import type { FieldError } from './problem';

/** Renders a zod path as `records[3].person.idNumber`, prefixed by where it came from. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** zod's messages are already rendered (in the language zod was given), so they are plain strings. */
export function fieldErrors(prefix: string, error: z.ZodError): (FieldError & { message: string })[] {
  const errors: (FieldError & { message: string })[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown key, so the caller sees exactly which field to drop.
      for (const key of issue.keys) {
        errors.push({ path: formatPath(prefix, [...issue.path, key]), message: 'Unknown field', code: issue.code });
      }
      continue;
    }
    errors.push({ path: formatPath(prefix, issue.path), message: issue.message, code: issue.code });
  }
  return errors;
}
