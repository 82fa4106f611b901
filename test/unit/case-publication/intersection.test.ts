import { describe, expect, it } from 'vitest';
import type { Position } from '../../../functions/case-publication/core/cursor';
import { intersect, PROBE_KEYS, type ListReader, type Probe, type Seek } from '../../../functions/case-publication/core/intersection';

/** Lists held in memory, sorted newest first, read the way the inverted index is queried. */
function memoryLists(lists: Record<string, string[]>) {
  const reads: { list: string; limit: number }[] = [];
  const seek: Seek = async (list, below, limit) => {
    reads.push({ list, limit });
    const all = (lists[list] ?? []).filter((order) => !below || (below.inclusive ? order <= below.key : order < below.key));
    return { entries: all.slice(0, limit).map((order) => ({ order })), complete: all.length <= limit };
  };
  const probes: number[] = [];
  const probe: Probe = async (wanted) => {
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThanOrEqual(PROBE_KEYS);
    probes.push(wanted.length);
    return wanted.filter(({ list, order }) => (lists[list] ?? []).includes(order)).map(({ list, order }) => ({ list, entry: { order } }));
  };
  return { seek, probe, reads, probes };
}

const order = (n: number) => `2026-01-01T00:00:00.000Z#${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const newestFirst = (ns: number[]) => [...new Set(ns)].sort((a, b) => b - a).map(order);

let seed = 11;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** Every page from the start, following each page's position, as a client following cursors does. */
async function walk(names: string[], reader: ListReader, limit: number) {
  const pages: { size: number; next?: Position }[] = [];
  const found: string[] = [];
  let start: Position | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = await intersect(names, start, limit, reader);
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
    const page = await intersect(['all'], undefined, 20, { seek });
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
      const { seek, probe } = memoryLists(lists);
      // A budget of a few reads forces pages that stop early with an inclusive position.
      const budget = round % 2 === 0 ? 3 : undefined;
      for (const reader of [{ seek, budget }, { seek, probe, budget }]) {
        const { found, pages } = await walk(names, reader, limit);
        expect(found, `round ${round}${reader.probe ? ', with probes' : ''}`).toEqual(want);
        expect(pages.every((p) => p.size <= limit)).toBe(true);
        stoppedEarly += pages.filter((p) => p.next && p.size < limit).length;
      }
    }
    // The budget did cut pages short, and following their positions still found everything.
    expect(stoppedEarly).toBeGreaterThan(0);
  });

  it('is bounded by the rarest list: a common term costs few reads next to a rare one', async () => {
    const universe = [...Array(5000).keys()];
    const { seek, reads } = memoryLists({ listing: newestFirst(universe), everywhere: newestFirst(universe), rare: newestFirst([4990, 3000, 1500, 10]) });
    const page = await intersect(['listing', 'everywhere', 'rare'], undefined, 20, { seek });
    expect(page.entries.map((e) => e.order)).toEqual(newestFirst([4990, 3000, 1500, 10]));
    expect(page.next).toBeUndefined();
    expect(reads.length).toBeLessThanOrEqual(12);
  });

  it('stops at the read budget with the exact position reached, and resumes from it', async () => {
    const universe = [...Array(2000).keys()];
    // Two lists that never agree: the join must walk them and would take many reads.
    const { seek } = memoryLists({ listing: newestFirst(universe.filter((n) => n % 2 === 0)), odd: newestFirst(universe.filter((n) => n % 2 === 1 || n === 4)) });
    const first = await intersect(['listing', 'odd'], undefined, 5, { seek, budget: 4 });
    expect(first.entries).toEqual([]);
    expect(first.next).toBeDefined();
    const { found } = await walk(['listing', 'odd'], { seek, budget: 4 }, 5);
    expect(found).toEqual([order(4)]);
  });

  it('decides a rare term\'s few cases by probing the other lists: one round of reads and one probe', async () => {
    const universe = [...Array(5000).keys()];
    const rare = [4990, 4200, 3000, 2999, 1500, 700, 10];
    const { seek, probe, reads, probes } = memoryLists({ listing: newestFirst(universe.filter((n) => n % 3 !== 0)), everywhere: newestFirst(universe), rare: newestFirst(rare) });
    const page = await intersect(['listing', 'everywhere', 'rare'], undefined, 20, { seek, probe });
    expect(page.entries.map((e) => e.order)).toEqual(newestFirst(rare.filter((n) => n % 3 !== 0)));
    expect(page.next).toBeUndefined();
    expect(reads).toHaveLength(3);
    // Each candidate is looked up only in the lists whose buffers cannot tell: 4990 is among both first reads.
    expect(probes).toEqual([2 * (rare.length - 1)]);
  });

  it('probes at most PROBE_KEYS keys at a time, newest first, and pages on from the last candidate decided', async () => {
    const universe = [...Array(20_000).keys()];
    // 300 candidates, too many to decide in one probe, every one of them a match.
    const rare = universe.filter((n) => n % 60 === 7);
    const { seek, probe, probes } = memoryLists({ listing: newestFirst(universe), a: newestFirst(universe), b: newestFirst(universe), rare: newestFirst(rare) });
    const { found, pages } = await walk(['listing', 'a', 'b', 'rare'], { seek, probe }, 40);
    expect(found).toEqual(newestFirst(rare));
    expect(pages.every((p) => p.size <= 40)).toBe(true);
    expect(probes.length).toBeGreaterThan(1);
  });
});
