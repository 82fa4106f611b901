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

export const SEARCH_READ_BUDGET = 60;
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

/**
 * Up to `limit` entries present in every one of `lists` (the first is the listing, whose
 * entries are returned), from `start` down.
 */
export async function intersect(lists: string[], start: Position | undefined, limit: number, seek: Seek, budget = SEARCH_READ_BUDGET): Promise<JoinPage> {
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
    const heads = await Promise.all(lanes.map((lane) => head(lane, bound)));
    if (heads.some((h) => h === undefined)) break;
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
