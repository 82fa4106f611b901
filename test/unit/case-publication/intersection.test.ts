import { describe, expect, it } from 'vitest';
import type { Position } from '../../../functions/case-publication/core/cursor';
import { intersect, type Seek } from '../../../functions/case-publication/core/intersection';

/** Lists held in memory, sorted newest first, read the way the inverted index is queried. */
function memoryLists(lists: Record<string, string[]>) {
  const reads: { list: string; limit: number }[] = [];
  const seek: Seek = async (list, below, limit) => {
    reads.push({ list, limit });
    const all = (lists[list] ?? []).filter((order) => !below || (below.inclusive ? order <= below.key : order < below.key));
    return { entries: all.slice(0, limit).map((order) => ({ order })), complete: all.length <= limit };
  };
  return { seek, reads };
}

const order = (n: number) => `2026-01-01T00:00:00.000Z#${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const newestFirst = (ns: number[]) => [...new Set(ns)].sort((a, b) => b - a).map(order);

let seed = 11;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** Every page from the start, following each page's position, as a client following cursors does. */
async function walk(names: string[], seek: Seek, limit: number, budget?: number) {
  const pages: { size: number; next?: Position }[] = [];
  const found: string[] = [];
  let start: Position | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = await intersect(names, start, limit, seek, budget);
    found.push(...page.entries.map((e) => e.order));
    pages.push({ size: page.entries.length, next: page.next });
    if (!page.next) return { found, pages };
    start = page.next;
  }
  throw new Error('did not end');
}

describe('the leapfrog join of sorted lists', () => {
  it('reads a list on its own one page per read', async () => {
    const { seek, reads } = memoryLists({ all: newestFirst([...Array(50).keys()]) });
    const page = await intersect(['all'], undefined, 20, seek);
    expect(page.entries.map((e) => e.order)).toEqual(newestFirst([...Array(50).keys()]).slice(0, 20));
    expect(page.next).toEqual({ after: order(30) });
    expect(reads).toEqual([{ list: 'all', limit: 21 }]);
  });

  it('finds exactly the entries in every list, newest first, across pages — also when each page runs out of reads', async () => {
    let stoppedEarly = 0;
    for (let round = 0; round < 40; round++) {
      const universe = [...Array(400).keys()];
      const lists = {
        listing: newestFirst(universe.filter(() => random() < 0.7)),
        common: newestFirst(universe.filter(() => random() < 0.9)),
        rare: newestFirst(universe.filter(() => random() < 0.05 + random() * 0.2)),
        alternate: newestFirst(universe.filter((n) => n % 2 === round % 2 || random() < 0.1)),
      };
      const names = ['listing', 'common', 'rare', 'alternate'].slice(0, 2 + (round % 3));
      const want = lists.listing.filter((o) => names.every((name) => lists[name as keyof typeof lists].includes(o)));
      const limit = 1 + (round % 9);
      const { seek } = memoryLists(lists);
      // A budget of a few reads forces pages that stop early with an inclusive position.
      const budget = round % 2 === 0 ? 3 : undefined;
      const { found, pages } = await walk(names, seek, limit, budget);
      expect(found, `round ${round}`).toEqual(want);
      expect(pages.every((p) => p.size <= limit)).toBe(true);
      stoppedEarly += pages.filter((p) => p.next && p.size < limit).length;
    }
    // The budget did cut pages short, and following their positions still found everything.
    expect(stoppedEarly).toBeGreaterThan(0);
  });

  it('is bounded by the rarest list: a common term costs few reads next to a rare one', async () => {
    const universe = [...Array(5000).keys()];
    const { seek, reads } = memoryLists({ listing: newestFirst(universe), everywhere: newestFirst(universe), rare: newestFirst([4990, 3000, 1500, 10]) });
    const page = await intersect(['listing', 'everywhere', 'rare'], undefined, 20, seek);
    expect(page.entries.map((e) => e.order)).toEqual(newestFirst([4990, 3000, 1500, 10]));
    expect(page.next).toBeUndefined();
    expect(reads.length).toBeLessThanOrEqual(12);
  });

  it('stops at the read budget with the exact position reached, and resumes from it', async () => {
    const universe = [...Array(2000).keys()];
    // Two lists that never agree: the join must walk them and would take many reads.
    const { seek } = memoryLists({ listing: newestFirst(universe.filter((n) => n % 2 === 0)), odd: newestFirst(universe.filter((n) => n % 2 === 1 || n === 4)) });
    const first = await intersect(['listing', 'odd'], undefined, 5, seek, 4);
    expect(first.entries).toEqual([]);
    expect(first.next).toBeDefined();
    const { found } = await walk(['listing', 'odd'], seek, 5, 4);
    expect(found).toEqual([order(4)]);
  });
});
