/** A small benchmark harness: interleaved rounds of a candidate and its named baseline, median ops/s. */

export interface Measure {
  readonly name: string;
  readonly opsPerSecond: number;
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function round(fn: () => unknown, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Interleaves rounds of A and B (so drift hits both), after a warm-up; medians of `rounds`. */
export function compare(a: { name: string; fn: () => unknown }, b: { name: string; fn: () => unknown }, rounds = 7, ms = 150): [Measure, Measure] {
  round(a.fn, ms);
  round(b.fn, ms);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ra.push(round(a.fn, ms));
    rb.push(round(b.fn, ms));
  }
  return [
    { name: a.name, opsPerSecond: median(ra) },
    { name: b.name, opsPerSecond: median(rb) },
  ];
}

export function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

/** One line: "label: A x ops/s vs baseline B y ops/s → ratio (target …) PASS|MISS". */
export function report(label: string, [a, b]: [Measure, Measure], target: number): boolean {
  const ratio = a.opsPerSecond / b.opsPerSecond;
  const ok = ratio >= target;
  console.log(`${label}: ${a.name} ${fmt(a.opsPerSecond)} ops/s vs ${b.name} ${fmt(b.opsPerSecond)} ops/s → ${ratio.toFixed(2)}× (target ≥ ${target}×) ${ok ? 'PASS' : 'MISS'}`);
  return ok;
}
