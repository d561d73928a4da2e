import {describe, expect, it} from 'vitest';
import {D, sum} from '../../src/money/decimal.js';
import {bill, close, HOUR, ran, running, T0, task} from './history-fixtures.js';

// us-east-1 Linux x86: $0.04048 per vCPU-hour, $0.004445 per GB-hour; Spot $0.012144 and $0.00133352.
// 0.25 vCPU and 0.5 GB: 0.25 x 0.04048 + 0.5 x 0.004445 = $0.0123425 an hour.
const QUARTER_HOURLY = '0.0123425';

describe('history keepRuns: every billed run, for the terminal UI to drill into', () => {
  it('is off by default, so the CLI keeps memory bounded by groups and hours', () => {
    expect(bill([ran(T0, 20_000)]).runs).toBeNull();
  });

  it('keeps each billed run with its exact cost; the runs add up to the billed total', () => {
    const result = bill(
      [
        // 20 s is billed the 60 s minimum: 0.0123425 x 60 / 3600 = $0.000205708333...
        ran(T0, 20_000),
        // 90.2 s rounds up to 91 s.
        ran(T0 + HOUR, 90_200, {stopCode: 'EssentialContainerExited'}),
        ran(T0 + 2 * HOUR, 600_000, {group: 'family:report', taskDefinition: 'report:3'}),
        // Never pulled: not billed, so not kept.
        task({pullStartedAtMs: undefined}),
      ],
      {keepRuns: true},
    );
    const runs = result.runs!;
    expect(runs.runs.map((run) => [run.group, run.billedMs, run.stopCode])).toEqual([
      ['service:web', 60_000, null],
      ['service:web', 91_000, 'EssentialContainerExited'],
      ['family:report', 600_000, null],
    ]);
    expect(runs.cost(runs.runs[0]!).toString()).toBe(new D(QUARTER_HOURLY).times(60).div(3600).toString());
    expect(runs.cost(runs.runs[1]!).toString()).toBe(new D(QUARTER_HOURLY).times(91).div(3600).toString());
    expect(close(sum(runs.runs.map(runs.cost)), result.billed.cost)).toBe(true);
    // Scaled costs order runs exactly, as their Decimal costs do.
    expect(runs.runs[2]!.scaledCost > runs.runs[1]!.scaledCost).toBe(true);
  });

  it('keeps a running task with its time so far and the part inside --from/--to', () => {
    const result = bill([running(T0), ran(T0, 2 * HOUR)], {keepRuns: true, asOfMs: T0 + 3 * HOUR, fromMs: T0 + HOUR});
    const live = result.runs!.runs.find((run) => run.running);
    const stopped = result.runs!.runs.find((run) => !run.running);
    expect([live!.running, live!.stoppedAtMs, live!.billedMs, live!.billedMsInWindow]).toEqual([
      true,
      null,
      3 * HOUR,
      2 * HOUR,
    ]);
    expect([stopped!.running, stopped!.billedMs, stopped!.billedMsInWindow]).toEqual([false, 2 * HOUR, HOUR]);
    // The cost shown is the windowed part: 1 hour of a quarter task.
    expect(result.runs!.cost(stopped!).toString()).toBe(QUARTER_HOURLY);
  });
});
