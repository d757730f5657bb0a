/** Internal: array helpers the core and the commands share (not exported from the index). */

/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an
 * argument, and past about 100,000 of them the call stack runs out (RangeError): an SDP of many
 * lines, a log of many frames. This has no limit.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
}
