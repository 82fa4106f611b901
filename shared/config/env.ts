import * as z from 'zod';

/**
 * Parses the environment once, at cold start, so a misconfigured function fails loudly on
 * its first invocation instead of half-working. Each module asks only for what it uses.
 */
export function loadConfig<T extends z.ZodRawShape>(shape: T, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const names = result.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Invalid function configuration: ${names}`);
  }
  return result.data;
}

/** Lazily parsed configuration: parsed on first use and cached for the life of the container. */
export function lazyConfig<T extends z.ZodRawShape>(shape: T): () => z.infer<z.ZodObject<T>> {
  let cached: z.infer<z.ZodObject<T>> | undefined;
  return () => (cached ??= loadConfig(shape));
}
