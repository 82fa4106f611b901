import { minCostMaxFlow, type FlowEdgeInput } from './min-cost-flow';

/*
 * The flow problem of a matching round (assignment.ts), solved on a few edges per need with a
 * proof that the answer is the optimum over all of them.
 *
 * A round of thousands of needs has millions of eligible (need, expert) pairs, and successive
 * shortest paths cost one Dijkstra over every edge per unit of flow. But an optimal round gives
 * almost every need experts from the top of its own ranking, so the flow is solved first on each
 * need's best `wanted + initialWidth` experts, then every left-out edge is checked against the
 * solution (pricing, as in column generation):
 *   - cheapest: with the solver's potentials, an edge whose reduced cost is negative would make
 *     a cheaper flow of the same size possible; such edges are added. When none is negative the
 *     flow is the cheapest of its size over all edges (min-cost-flow.ts, `potentials`).
 *   - largest: one breadth-first search of the full residual network; when it reaches the sink
 *     a larger flow exists, and the left-out edges out of the needs it reached are added (to
 *     experts with room left, else by doubling those needs' widths).
 * The flow is solved again with the added edges until neither check adds any: then it is a
 * cheapest maximum flow of the whole network, the same optimum as solving it all at once.
 */

export interface RoundNeed {
  /** Slots to fill: the first at cost 0, the others at `cover` each. */
  wanted: number;
  /** The need's eligible experts (indices into `capacities`), cheapest (best score) first. */
  experts: Int32Array;
  /** The cost of each of those edges, ascending. */
  costs: Int32Array;
}

export interface RoundNetwork {
  needs: readonly RoundNeed[];
  /** Each expert's remaining capacity. */
  capacities: readonly number[];
  /** The cost of every slot after a need's first (see assignment.ts: coverage first). */
  cover: number;
}

export interface RoundSolution {
  /** Per need, the positions (in its `experts`) of the experts it is given. */
  assigned: number[][];
  /** How many times the flow was solved; 1 when the first edges were enough. */
  solves: number;
  /** Need–expert edges in the last solve, next to `pairs` in the whole network. */
  edges: number;
  pairs: number;
}

/** Extra edges per need, beyond the slots it wants, in the first solve. */
export const INITIAL_WIDTH = 8;

export function solveRoundNetwork(network: RoundNetwork, initialWidth = INITIAL_WIDTH): RoundSolution {
  const { needs, capacities, cover } = network;
  const needNode = (i: number) => 1 + i;
  const expertNode = (j: number) => 1 + needs.length + j;
  const sink = 1 + needs.length + capacities.length;
  const widths = needs.map((n) => Math.min(n.experts.length, n.wanted + initialWidth));
  /** Positions beyond a need's width that pricing added. */
  const extras = needs.map(() => new Set<number>());
  const pairs = needs.reduce((sum, n) => sum + n.experts.length, 0);

  for (let solves = 1; ; solves++) {
    const edges: FlowEdgeInput[] = [];
    const pairEdges: { need: number; position: number; edge: number }[] = [];
    needs.forEach((n, i) => {
      edges.push({ from: 0, to: needNode(i), capacity: 1, cost: 0 });
      if (n.wanted > 1) edges.push({ from: 0, to: needNode(i), capacity: n.wanted - 1, cost: cover });
      const add = (position: number) => {
        pairEdges.push({ need: i, position, edge: edges.length });
        edges.push({ from: needNode(i), to: expertNode(n.experts[position]!), capacity: 1, cost: n.costs[position]! });
      };
      for (let position = 0; position < widths[i]!; position++) add(position);
      for (const position of extras[i]!) add(position);
    });
    capacities.forEach((capacity, j) => {
      if (capacity > 0) edges.push({ from: expertNode(j), to: sink, capacity, cost: 0 });
    });
    const { edgeFlows, potentials } = minCostMaxFlow(sink + 1, edges, 0, sink);

    const assigned = needs.map((): number[] => []);
    for (const { need, position, edge } of pairEdges) if (edgeFlows[edge] === 1) assigned[need]!.push(position);

    let added = addNegativeEdges(network, widths, extras, potentials, needNode, expertNode);
    added += addAugmentingEdges(network, widths, extras, assigned);
    if (added === 0) return { assigned, solves, edges: pairEdges.length, pairs };
  }
}

/** Adds every left-out edge whose reduced cost is negative; returns how many. */
function addNegativeEdges(
  { needs }: RoundNetwork,
  widths: number[],
  extras: Set<number>[],
  potentials: readonly number[],
  needNode: (i: number) => number,
  expertNode: (j: number) => number,
): number {
  let added = 0;
  needs.forEach((n, i) => {
    const from = potentials[needNode(i)]!;
    for (let position = widths[i]!; position < n.experts.length; position++) {
      if (extras[i]!.has(position)) continue;
      if (n.costs[position]! - potentials[expertNode(n.experts[position]!)]! + from < 0) {
        extras[i]!.add(position);
        added += 1;
      }
    }
  });
  return added;
}

/**
 * Searches the full residual network from the source. When the sink is reachable the flow is
 * not maximum: adds the left-out edges from the needs reached to experts with room left, or,
 * when there are none (the path runs through a full expert), doubles those needs' widths.
 * Returns how many edges it added.
 */
function addAugmentingEdges({ needs, capacities }: RoundNetwork, widths: number[], extras: Set<number>[], assigned: number[][]): number {
  const used = new Int32Array(capacities.length);
  const holders: number[][] = capacities.map(() => []);
  assigned.forEach((positions, i) => {
    for (const position of positions) {
      const j = needs[i]!.experts[position]!;
      used[j]! += 1;
      holders[j]!.push(i);
    }
  });
  const needSeen = new Uint8Array(needs.length);
  const expertSeen = new Uint8Array(capacities.length);
  const queue: number[] = [];
  needs.forEach((n, i) => {
    if (assigned[i]!.length < n.wanted) {
      needSeen[i] = 1;
      queue.push(i);
    }
  });
  let sinkReached = false;
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    const n = needs[i]!;
    const mine = new Set(assigned[i]);
    for (let position = 0; position < n.experts.length; position++) {
      const j = n.experts[position]!;
      if (mine.has(position) || expertSeen[j]) continue;
      expertSeen[j] = 1;
      if (used[j]! < capacities[j]!) sinkReached = true;
      for (const holder of holders[j]!) {
        if (!needSeen[holder]) {
          needSeen[holder] = 1;
          queue.push(holder);
        }
      }
    }
  }
  if (!sinkReached) return 0;

  let added = 0;
  for (const i of queue) {
    const n = needs[i]!;
    for (let position = widths[i]!; position < n.experts.length; position++) {
      const j = n.experts[position]!;
      if (used[j]! < capacities[j]! && !extras[i]!.has(position)) {
        extras[i]!.add(position);
        added += 1;
      }
    }
  }
  if (added > 0) return added;
  for (const i of queue) {
    const n = needs[i]!;
    const wider = Math.min(n.experts.length, Math.max(1, widths[i]! * 2));
    for (const position of extras[i]!) if (position < wider) extras[i]!.delete(position);
    added += wider - widths[i]!;
    widths[i] = wider;
  }
  return added;
}
