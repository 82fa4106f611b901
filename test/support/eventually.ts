/**
 * Polls `read` until `check` holds: events travel asynchronously (stream → bus → consumer), so an
 * end-to-end test waits for their effect, up to 45 s, and says what it waited for if it never came.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
