import type { EventLogLine } from './event-bus';
import { issueLocalToken } from './tokens';

/*
 * `npm run events`: follows the local runtime's event bus — each domain event as it is put, and
 * how each consumer's delivery ended. TSP_URL (default http://127.0.0.1:$PORT, PORT 3000) names
 * the runtime. /_local/events is for admins: this command signs an admin token with the local key
 * in .local/ (as `npm run token -- admin` does), so it follows a runtime started from this folder.
 */
const base = process.env.TSP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
/** A line is printed once its deliveries are settled, or after this long with what is known. */
const SETTLE_MS = 10_000;

/** A fresh admin token every half hour (each lives an hour): the command may follow for days. */
let token: { value: string; until: number } | undefined;
async function adminToken(): Promise<string> {
  if (!token || Date.now() > token.until) token = { value: await issueLocalToken({ group: 'admin', ttlSeconds: 3600 }), until: Date.now() + 1800_000 };
  return token.value;
}

class Refused extends Error {}

const pending = new Map<number, { line: EventLogLine; firstSeen: number }>();
let after = 0;

function print(line: EventLogLine): void {
  const deliveries = Object.entries(line.deliveries);
  const outcome = deliveries.length ? deliveries.map(([consumer, status]) => `${consumer}: ${status}`).join(', ') : 'no consumer';
  process.stdout.write(`${line.at}  ${line.type.padEnd(24)} ${line.source.padEnd(24)} ${line.id}  → ${outcome}\n`);
}

async function poll(): Promise<void> {
  // From the oldest line still waiting for its deliveries.
  const since = pending.size ? Math.min(...pending.keys()) - 1 : after;
  const res = await fetch(`${base}/_local/events?after=${since}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
  if (res.status === 401 || res.status === 403) {
    throw new Refused(`${base} refused the admin token (${res.status}): was that runtime started from this folder (same .local/, or TSP_LOCAL_DIR)?`);
  }
  const { events } = (await res.json()) as { events: EventLogLine[] };
  for (const line of events) {
    if (line.seq > after) {
      pending.set(line.seq, { line, firstSeen: Date.now() });
      after = line.seq;
    } else if (pending.has(line.seq)) {
      pending.get(line.seq)!.line = line;
    }
  }
  for (const [seq, { line, firstSeen }] of pending) {
    if (Object.values(line.deliveries).every((s) => s !== 'pending') || Date.now() - firstSeen > SETTLE_MS) {
      print(line);
      pending.delete(seq);
    }
  }
}

process.stdout.write(`Following domain events at ${base} (Ctrl-C to stop)…\n`);
for (;;) {
  try {
    await poll();
  } catch (error) {
    if (error instanceof Refused) process.stderr.write(`${error.message} Retrying…\n`);
    else process.stderr.write(`No runtime answers at ${base}; is \`npm start\` running? Retrying…\n`);
    await new Promise((r) => setTimeout(r, 4000));
  }
  await new Promise((r) => setTimeout(r, 1000));
}
