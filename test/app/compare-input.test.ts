import {describe, expect, it} from 'vitest';
import type {CompareInput} from '../../src/app/compare.js';
import {compareJson} from '../../src/report/compare.js';
import {userErrorText} from '../../src/report/problems.js';
import {compareNoteText, describeCompareInput, scenarioLabel} from '../../src/report/compare-text.js';

const notesOf = (input: CompareInput) => (input.notes ?? []).map((note) => compareNoteText(note));
const warningsOf = (input: CompareInput) => (input.warnings ?? []).map((note) => compareNoteText(note));
import {compare} from '../../src/app/compare.js';
import {historyCompareInput} from '../../src/app/compare-input.js';
import type {HistoryFinishInput, HistoryOptions} from '../../src/app/history.js';
import {parseStrategyItem, validateStrategy} from '../../src/sources/strategy.js';
import type {ServiceFacts, Strategy} from '../../src/model/strategy.js';
import {UserError} from '../../src/errors.js';
import {dec} from '../../src/money/decimal.js';
import type {TaskRecord} from '../../src/model/task-record.js';
import {bill, HOUR, NOW, ran, T0, task} from './history-fixtures.js';
import {embeddedCatalog} from '../helpers/catalog.js';

/**
 * historyCompareInput on small hand-built histories. The default fixture task is 0.25 vCPU / 0.5 GB
 * Linux x86 in us-east-1: On-Demand 0.25 x 0.04048 + 0.5 x 0.004445 = $0.0123425 an hour, Spot
 * 0.25 x 0.01288871 + 0.5 x 0.00141527 = $0.0039298125 an hour.
 */

const catalog = embeddedCatalog();
const history = (
  records: readonly TaskRecord[],
  options: Partial<HistoryOptions> = {},
  finish: HistoryFinishInput = {},
) => bill(records, {componentProfiles: true, ...options}, finish);
const strategy = (...items: string[]): Strategy => validateStrategy(items.map(parseStrategyItem));
const service = (name: string, desiredCount: number, items: Strategy): ServiceFacts => ({
  name,
  arn: `arn:aws:ecs:us-east-1:123456789012:service/prod/${name}`,
  region: 'us-east-1',
  desiredCount,
  strategy: items,
  launchType: undefined,
  taskDefinition: undefined,
});
const spotTask = (startMs: number, ms: number, stopCode?: string) =>
  ran(startMs, ms, {capacityProvider: 'FARGATE_SPOT', ...(stopCode ? {stopCode} : {})});

describe('historyCompareInput: one component per ECS group', () => {
  // web: 2 tasks for 2 hours (4 task-hours); nightly: runs of 600 s and 1200 s.
  const result = history([
    ran(T0, 2 * HOUR),
    ran(T0, 2 * HOUR),
    ran(T0, 600_000, {group: 'family:nightly', taskDefinition: 'nightly:3'}),
    ran(T0 + HOUR, 1_200_000, {group: 'family:nightly', taskDefinition: 'nightly:3'}),
  ]);
  const input = historyCompareInput(result);

  it('maps services and batch families, with their kind, task-hours and typical run', () => {
    expect(input.kind).toBe('history');
    expect(
      input.components.map((c) => [
        c.name,
        c.kind,
        c.os,
        c.spotTolerant,
        c.typicalRunSeconds?.toString() ?? null,
        c.strategy,
      ]),
    ).toEqual([
      ['web', 'service', 'linux', false, null, null],
      // Batch work is interruption-tolerant; a run lasts (600 + 1200) / 2 = 900 s.
      ['nightly', 'batch', 'linux', true, '900', null],
    ]);
    expect(input.components[0]!.taskHours).toEqual({onDemand: dec(4), spot: dec(0)});
    // 1800 billed seconds of nightly = half a task-hour.
    expect(input.components[1]!.taskHours!.onDemand.toString()).toBe('0.5');
    expect(describeCompareInput(input.description)).toBe('4 tasks from 0 sources: service web; batch nightly');
    expect(notesOf(input)).toContain(
      'nightly: a run lasts 900 s on average (the mean of its completed runs); an interruption loses half of one by default',
    );
  });

  it("keeps every component on the history's hours, so compare prices them together", () => {
    expect(input.components.map((c) => c.profile.hours.length)).toEqual([2, 2]);
    const priced = compare({input, catalog, now: NOW, plans: ['compute-1y-no-upfront']});
    expect(priced.input.hours).toBe(2);
    // (4 task-hours + 0.5 task-hour) x 0.0123425 over 2 hours, times 730 hours: 4.5 x 0.0123425 x 365 = 0.05554125 x 365.
    expect(priced.scenarios.find((s) => s.id === 'on-demand')!.monthlyCost!.toString()).toBe('20.27255625');
    // The batch risk: no measured image pull (60 s default) plus half a 900 s run lost.
    expect(priced.spotRisk.components.map((c) => [c.component, c.risk.overheadSeconds.toString()])).toEqual([
      ['web', '60'],
      ['nightly', '510'],
    ]);
  });

  it('has no interruption evidence without Spot tasks: compare falls back to its default', () => {
    expect(input.interruptions).toBeUndefined();
    expect(input.imagePullSeconds).toBeUndefined();
    expect(compare({input, catalog, now: NOW}).spotRisk.parameters.interruptionSource).toBe('default');
  });

  it('follows --spot-tolerant and --no-spot-tolerant over the defaults', () => {
    expect(historyCompareInput(result, {spotTolerant: true}).components.map((c) => c.spotTolerant)).toEqual([
      true,
      true,
    ]);
    expect(historyCompareInput(result, {spotTolerant: false}).components.map((c) => c.spotTolerant)).toEqual([
      false,
      false,
    ]);
  });
});

describe('historyCompareInput: Spot interruptions', () => {
  // Four Spot tasks of an hour each: one stopped with SpotInterruption, one with TerminationNotice
  // (the newer name), one exited normally; an On-Demand task with a Spot stop code does not count.
  const result = history([
    spotTask(T0, HOUR, 'SpotInterruption'),
    spotTask(T0, HOUR, 'TerminationNotice'),
    spotTask(T0, HOUR, 'EssentialContainerExited'),
    spotTask(T0, HOUR),
    ran(T0, HOUR, {stopCode: 'SpotInterruption', pullStoppedAtMs: T0 + 30_000}),
  ]);
  const input = historyCompareInput(result);

  it('counts the interrupted Spot tasks over the Spot task-hours, and the measured image pull', () => {
    expect(input.interruptions).toEqual({interruptions: 2, spotTaskHours: dec(4)});
    // Only the On-Demand task has a pullStoppedAt: 30 s.
    expect(input.imagePullSeconds!.toString()).toBe('30');
    // A service already on Spot is taken to tolerate it.
    expect(input.components[0]).toMatchObject({name: 'web', spotTolerant: true});
    expect(input.components[0]!.taskHours).toEqual({onDemand: dec(1), spot: dec(4)});
  });

  it('gives compare a measured rate: 2 / 4 = 0.5 interruptions a task-hour, each re-billing the 30 s pull', () => {
    const priced = compare({input, catalog, now: NOW, plans: ['compute-1y-no-upfront']});
    expect(priced.spotRisk.parameters).toMatchObject({
      interruptionSource: 'history',
      imagePullSource: 'history',
      evidence: {interruptions: 2},
    });
    expect(priced.spotRisk.parameters.interruptionsPerTaskHour.toString()).toBe('0.5');
    const measured = priced.scenarios.find((s) => s.id === 'as-configured')!;
    // Spot: 4 x 0.0039298125 = 0.01571925 an hour; overhead 0.5 x 30 s / 3600 of it = 0.000065496875; x 730 (1 hour profiled).
    expect(measured.spotOverheadMonthlyCost!.toString()).toBe('0.04781271875');
    // 4 Spot task-hours a month-hour x 730 x 0.5.
    expect(measured.expectedInterruptionsPerMonth!.toString()).toBe('1460');
  });

  it('says when no Spot task was interrupted: the measured rate is 0', () => {
    const calm = historyCompareInput(history([spotTask(T0, HOUR), spotTask(T0, HOUR)]));
    expect(calm.interruptions).toEqual({interruptions: 0, spotTaskHours: dec(2)});
    expect(notesOf(calm)).toContain(
      'none of the 2 Spot tasks (2 task-hours) was interrupted, so the measured rate is 0; a longer history or --interruption-rate gives a safer figure',
    );
  });

  it('adds no FARGATE base for a service that already runs all on Spot, unless --on-demand-base asks', () => {
    const allSpot = historyCompareInput(history([spotTask(T0, HOUR), spotTask(T0, HOUR)]));
    expect(allSpot.components[0]!.onDemandBase).toBe(0);
    const kept = compareJson(compare({input: allSpot, catalog, now: NOW, plans: ['compute-1y-no-upfront']}))
      .recommendation.parts[0]!;
    expect(kept).toMatchObject({
      placement: 'spot',
      strategy: 'FARGATE_SPOT:weight=1',
      why: 'interruption-tolerant; it already runs with no FARGATE base',
    });
    const based = compareJson(
      compare({input: allSpot, catalog, now: NOW, plans: ['compute-1y-no-upfront'], onDemandBase: 1}),
    ).recommendation.parts[0]!;
    expect(based).toMatchObject({
      placement: 'spot-with-on-demand-base',
      strategy: 'FARGATE:base=1,weight=0 FARGATE_SPOT:weight=1',
    });
    // Some On-Demand usage: the default base of 1 applies.
    expect(input.components[0]!.onDemandBase).toBeUndefined();
  });
});

describe('historyCompareInput: capacity-provider strategies', () => {
  it('takes the strategy and desired count from describe-services output read with the history', () => {
    const result = history(
      [ran(T0, HOUR), ran(T0, HOUR, {group: 'service:worker'})],
      {},
      {
        services: [
          service('web', 3, strategy('FARGATE:base=1,weight=1', 'FARGATE_SPOT:weight=1')),
          service('worker', 2, strategy('FARGATE_SPOT')),
        ],
      },
    );
    const input = historyCompareInput(result);
    // web: base 1, then 2 tasks 1:1 -> 2 on FARGATE, 1 on Spot; worker all on Spot.
    expect(
      input.components.map((c) => [c.name, c.strategy?.source, c.strategy?.desiredCount, c.strategy?.split]),
    ).toEqual([
      ['web', 'describe-services', 3, {onDemand: 2, spot: 1}],
      ['worker', 'describe-services', 2, {onDemand: 0, spot: 2}],
    ]);
    // The measured usage is what ran (all On-Demand here); a service whose strategy uses Spot is taken to tolerate it.
    expect(input.components.map((c) => c.spotTolerant)).toEqual([true, true]);
    expect(input.components.every((c) => c.profile.series.every((s) => s.purchase === 'on-demand'))).toBe(true);
  });

  it("re-buys a service's measured usage under --strategy: the base first, the rest by weight", () => {
    // 4 web tasks for one hour under FARGATE:base=1,weight=1 FARGATE_SPOT:weight=3:
    // 1 task On-Demand, the other 3 split 1:3 -> 0.75 On-Demand, 2.25 Spot.
    const result = history([ran(T0, HOUR), ran(T0, HOUR), ran(T0, HOUR), ran(T0, HOUR)]);
    const input = historyCompareInput(result, {strategy: strategy('FARGATE:base=1,weight=1', 'FARGATE_SPOT:weight=3')});
    const web = input.components[0]!;
    expect(web.taskHours).toEqual({onDemand: dec('1.75'), spot: dec('2.25')});
    // No describe-services output: the split is shown for the 4 tasks running on average;
    // whole tasks go base 1, then FARGATE_SPOT, FARGATE_SPOT, FARGATE (3/3 ties 1/1, the first listed wins).
    expect(web.strategy).toMatchObject({source: 'flag', desiredCount: 4, split: {onDemand: 2, spot: 2}});
    expect(web.spotTolerant).toBe(true);
    const priced = compare({input, catalog, now: NOW, plans: ['compute-1y-no-upfront']});
    const configured = priced.scenarios.find((s) => s.id === 'as-configured')!;
    expect(scenarioLabel(configured, priced.input.basis)).toBe('Strategy as configured');
    // 1.75 x 0.0123425 + 2.25 x 0.0039298125 x (1 + 0.001 x 60 / 3600), x 730.
    expect(configured.monthlyCost!.toString()).toBe('22.2223683598671875');
    expect(notesOf(input)).toContain(
      "web: no describe-services output read, so the strategy's split is shown for 4 tasks (the mean running)",
    );
  });

  it('refuses a --strategy that puts a Windows service on Spot, and one for a history without services', () => {
    const windows = history([ran(T0, HOUR, {os: 'windows', cpuUnits: 1024, memoryMiB: 2048})]);
    expect(() => historyCompareInput(windows, {strategy: strategy('FARGATE_SPOT')})).toThrow(
      expect.objectContaining({problem: expect.objectContaining({kind: 'windows-on-spot', component: 'web'})}),
    );
    expect(
      historyCompareInput(windows, {strategy: strategy('FARGATE')}).components[0]!.taskHours!.spot.toString(),
    ).toBe('0');
    const batch = history([ran(T0, HOUR, {group: 'family:nightly'})]);
    expect(() => historyCompareInput(batch, {strategy: strategy('FARGATE_SPOT')})).toThrowProblem(
      /--strategy prices services, and the history has none/,
    );
  });
});

describe('historyCompareInput: what the history says', () => {
  it("carries the history's notes and warnings, without its own projection or catalog lines", () => {
    const result = history(
      [ran(T0, HOUR), task({launchType: 'EC2'})],
      {},
      {warnings: [{kind: 'skipped-invalid', count: 2, examples: ['a.ndjson:3']}]},
    );
    const input = historyCompareInput(result);
    // The catalog warnings are compare's own (it prices other rates); the reader's stay.
    expect(warningsOf(input)).toEqual([
      'the window is only 1 hour: the projection stretches it to a 730-hour month',
      '2 malformed records were skipped (--skip-invalid); first: a.ndjson:3',
    ]);
    expect(notesOf(input).join('\n')).toMatch(/each task is billed from pullStartedAt to stoppedAt/);
    expect(notesOf(input)).toContain(
      '1 task not billed (1: EC2, external or managed-instance launch type (not Fargate))',
    );
    expect(notesOf(input).join('\n')).not.toMatch(/^projection:/m);
  });

  it('names groups apart when a service and a family share a name, and notes several task sizes', () => {
    const input = historyCompareInput(
      history([
        ran(T0, HOUR, {group: 'service:report'}),
        ran(T0, HOUR, {group: 'family:report'}),
        ran(T0, HOUR, {group: 'family:report', cpuUnits: 512, memoryMiB: 1024, pullStartedAtMs: T0 + 1000}),
      ]),
    );
    expect(input.components.map((c) => c.name).sort()).toEqual(['family:report', 'service:report']);
    expect(notesOf(input)).toContain(
      "family:report ran 2 task sizes; a task's hourly usage (for a FARGATE base and Spot task-hours) is the newest: 0.5 vCPU, 1 GB",
    );
  });

  it('refuses a history with nothing billed, saying why', () => {
    const empty = history([task({launchType: 'EC2'}), task({pullStartedAtMs: undefined})]);
    let error: unknown;
    try {
      historyCompareInput(empty);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(userErrorText(error as UserError).message).toBe(
      'nothing to compare: the history has no billed Fargate task (2 records read; not billed: 1 EC2, external or managed-instance launch type (not Fargate), 1 stopped before its image pull started (AWS bills nothing))',
    );
  });

  it('says when the history is too short for the default look-backs, and sizes those that fit', () => {
    const short = compare({
      input: historyCompareInput(history([ran(T0, 48 * HOUR)])),
      catalog,
      now: NOW,
      plans: ['compute-1y-no-upfront'],
    });
    expect(short.savingsPlans[0]!.lookbacks).toEqual([]);
    expect(compareJson(short).assumptions.notes).toContain(
      'look-backs: the history covers 2.0 days (48 hours), too short for the 7-day, 30-day and 60-day look-backs; read a longer history to size them',
    );
    // 8 days of one task, a second one for the last day only: the 7-day window commits to the one task
    // (the second runs 24 of 168 hours, under the 80% break-even of a 20% discount): 0.009874 an hour.
    const week = compare({
      input: historyCompareInput(history([ran(T0, 192 * HOUR), ran(T0 + 168 * HOUR, 24 * HOUR)])),
      catalog,
      now: NOW,
      plans: ['compute-1y-no-upfront'],
    });
    expect(week.savingsPlans[0]!.lookbacks.map((l) => [l.days, l.exactCommitmentPerHour.toString()])).toEqual([
      [7, '0.009874'],
    ]);
    expect(compareJson(week).assumptions.notes).toContain(
      'look-backs: the history covers 8.0 days (192 hours), too short for the 30-day and 60-day look-backs; read a longer history to size them',
    );
  });
});

describe('historyCompareInput: Spot tasks the catalog has no Spot rate for', () => {
  // us-west-2 has no arm64 Spot rate. 1 vCPU / 2 GB arm64 there: $0.0395 an hour On-Demand
  // (0.03238 + 2 x 0.00356). worker ran 2 hours on FARGATE_SPOT, web 2 hours on FARGATE.
  const arm = {region: 'us-west-2', arch: 'arm64' as const, cpuUnits: 1024, memoryMiB: 2048};
  const records = [
    ran(T0, 2 * HOUR, {...arm, group: 'service:worker', capacityProvider: 'FARGATE_SPOT'}),
    ran(T0, 2 * HOUR, {...arm}),
  ];
  const input = historyCompareInput(history(records, {keepUnpricedSpot: true}));
  const result = compare({input, catalog, now: NOW, plans: ['compute-1y-no-upfront']});
  const byId = (id: string) => result.scenarios.find((s) => s.id === id)!;
  const saidById = (id: string) => compareJson(result).scenarios.find((s) => s.id === id)!;

  it('keeps their usage, so On-Demand counts every task: 4 task-hours x 0.0395 over 2 hours, x 730', () => {
    expect(input.components.map((c) => [c.name, c.taskHours!.spot.toString(), c.spotTolerant])).toEqual([
      ['web', '0', false],
      ['worker', '2', true],
    ]);
    expect(byId('on-demand').monthlyCost!.toString()).toBe('57.67');
  });

  it('says their as-measured cost is unknown, and which rate would price it', () => {
    expect(saidById('as-configured')).toMatchObject({
      available: false,
      label: 'As measured (On-Demand + Spot)',
      monthlyCost: null,
      reason:
        'the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2, so what the measured Fargate Spot usage cost is unknown; run "fargate-cost prices refresh --source public --regions us-west-2", which needs no AWS account, or pass --catalog FILE with those rates',
    });
    expect(byId('spot').available).toBe(false);
    expect(saidById('savings-plan-compute-1y-no-upfront')).toMatchObject({
      available: false,
      label: 'As measured + Compute SP 1 yr No Upfront',
    });
    expect(warningsOf(input).join('\n')).toContain(
      '1 Fargate Spot task (2 task-hours) not priced: the catalog has no Fargate Spot rate for linux-arm64-vcpu in us-west-2; its usage is counted, what it cost on Spot is unknown',
    );
  });

  it('recommends the worker On-Demand, and says the saving is against All On-Demand, not what the history paid', () => {
    const worker = compareJson(result).recommendation.parts.find((part) => part.component === 'worker')!;
    expect(worker.placement).toBe('on-demand');
    expect(worker.why).toMatch(
      /^the catalog has no Fargate Spot rate for linux-arm64-vcpu and linux-arm64-memory in us-west-2, so Spot cannot be priced; run "fargate-cost prices refresh --source public --regions us-west-2"/,
    );
    expect(compareJson(result).recommendation.notes).toContain(
      'worker ran on Fargate Spot, which has no rate here: the mix prices worker On-Demand, so its saving is against All On-Demand, not against what the history paid',
    );
    // 2 tasks all the time under the 1-year plan: 2 x 0.0311 = $0.0622/h exact, $0.062 bought,
    // 0.0002 of Savings Plan cost an hour left On-Demand at 0.03238 / 0.0255 of it.
    expect(result.recommendation.commitmentPerHour.toString()).toBe('0.062');
    expect(result.recommendation.monthlyCost.toDecimalPlaces(10).toString()).toBe('45.4453913725');
    expect(byId('recommended').available).toBe(true);
    expect(compareJson(result).assumptions.warnings.join('\n')).toMatch(
      /3 scenarios that need it are not available, and the recommendation keeps worker On-Demand/,
    );
  });
});
