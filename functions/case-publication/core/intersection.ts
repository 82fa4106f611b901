import type { Position } from './cursor';
import type { CaseCard } from './model';

/*
 * The join behind a search (app/public-listing.ts): cases present in every one of several
 * lists that share one order (newest first), a page at a time.
 *
 * It is a leapfrog join: each list is read from a position (`isk < position`, one key-condition
 * Query), so a list can jump past everything the other lists have already ruled out instead of
 * being read through. The oldest of the lists' current heads is where every list must go next;
 * when all heads are the same case, it matches. The work done follows the rarest list, not
 * common terms such as 人才 that are in nearly every case. A page also stops after a fixed
 * number of reads and hands back the exact position it reached, so no query can run long.
 *
 * Once one list has been read to its end (a rare term: its first read held all of it), its
 * entries are every case the page can still show. Jumping the other lists to each of them would
 * cost a read per candidate and per list; instead the candidates the other lists' buffers cannot
 * already decide are looked up by key, newest first, up to PROBE_KEYS at once (one BatchGetItem).
 */

/** One entry of a list: its place in the order; listing entries carry the case's card. */
export interface ListEntry {
  order: string;
  card?: CaseCard;
}

export interface Bound {
  key: string;
  inclusive: boolean;
}

/** Up to `limit` entries of `list`, newest first, at or below `below`; `complete` when nothing older is left. */
export type Seek = (list: string, below: Bound | undefined, limit: number) => Promise<{ entries: ListEntry[]; complete: boolean }>;

/** Which of these (list, entry) pairs exist, with their entries (listing entries with their cards). */
export type Probe = (wanted: readonly { list: string; order: string }[]) => Promise<{ list: string; entry: ListEntry }[]>;

export const SEARCH_READ_BUDGET = 60;
/** Keys looked up at once by a probe: what one BatchGetItem takes. */
export const PROBE_KEYS = 100;
/**
 * How many entries a read asks for while intersecting: about one 4 KB read unit to start with
 * (listing entries carry cards, postings only keys), twice as many on each further read of the
 * same list — a list read again and again is being walked through rather than jumped in.
 */
const FIRST_READ = { listing: 8, postings: 32 };
const MAX_READ = 256;

/** One list being read: what the last read returned (newest first) and whether that was all. */
interface Lane {
  list: string;
  buffer: ListEntry[];
  /** Nothing at or below the last read's bound remains unread. */
  complete: boolean;
  perRead: number;
  maxRead: number;
}

const below = (bound: Bound | undefined, order: string) => !bound || (bound.inclusive ? order <= bound.key : order < bound.key);

export interface JoinPage {
  entries: ListEntry[];
  /** Where the next page starts, when there may be more. */
  next?: Position;
}

export interface ListReader {
  seek: Seek;
  /** Without it, the join only leapfrogs. */
  probe?: Probe;
  /** Reads (seeks and probes) a page may make. */
  budget?: number;
}

/**
 * Up to `limit` entries present in every one of `lists` (the first is the listing, whose
 * entries are returned), from `start` down.
 */
export async function intersect(lists: string[], start: Position | undefined, limit: number, reader: ListReader): Promise<JoinPage> {
  const { seek, probe, budget = SEARCH_READ_BUDGET } = reader;
  // Alone, the listing is read a page at a time: one Query per page.
  const lanes: Lane[] =
    lists.length === 1
      ? [{ list: lists[0]!, buffer: [], complete: false, perRead: limit + 1, maxRead: limit + 1 }]
      : lists.map((list, i) => ({ list, buffer: [], complete: false, perRead: i === 0 ? FIRST_READ.listing : FIRST_READ.postings, maxRead: i === 0 ? limit + 1 : MAX_READ }));
  let reads = 0;

  /** The newest entry of the lane at or below the bound, reading on when its buffer runs out. */
  const head = async (lane: Lane, bound: Bound | undefined): Promise<ListEntry | undefined> => {
    lane.buffer = lane.buffer.filter((entry) => below(bound, entry.order));
    if (lane.buffer.length > 0 || lane.complete) return lane.buffer[0];
    reads += 1;
    const { entries, complete } = await seek(lane.list, bound, lane.perRead);
    Object.assign(lane, { buffer: entries, complete, perRead: Math.min(lane.perRead * 2, lane.maxRead) });
    return entries[0];
  };

  const found: ListEntry[] = [];
  let bound: Bound | undefined = start && { key: start.after, inclusive: start.inclusive === true };
  while (found.length <= limit) {
    if (reads >= budget && lists.length > 1) {
      // Out of budget: the next page starts exactly where this one stopped looking.
      return { entries: found, next: bound && { after: bound.key, ...(bound.inclusive ? { inclusive: true as const } : {}) } };
    }
    // A list read to its end with nothing left below the bound ends the join without reading the others.
    if (lanes.some((lane) => lane.complete && !lane.buffer.some((entry) => below(bound, entry.order)))) break;
    const heads = await Promise.all(lanes.map((lane) => head(lane, bound)));
    if (heads.some((h) => h === undefined)) break;
    if (probe && lanes.length > 1 && lanes.some((lane) => lane.complete)) {
      reads += 1; // at most: a probe the buffers make needless sends nothing
      const { matches, resolvedDownTo } = await probeCandidates(lanes, probe);
      found.push(...matches);
      // Every candidate down to the last one probed is decided; the join goes on below it.
      bound = { key: resolvedDownTo, inclusive: false };
      continue;
    }
    const oldest = heads.reduce((min, h) => (h!.order < min ? h!.order : min), heads[0]!.order);
    if (heads.every((h) => h!.order === oldest)) {
      found.push(heads[0]!);
      bound = { key: oldest, inclusive: false };
    } else {
      bound = { key: oldest, inclusive: true };
    }
  }
  const page = found.slice(0, limit);
  return { entries: page, next: found.length > limit ? { after: page.at(-1)!.order } : undefined };
}

/**
 * Decides the newest candidates of the lanes read to their end: those in every such lane's
 * buffer. A lane still being read decides the candidates its buffer reaches down to (present or
 * not); the rest are looked up with one probe of at most PROBE_KEYS keys. Returns the matches
 * (with the listing's entry, which carries the card) and the oldest candidate decided.
 */
async function probeCandidates(lanes: Lane[], probe: Probe): Promise<{ matches: ListEntry[]; resolvedDownTo: string }> {
  const settled = lanes.filter((lane) => lane.complete);
  const candidates = settled[0]!.buffer.map((entry) => entry.order).filter((order) => settled.every((lane) => lane.buffer.some((entry) => entry.order === order)));
  const open = lanes.map((lane, index) => ({ lane, index })).filter(({ lane }) => !lane.complete);
  const known = (lane: Lane, order: string) => lane.buffer.find((entry) => entry.order === order) ?? (order >= lane.buffer.at(-1)!.order ? null : undefined);

  const wanted: { list: string; order: string }[] = [];
  let decided = 0;
  for (const order of candidates) {
    const unknown = open.filter(({ lane }) => known(lane, order) === undefined);
    if (decided > 0 && wanted.length + unknown.length > PROBE_KEYS) break;
    wanted.push(...unknown.map(({ lane }) => ({ list: lane.list, order })));
    decided += 1;
  }
  const probed = wanted.length ? await probe(wanted) : [];
  const hit = (list: string, order: string) => probed.find((p) => p.list === list && p.entry.order === order)?.entry;

  const matches: ListEntry[] = [];
  for (const order of candidates.slice(0, decided)) {
    const entries = lanes.map((lane) => (lane.complete ? lane.buffer.find((entry) => entry.order === order) : (known(lane, order) ?? hit(lane.list, order))));
    if (entries.every((entry) => entry)) matches.push(entries[0]!);
  }
  return { matches, resolvedDownTo: candidates[decided - 1]! };
}
