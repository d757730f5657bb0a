/** Internal: array helpers the core and the commands share (not exported from the index). */

/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an
 * argument, and past about 100,000 of them the call stack runs out (RangeError): an SDP of many
 * lines, a log of many frames. This has no limit.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
}

/** Items as a message lists them: the first `max` shown, joined by ", ", then how many more ("a, b and 3 more"). */
export function listSome<T>(items: readonly T[], show: (item: T) => string, max = 10, separator = ', '): string {
  const shown = items.slice(0, max).map(show).join(separator);
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
