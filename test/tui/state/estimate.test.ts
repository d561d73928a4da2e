import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {resolveTask} from '../../../src/sizing/resolve.js';
import {validSizes} from '../../../src/sizing/sizes.js';
import {
  currentSettings,
  type EstimateAction,
  estimateReducer,
  type EstimateState,
  visibleFields,
} from '../../../src/tui/state/estimate.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {exampleSpecs, handGiven, setupFor} from '../fixtures.js';

const web = () => initialStateFor(setupFor());
const run = (state: EstimateState, ...actions: EstimateAction[]) => actions.reduce(estimateReducer, state);
const size = (state: EstimateState) => {
  const {cpuUnits, memoryMiB, arch, os, storageGiB} = currentSettings(state);
  return {cpuUnits, memoryMiB, arch, os, storageGiB};
};
const at = (state: EstimateState, settings: Partial<ReturnType<typeof size>>): EstimateState => ({
  ...state,
  settings: state.settings.map((current, i) => (i === state.taskIndex ? {...current, ...settings} : current)),
});
const right = {type: 'adjust', step: 1} as const;
const left = {type: 'adjust', step: -1} as const;
const down = {type: 'move-field', step: 1} as const;
const up = {type: 'move-field', step: -1} as const;

describe('the Estimate view reducer', () => {
  it('starts where estimate would: the file size, the ARN region, one task always on, cursor on vCPU', () => {
    const state = web();
    expect(size(state)).toEqual({cpuUnits: 1024, memoryMiB: 2048, arch: 'x86_64', os: 'linux', storageGiB: 20});
    expect(currentSettings(state).region).toBe('us-east-1');
    expect(state.tasks[0]!.regionOrigin).toBe('task definition');
    expect([state.count, state.schedule, state.field, state.notice]).toEqual([1, {kind: 'always-on'}, 'cpu', null]);
  });

  it('takes the region as estimate does: --region, else the ARN, else the environment, else us-east-1', () => {
    const region = (setup: ReturnType<typeof setupFor>) => [
      currentSettings(initialStateFor(setup)).region,
      initialStateFor(setup).tasks[0]!.regionOrigin,
    ];
    expect(region(setupFor(exampleSpecs('web-service.json'), {regionFlag: 'eu-west-1'}))).toEqual([
      'eu-west-1',
      'flag',
    ]);
    expect(region(setupFor(handGiven(), {environmentRegion: 'eu-west-2'}))).toEqual(['eu-west-2', 'environment']);
    expect(region(setupFor(handGiven()))).toEqual(['us-east-1', 'default']);
  });

  it('shows the task picker only with several task definitions, the run fields only for a schedule', () => {
    expect(visibleFields(web())).toEqual(['cpu', 'memory', 'arch', 'os', 'storage', 'region', 'count', 'schedule']);
    const several = initialStateFor(setupFor(exampleSpecs('web-service.json', 'worker-arm64.json')));
    expect(visibleFields(several)[0]).toBe('task');
    const scheduled = run(web(), {type: 'step-schedule', step: 1});
    expect(visibleFields(scheduled).slice(-3)).toEqual(['schedule', 'duration', 'runs']);
  });

  it('moves the cursor through the visible fields and wraps around', () => {
    expect(run(web(), down, down).field).toBe('arch');
    expect(run(web(), up).field).toBe('schedule');
    expect(run(web(), up, down).field).toBe('cpu');
  });

  it.each([
    // [from, action, to, notice]
    [
      '1 vCPU 2 GB, vCPU up: 2 GB is too little for 2 vCPU',
      {cpuUnits: 1024, memoryMiB: 2048},
      right,
      {cpuUnits: 2048, memoryMiB: 4096},
      '2 vCPU takes 4 GB to 16 GB: memory now 4 GB',
    ],
    [
      '1 vCPU 4 GB, vCPU up keeps 4 GB',
      {cpuUnits: 1024, memoryMiB: 4096},
      right,
      {cpuUnits: 2048, memoryMiB: 4096},
      null,
    ],
    [
      '1 vCPU 8 GB, vCPU down: 0.5 vCPU takes at most 4 GB',
      {cpuUnits: 1024, memoryMiB: 8192},
      left,
      {cpuUnits: 512, memoryMiB: 4096},
      '0.5 vCPU takes 1 GB to 4 GB: memory now 4 GB',
    ],
    [
      '4 vCPU 30 GB, vCPU up: 8 vCPU steps by 4 GB',
      {cpuUnits: 4096, memoryMiB: 30720},
      right,
      {cpuUnits: 8192, memoryMiB: 32768},
      '8 vCPU takes 16 GB to 60 GB: memory now 32 GB',
    ],
    [
      '16 vCPU, vCPU up: nothing larger',
      {cpuUnits: 16384, memoryMiB: 32768},
      right,
      {cpuUnits: 16384, memoryMiB: 32768},
      '16 vCPU is the largest Linux task on Fargate',
    ],
    [
      '0.25 vCPU, vCPU down: nothing smaller',
      {cpuUnits: 256, memoryMiB: 512},
      left,
      {cpuUnits: 256, memoryMiB: 512},
      '0.25 vCPU is the smallest Linux task on Fargate',
    ],
  ] as const)('vCPU: %s', (_what, from, action, to, notice) => {
    const state = run(at(web(), from), action);
    expect(size(state)).toMatchObject(to);
    expect(state.notice).toBe(notice);
  });

  it('memory steps through the valid values for the CPU and stops at the ends, saying why', () => {
    const memory = run(web(), down);
    expect(size(run(memory, right)).memoryMiB).toBe(3072);
    expect(size(run(memory, left)).memoryMiB).toBe(2048);
    expect(run(memory, left).notice).toBe('2 GB is the least memory for 1 vCPU; lower vCPU to go further');
    const top = run(at(memory, {memoryMiB: 8192}), right);
    expect([size(top).memoryMiB, top.notice]).toEqual([
      8192,
      '8 GB is the most memory for 1 vCPU; raise vCPU to go further',
    ]);
    // 8 vCPU memory moves in 4 GB steps.
    expect(size(run(at(memory, {cpuUnits: 8192, memoryMiB: 16384}), right)).memoryMiB).toBe(20480);
  });

  it('[ and ] step through every valid size in order, across CPU rows', () => {
    const sizes = validSizes('linux');
    let state = at(web(), {cpuUnits: 256, memoryMiB: 512});
    const seen = [size(state)];
    for (let i = 1; i < sizes.length; i++) {
      state = run(state, {type: 'step-size', step: 1});
      seen.push(size(state));
    }
    expect(seen.map(({cpuUnits, memoryMiB}) => ({cpuUnits, memoryMiB}))).toEqual(sizes);
    expect(run(state, {type: 'step-size', step: 1}).notice).toBe(
      '16 vCPU, 120 GB is the largest Linux size on Fargate',
    );
    expect(size(run(state, {type: 'step-size', step: -1}))).toMatchObject({cpuUnits: 16384, memoryMiB: 114688});
  });

  it('switching to Windows snaps to the nearest Windows size and to x86_64, and says so', () => {
    const state = run(at(web(), {cpuUnits: 256, memoryMiB: 512, arch: 'arm64'}), {type: 'toggle-os'});
    expect(size(state)).toEqual({cpuUnits: 1024, memoryMiB: 2048, arch: 'x86_64', os: 'windows', storageGiB: 20});
    expect(state.notice).toBe(
      'arm64 is Linux only: now x86_64; 0.25 vCPU, 0.5 GB is not a Windows size: now 1 vCPU, 2 GB',
    );
    // Larger than any Windows size: the largest one.
    expect(size(run(at(web(), {cpuUnits: 16384, memoryMiB: 122880}), {type: 'toggle-os'}))).toMatchObject({
      cpuUnits: 4096,
      memoryMiB: 30720,
    });
    // A size Windows has stays, without a notice.
    const kept = run(at(web(), {cpuUnits: 2048, memoryMiB: 6144}), {type: 'toggle-os'});
    expect([size(kept).cpuUnits, size(kept).memoryMiB, kept.notice]).toEqual([2048, 6144, null]);
  });

  it('on Windows: arm64 is refused, vCPU steps 1, 2, 4 only, and back on Linux the size stays', () => {
    const windows = run(web(), {type: 'toggle-os'});
    const refused = run(windows, {type: 'toggle-arch'});
    expect([size(refused).arch, refused.notice]).toEqual(['x86_64', 'Windows tasks on Fargate run on x86_64 only']);
    const cpus = [
      run(windows, left),
      windows,
      run(windows, right),
      run(windows, right, right),
      run(windows, right, right, right),
    ].map((state) => size(state).cpuUnits);
    expect(cpus).toEqual([1024, 1024, 2048, 4096, 4096]);
    expect(run(windows, left).notice).toBe('1 vCPU is the smallest Windows task on Fargate');
    expect(size(run(windows, right, {type: 'toggle-os'}))).toMatchObject({
      cpuUnits: 2048,
      memoryMiB: 4096,
      os: 'linux',
    });
  });

  it('arch toggles on Linux; storage, count, region and schedule step along their ladders', () => {
    expect(size(run(web(), {type: 'toggle-arch'})).arch).toBe('arm64');
    expect(size(run(web(), {type: 'toggle-arch'}, {type: 'toggle-arch'})).arch).toBe('x86_64');
    const storage = run(web(), down, down, down, down);
    expect(storage.field).toBe('storage');
    expect(size(run(storage, right, right)).storageGiB).toBe(25);
    expect(run(storage, left).notice).toBe('20 GiB is included with every task');
    expect(run(web(), {type: 'step-count', step: 1}, {type: 'step-count', step: 1}).count).toBe(3);
    expect(run(web(), {type: 'step-count', step: -1}).notice).toBe('at least one task');
  });

  it('cycles the region through the catalog, both ways', () => {
    const state = web();
    const regions = state.regions;
    const index = regions.indexOf('us-east-1');
    expect(currentSettings(run(state, {type: 'step-region', step: 1})).region).toBe(regions[index + 1]);
    expect(currentSettings(run(state, {type: 'step-region', step: -1})).region).toBe(regions[index - 1]);
    let around = state;
    for (let i = 0; i < regions.length; i++) around = run(around, {type: 'step-region', step: 1});
    expect(currentSettings(around).region).toBe('us-east-1');
  });

  it('changes the run length and runs a day of a schedule, and hands the cursor back when they disappear', () => {
    let state = run(web(), {type: 'step-schedule', step: 1});
    expect(state.schedule).toEqual({kind: 'runs', duration: '10h', runsPerDay: 1});
    state = run({...state, field: 'duration'}, right);
    expect(state.schedule).toEqual({kind: 'runs', duration: '12h', runsPerDay: 1});
    state = run(state, down, right, right);
    expect(state.schedule).toEqual({kind: 'runs', duration: '12h', runsPerDay: 3});
    const back = run(state, {type: 'step-schedule', step: -1});
    expect([back.schedule, back.field]).toEqual([{kind: 'always-on'}, 'schedule']);
  });

  it('keeps each task definition’s changes when switching between them', () => {
    const state = initialStateFor(setupFor(exampleSpecs('web-service.json', 'worker-arm64.json')));
    expect(state.field).toBe('cpu');
    const changed = run(state, right);
    const other = run(changed, {type: 'step-task', step: 1});
    expect(other.taskIndex).toBe(1);
    expect(currentSettings(other)).toEqual(state.tasks[1]!.initial);
    expect(size(other)).toMatchObject({arch: 'arm64'});
    const back = run(other, {type: 'step-task', step: 1});
    expect([back.taskIndex, size(back).cpuUnits, size(back).memoryMiB]).toEqual([0, 2048, 4096]);
    expect(run(web(), {type: 'step-task', step: 1}).notice).toBe('only one task definition is loaded');
  });

  it('reset goes back to the starting settings', () => {
    const changed = run(
      web(),
      right,
      {type: 'toggle-os'},
      {type: 'step-count', step: 1},
      {type: 'step-schedule', step: 1},
      {type: 'step-region', step: 1},
    );
    const reset = run(changed, {type: 'reset'});
    expect(reset.settings).toEqual(web().settings);
    expect([reset.count, reset.schedule, reset.notice]).toEqual([
      1,
      {kind: 'always-on'},
      'back to the starting settings',
    ]);
  });

  it('whatever keys are pressed, the task on screen is a size Fargate runs', () => {
    const action = fc.oneof(
      fc.constantFrom<EstimateAction>({type: 'toggle-arch'}, {type: 'toggle-os'}, {type: 'reset'}),
      fc.record({
        type: fc.constantFrom(
          'move-field',
          'adjust',
          'step-size',
          'step-region',
          'step-count',
          'step-schedule',
          'step-task',
        ),
        step: fc.constantFrom(1, -1),
      }) as fc.Arbitrary<EstimateAction>,
    );
    const start = initialStateFor(setupFor(exampleSpecs('web-service.json', 'worker-arm64.json', 'windows-iis.json')));
    fc.assert(
      fc.property(fc.array(action, {maxLength: 60}), (actions) => {
        const state = run(start, ...actions);
        const settings = currentSettings(state);
        // resolveTask is the CLI's validation: it throws a UserError for anything Fargate would refuse.
        resolveTask(state.tasks[state.taskIndex]!.spec, settings);
        expect(visibleFields(state)).toContain(state.field);
        expect(state.regions).toContain(settings.region);
      }),
      {numRuns: 300},
    );
  });
});
