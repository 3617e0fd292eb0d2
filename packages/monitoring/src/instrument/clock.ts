/** A monotonic clock in milliseconds. */
export type Clock = () => number;

/** `performance.now()`: monotonic, available on Node, Deno, Bun and edge runtimes. */
export const monotonicClock: Clock = () => performance.now();
