/*
 * Minimum-cost maximum flow by successive shortest paths, with Dijkstra on reduced costs
 * (Johnson potentials, the primal–dual scheme of the AtCoder Library's mcf_graph).
 *
 * Small and dependency-free on purpose: no npm solver worth bundling into a Lambda does it
 * better. It costs O(F · E log V), one Dijkstra per augmentation, so a matching round gives it
 * only each need's best experts and prices the rest (round-flow.ts). Costs must be non-negative integers; callers that want
 * to maximise a value use (BIG − value) costs (see assignment.ts). Everything is deterministic:
 * edges are scanned in insertion order and heap ties go to the lower node number.
 */
export interface FlowEdgeInput {
  from: number;
  to: number;
  capacity: number;
  cost: number;
}

export interface FlowResult {
  flow: number;
  cost: number;
  /** The flow on each input edge, in input order. */
  edgeFlows: number[];
  /**
   * Node potentials proving the flow cheapest for its size: every edge with room left has
   * cost − potential[to] + potential[from] ≥ 0. An edge added with that property keeps the flow
   * cheapest (round-flow.ts prices left-out edges this way).
   */
  potentials: number[];
}

class MinHeap {
  private readonly keys: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  private less(i: number, j: number): boolean {
    const ki = this.keys[i] as number;
    const kj = this.keys[j] as number;
    return ki < kj || (ki === kj && (this.nodes[i] as number) < (this.nodes[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j] as number, this.keys[i] as number];
    [this.nodes[i], this.nodes[j]] = [this.nodes[j] as number, this.nodes[i] as number];
  }

  push(key: number, node: number): void {
    this.keys.push(key);
    this.nodes.push(node);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { key: number; node: number } {
    const top = { key: this.keys[0] as number, node: this.nodes[0] as number };
    const lastKey = this.keys.pop() as number;
    const lastNode = this.nodes.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && this.less(l, m)) m = l;
        if (r < this.keys.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/**
 * The cheapest among the maximum flows from `source` to `sink` (at most `flowLimit` units).
 * Throws on negative or non-integer costs and capacities, and when a cost total could leave the
 * range where floating-point integers are exact.
 */
export function minCostMaxFlow(nodeCount: number, edges: readonly FlowEdgeInput[], source: number, sink: number, flowLimit = Number.MAX_SAFE_INTEGER): FlowResult {
  if (source === sink) throw new RangeError('source and sink must differ');
  // Residual graph: edge 2i is input edge i, 2i+1 its reverse.
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adjacency: number[][] = Array.from({ length: nodeCount }, () => []);
  let costBound = 0;
  for (const e of edges) {
    for (const [name, v] of [['capacity', e.capacity], ['cost', e.cost]] as const) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Edge ${e.from}→${e.to}: ${name} must be a non-negative integer, got ${v}`);
    }
    if (e.from < 0 || e.from >= nodeCount || e.to < 0 || e.to >= nodeCount) throw new RangeError(`Edge ${e.from}→${e.to} leaves the graph`);
    costBound += e.cost * e.capacity;
    (adjacency[e.from] as number[]).push(to.length);
    to.push(e.to);
    cap.push(e.capacity);
    cost.push(e.cost);
    (adjacency[e.to] as number[]).push(to.length);
    to.push(e.from);
    cap.push(0);
    cost.push(-e.cost);
  }
  if (!Number.isSafeInteger(costBound)) throw new RangeError('Costs are too large to add up exactly');

  const dual = new Array<number>(nodeCount).fill(0);
  const dist = new Array<number>(nodeCount);
  const visited = new Array<boolean>(nodeCount);
  const prevEdge = new Array<number>(nodeCount);
  let flow = 0;
  let totalCost = 0;

  while (flow < flowLimit) {
    dist.fill(Infinity);
    visited.fill(false);
    prevEdge.fill(-1);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const { node: v } = heap.pop();
      if (visited[v]) continue;
      visited[v] = true;
      if (v === sink) break;
      const dv = dist[v] as number;
      for (const e of adjacency[v] as number[]) {
        if ((cap[e] as number) === 0) continue;
        const w = to[e] as number;
        // Reduced cost, non-negative by the potentials' invariant.
        const reduced = (cost[e] as number) - (dual[w] as number) + (dual[v] as number);
        if ((dist[w] as number) - dv > reduced) {
          dist[w] = dv + reduced;
          prevEdge[w] = e;
          heap.push(dist[w] as number, w);
        }
      }
    }
    if (!visited[sink]) break;
    const dSink = dist[sink] as number;
    for (let v = 0; v < nodeCount; v++) if (visited[v]) dual[v] = (dual[v] as number) - (dSink - (dist[v] as number));

    let push = flowLimit - flow;
    for (let v = sink; v !== source; ) {
      const e = prevEdge[v] as number;
      push = Math.min(push, cap[e] as number);
      v = to[e ^ 1] as number;
    }
    for (let v = sink; v !== source; ) {
      const e = prevEdge[v] as number;
      cap[e] = (cap[e] as number) - push;
      cap[e ^ 1] = (cap[e ^ 1] as number) + push;
      v = to[e ^ 1] as number;
    }
    flow += push;
    // −dual[source] is the (true) cost of the path just used.
    totalCost += push * -(dual[source] as number);
  }

  const edgeFlows = edges.map((_, i) => cap[2 * i + 1] as number);
  return { flow, cost: totalCost, edgeFlows, potentials: dual };
}
