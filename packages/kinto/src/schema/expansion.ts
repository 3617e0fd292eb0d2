// Static bounds on how a schema expands on one instance value (issue 22): checked once per compiled
// schema, so that a schema which could only ever fail on its budget is refused when it is stored.

/**
 * Evaluations one instance value may cost through same-instance edges (`$ref`, `allOf`, `anyOf`,
 * `oneOf`, `not`, `if`/`then`/`else`, `dependencies` schemas). Legitimate schemas stay in the tens —
 * composition rarely goes more than a few `$ref`s and `allOf`s deep, each a handful wide — while a
 * doubling `$ref` DAG passes 10,000 at its 12th level (2^14 - 3 evaluations). An evaluation costs at
 * least one step of `STEP_BUDGET` (budget.ts, 2,000,000; 40–140 ns a step), so a value at this bound
 * takes about 0.5% of the budget, around a millisecond: fan-out on one value can no longer exhaust
 * the budget, which stays to bound what depends on the data (many values, long strings, patterns).
 */
export const MAX_EVALUATIONS_PER_VALUE = 10_000;

/**
 * Each compiled (sub)schema object with the subschema objects evaluated against the same instance
 * value as it (boolean subschemas cost nothing and are left out). Edges that descend into a child
 * value (`properties`, `items`, `contains`, `propertyNames`...) are not in it.
 */
export type SameInstanceGraph = ReadonlyMap<object, readonly object[]>;

/**
 * Why `graph` makes a schema unusable — a cycle (evaluation would recurse without end on one value) or
 * a subschema costing more than {@link MAX_EVALUATIONS_PER_VALUE} evaluations per value — or
 * `undefined`. Linear in the graph's size: an iterative depth-first walk (no stack growth on long
 * `$ref` chains) memoising each subschema's count, `1 + the sum of its children's counts`, capped just
 * above the bound so the arithmetic stays small.
 */
export function expansionProblem(
  graph: SameInstanceGraph,
  bound = MAX_EVALUATIONS_PER_VALUE,
): string | undefined {
  const counts = new Map<object, number>(); // finished subschemas
  const open = new Set<object>(); // subschemas on the current walk
  for (const start of graph.keys()) {
    if (counts.has(start)) continue;
    const stack: { node: object; next: number; count: number }[] = [{ node: start, next: 0, count: 1 }];
    open.add(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = graph.get(frame.node) ?? [];
      if (frame.next < children.length) {
        const child = children[frame.next]!;
        frame.next += 1;
        if (open.has(child)) return '$ref cycle: the schema would recurse without end on the same value';
        const known = counts.get(child);
        if (known === undefined) {
          open.add(child);
          stack.push({ node: child, next: 0, count: 1 });
        } else {
          frame.count = Math.min(frame.count + known, bound + 1);
        }
        continue;
      }
      stack.pop();
      open.delete(frame.node);
      if (frame.count > bound) return `the schema expands to more than ${bound} evaluations per value`;
      counts.set(frame.node, frame.count);
      const parent = stack[stack.length - 1];
      if (parent) parent.count = Math.min(parent.count + frame.count, bound + 1);
    }
  }
  return undefined;
}
