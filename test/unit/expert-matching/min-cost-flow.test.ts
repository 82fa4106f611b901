import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostMaxFlow } from '../../../functions/expert-matching/core/min-cost-flow';

describe('minCostMaxFlow', () => {
  // 0 = s, 1 = a, 2 = b, 3 = t
  const edges = [
    { from: 0, to: 1, capacity: 2, cost: 1 },
    { from: 0, to: 2, capacity: 1, cost: 2 },
    { from: 1, to: 3, capacity: 1, cost: 3 },
    { from: 1, to: 2, capacity: 1, cost: 1 },
    { from: 2, to: 3, capacity: 2, cost: 1 },
  ];

  it('finds the cheapest maximum flow', () => {
    expect(minCostMaxFlow(4, edges, 0, 3)).toMatchObject({ flow: 3, cost: 10, edgeFlows: [2, 1, 1, 1, 2] });
  });

  it('returns potentials under which no edge with room left has a negative reduced cost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.nat(5), to: fc.nat(5), capacity: fc.nat(3), cost: fc.nat(20) }), { maxLength: 20 }),
        (raw) => {
          const g = raw.filter((e) => e.from !== e.to);
          const { edgeFlows, potentials } = minCostMaxFlow(6, g, 0, 5);
          g.forEach((e, i) => {
            if (edgeFlows[i]! < e.capacity) expect(e.cost - potentials[e.to]! + potentials[e.from]!).toBeGreaterThanOrEqual(0);
            if (edgeFlows[i]! > 0) expect(-e.cost - potentials[e.from]! + potentials[e.to]!).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at the flow limit, with the cheapest flow of that size', () => {
    const { flow, cost } = minCostMaxFlow(4, edges, 0, 3, 1);
    expect(flow).toBe(1);
    expect(cost).toBe(3);
  });

  it('is zero when the sink cannot be reached', () => {
    expect(minCostMaxFlow(3, [{ from: 0, to: 1, capacity: 5, cost: 1 }], 0, 2)).toMatchObject({ flow: 0, cost: 0, edgeFlows: [0] });
  });

  it('reroutes earlier flow through reverse edges when that is cheaper overall', () => {
    // s→x→t is cheapest alone, but the second unit can only go s→y→x... forcing a detour.
    // 0 s, 1 x, 2 y, 3 t
    const g = [
      { from: 0, to: 1, capacity: 1, cost: 0 },
      { from: 0, to: 2, capacity: 1, cost: 0 },
      { from: 1, to: 3, capacity: 1, cost: 0 },
      { from: 2, to: 1, capacity: 1, cost: 0 },
      { from: 1, to: 2, capacity: 1, cost: 5 },
      { from: 2, to: 3, capacity: 1, cost: 10 },
    ];
    expect(minCostMaxFlow(4, g, 0, 3)).toMatchObject({ flow: 2, cost: 10 });
  });

  it('matches brute force on random assignment problems', () => {
    // Workers × jobs with random costs: the best perfect-as-possible matching, by enumeration.
    const problem = fc.record({
      n: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 1, max: 4 }),
      costs: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 16, maxLength: 16 }),
      allowed: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    });
    fc.assert(
      fc.property(problem, ({ n, m, costs, allowed }) => {
        const pairs: [number, number, number][] = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) if (allowed[i * 4 + j]) pairs.push([i, j, costs[i * 4 + j]!]);
        const graph = [
          ...Array.from({ length: n }, (_, i) => ({ from: 0, to: 1 + i, capacity: 1, cost: 0 })),
          ...pairs.map(([i, j, c]) => ({ from: 1 + i, to: 1 + n + j, capacity: 1, cost: c })),
          ...Array.from({ length: m }, (_, j) => ({ from: 1 + n + j, to: 1 + n + m, capacity: 1, cost: 0 })),
        ];
        const got = minCostMaxFlow(2 + n + m, graph, 0, 1 + n + m);
        let best = { flow: 0, cost: 0 };
        for (let mask = 0; mask < 1 << pairs.length; mask++) {
          const rows = new Set<number>();
          const cols = new Set<number>();
          let ok = true;
          let cost = 0;
          pairs.forEach(([i, j, c], k) => {
            if (!(mask & (1 << k))) return;
            if (rows.has(i) || cols.has(j)) ok = false;
            rows.add(i);
            cols.add(j);
            cost += c;
          });
          const flow = rows.size;
          if (ok && (flow > best.flow || (flow === best.flow && cost < best.cost))) best = { flow, cost };
        }
        expect({ flow: got.flow, cost: got.cost }).toEqual(best);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses negative costs, fractional capacities and edges out of the graph', () => {
    expect(() => minCostMaxFlow(2, [{ from: 0, to: 1, capacity: 1, cost: -1 }], 0, 1)).toThrow(/non-negative integer/);
    expect(() => minCostMaxFlow(2, [{ from: 0, to: 1, capacity: 0.5, cost: 1 }], 0, 1)).toThrow(/capacity/);
    expect(() => minCostMaxFlow(2, [{ from: 0, to: 2, capacity: 1, cost: 1 }], 0, 1)).toThrow(/leaves the graph/);
    expect(() => minCostMaxFlow(2, [], 1, 1)).toThrow(/differ/);
  });
});
