/**
 * ink (6.8) draws every frame from scratch: its `Output` splits each text it writes into styled
 * characters (an ANSI tokenizer over every character) and measures widths, with caches that live for
 * one frame (`caches = new OutputCaches()` per `Output`). A keystroke in explore changes a few lines
 * of a 120×40 frame, yet the whole frame was re-tokenized: at 100k tasks that, and the garbage it
 * left, was most of a key's time. These caches keep what was worked out across frames, in two
 * generations (the current one, and the one before it, from which a line still on screen is carried
 * over), so a frame costs what changed in it and memory stays bounded.
 *
 * The caches are ink's own (`OutputCaches`, whose results are pure functions of their keys), only
 * kept longer: frames are the same, character for character. It relies on ink's internals (the
 * `caches` field and the three getters its `Output.get` calls), so it checks them first and, if an
 * ink release changed them, leaves ink as it is (a test fails on that, so an upgrade cannot lose it
 * silently).
 */

/** ink's per-frame caches (build/output.js `OutputCaches`): what `Output.get` calls. */
interface InkCaches {
  readonly widths: Map<string, number>;
  readonly blockWidths: Map<string, number>;
  readonly styledChars: Map<string, unknown>;
  getStyledChars(line: string): unknown;
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}

/** What `Output.get` calls on its caches: all the shared caches offer. */
type CacheLookups = Pick<InkCaches, 'getStyledChars' | 'getStringWidth' | 'getWidestLine'>;

interface InkOutput {
  caches: CacheLookups;
}

/** ink's `Output` class (build/output.js default export), as far as this uses it. */
export interface InkOutputClass {
  new (options: {width: number; height: number}): InkOutput;
  readonly prototype: {get(this: InkOutput): unknown};
}

/** Entries a generation holds before a new one starts (a 120×40 frame writes a few hundred). */
export const GENERATION_LIMIT = 4000;

const kept = new WeakSet<object>();

const isCaches = (value: unknown): value is InkCaches => {
  const c = value as Partial<InkCaches> | undefined;
  return (
    c?.widths instanceof Map &&
    c.blockWidths instanceof Map &&
    c.styledChars instanceof Map &&
    typeof c.getStyledChars === 'function' &&
    typeof c.getStringWidth === 'function' &&
    typeof c.getWidestLine === 'function'
  );
};

/** Looks a key up in the current generation, then the one before (carrying it over), else works it out. */
function carried<V>(current: Map<string, V>, previous: Map<string, V>, key: string, work: (key: string) => V): V {
  let value = current.get(key);
  if (value !== undefined) return value;
  value = previous.get(key);
  if (value === undefined) return work(key);
  current.set(key, value);
  return value;
}

/**
 * Makes every `Output` of this ink share caches across frames. Returns false (and changes nothing)
 * when `Output` does not look like the class this was written against.
 */
export function keepCachesAcrossFrames(Output: InkOutputClass, limit = GENERATION_LIMIT): boolean {
  if (kept.has(Output)) return true;
  const get = Output.prototype?.get;
  if (typeof get !== 'function') return false;
  let probe: InkOutput;
  try {
    probe = new Output({width: 1, height: 1});
  } catch {
    return false;
  }
  if (!isCaches(probe.caches)) return false;
  const Caches = probe.caches.constructor as new () => InkCaches;
  let current: InkCaches = new Caches();
  let previous: InkCaches = new Caches();
  const shared: CacheLookups = {
    getStyledChars: (line) =>
      carried(current.styledChars, previous.styledChars, line, (l) => current.getStyledChars(l)),
    getStringWidth: (text) => carried(current.widths, previous.widths, text, (t) => current.getStringWidth(t)),
    getWidestLine: (text) => carried(current.blockWidths, previous.blockWidths, text, (t) => current.getWidestLine(t)),
  };
  Output.prototype.get = function getWithKeptCaches(this: InkOutput) {
    if (current.styledChars.size + current.widths.size + current.blockWidths.size > limit) {
      previous = current;
      current = new Caches();
    }
    this.caches = shared;
    return get.call(this);
  };
  kept.add(Output);
  return true;
}

/** ink's `Output` class, loaded from the ink this process renders with (the same module instance). */
export async function loadInkOutput(): Promise<InkOutputClass | undefined> {
  try {
    // The file next to ink's entry point (build/index.js): ink's exports name only the entry, a file URL reaches the rest.
    const module = (await import(new URL('output.js', import.meta.resolve('ink')).href)) as {default?: unknown};
    return typeof module.default === 'function' ? (module.default as InkOutputClass) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps ink's frame caches across frames; false when this ink cannot be sped up so (it still works). */
export async function keepInkCachesAcrossFrames(): Promise<boolean> {
  const Output = await loadInkOutput();
  return Output === undefined ? false : keepCachesAcrossFrames(Output);
}
