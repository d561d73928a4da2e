import {describe, expect, it} from 'vitest';
import {
  type InkOutputClass,
  keepCachesAcrossFrames,
  keepInkCachesAcrossFrames,
  loadInkOutput,
} from '../../src/tui/ink-frame-cache.js';

type Frame = readonly {x: number; y: number; text: string; clip?: {x1: number; x2: number; y1: number; y2: number}}[];

interface OutputLike {
  write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
  clip(clip: {x1: number; x2: number; y1: number; y2: number}): void;
  unclip(): void;
  get(): {output: string; height: number};
  caches: unknown;
}

const draw = (Output: InkOutputClass, frame: Frame) => {
  const output = new Output({width: 30, height: 6}) as unknown as OutputLike;
  for (const {x, y, text, clip} of frame) {
    if (clip) output.clip(clip);
    output.write(x, y, text, {transformers: []});
    if (clip) output.unclip();
  }
  return {frame: output.get(), caches: output.caches};
};

const red = (text: string) => `\u001B[31m${text}\u001B[39m`;
const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;

/** Frames as a list draws them: rows that scroll, a moving selection, colour, wide characters, a clip. */
const frames: Frame[] = Array.from({length: 12}, (_, k) => [
  {x: 0, y: 0, text: `explore  ${red('History')}  Compare`},
  ...Array.from({length: 4}, (_, i) => {
    const row = `${i === k % 4 ? '›' : ' '} svc-${k + i}  決済 ${'█'.repeat((k + i) % 6)}▌ $${k * i}.25`;
    return {x: 0, y: i + 1, text: i === k % 4 ? inverse(row) : row};
  }),
  {x: 2, y: 5, text: `${k} of 12 · 🚀 wide`, clip: {x1: 0, x2: 12, y1: 0, y2: 6}},
]);

describe("ink's frame caches kept across frames", () => {
  it('draws every frame exactly as ink does, across generations of the caches', async () => {
    const Output = await loadInkOutput();
    expect(Output).toBeDefined();
    // A subclass carries the change, so ink's own Output stays as it is for the comparison.
    const Base = Output as unknown as new (options: {width: number; height: number}) => object;
    const Kept = class extends Base {} as unknown as InkOutputClass;
    expect(keepCachesAcrossFrames(Kept, 10)).toBe(true);
    let shared: unknown;
    for (const frame of [...frames, ...frames.slice().reverse(), ...frames]) {
      const kept = draw(Kept, frame);
      expect(kept.frame).toEqual(draw(Output!, frame).frame);
      shared ??= kept.caches;
      // One set of caches for every frame (not ink's new one per frame).
      expect(kept.caches).toBe(shared);
    }
    expect(draw(Output!, frames[0]!).caches).not.toBe(shared);
  });

  it('leaves a class alone when it is not the Output it was written against', () => {
    const NoCaches = class {
      caches = {};
      get() {
        return '';
      }
    } as unknown as InkOutputClass;
    expect(keepCachesAcrossFrames(NoCaches)).toBe(false);
    expect(NoCaches.prototype.get.name).toBe('get');
    const NoGet = class {} as unknown as InkOutputClass;
    expect(keepCachesAcrossFrames(NoGet)).toBe(false);
  });

  it('applies to the ink this package installs (an ink upgrade that changes its Output fails here, not silently)', async () => {
    expect(await keepInkCachesAcrossFrames()).toBe(true);
    const Output = await loadInkOutput();
    expect(Output!.prototype.get.name).toBe('getWithKeptCaches');
    expect(await keepInkCachesAcrossFrames()).toBe(true);
  });
});
