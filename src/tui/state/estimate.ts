import type {RegionOrigin} from '../../model/estimate.js';
import type {TaskDefinitionSpec} from '../../model/task.js';
import type {Arch, Os} from '../../model/types.js';
import {formatCpu, formatMemory, formatSize, nearestValidSize, validSizes} from '../../sizing/sizes.js';
import {
  COUNT_LADDER,
  DURATION_LADDER,
  RUNS_PER_DAY_LADDER,
  type Schedule,
  STORAGE_LADDER,
  stepLadder,
  stepList,
  stepPreset,
  stepRing,
} from './ladders.js';

/** What the Estimate view lets a person change about one task definition. */
export interface TaskSettings {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly storageGiB: number;
  readonly arch: Arch;
  readonly os: Os;
  readonly region: string;
}

/** A task definition the view can show, with the settings it starts from (what the file says). */
export interface EstimateTask {
  readonly spec: TaskDefinitionSpec;
  readonly initial: TaskSettings;
  /** Where the starting region came from, as estimate() resolved it. */
  readonly regionOrigin: RegionOrigin;
}

export const FIELD_IDS = [
  'task',
  'cpu',
  'memory',
  'arch',
  'os',
  'storage',
  'region',
  'count',
  'schedule',
  'duration',
  'runs',
] as const;
export type FieldId = (typeof FIELD_IDS)[number];

export interface EstimateState {
  readonly tasks: readonly EstimateTask[];
  /** The catalog's regions, in the order the region field cycles. */
  readonly regions: readonly string[];
  readonly taskIndex: number;
  /** One entry per task: switching task definitions keeps what was changed on each. */
  readonly settings: readonly TaskSettings[];
  readonly count: number;
  readonly schedule: Schedule;
  readonly field: FieldId;
  /** Why the last key did less than asked ("Windows runs on x86_64 only"); cleared by the next key. */
  readonly notice: string | null;
}

export type Step = 1 | -1;

export type EstimateAction =
  | {readonly type: 'move-field'; readonly step: Step}
  | {readonly type: 'adjust'; readonly step: Step}
  | {readonly type: 'step-size'; readonly step: Step}
  | {readonly type: 'toggle-arch'}
  | {readonly type: 'toggle-os'}
  | {readonly type: 'step-region'; readonly step: Step}
  | {readonly type: 'step-count'; readonly step: Step}
  | {readonly type: 'step-schedule'; readonly step: Step}
  | {readonly type: 'step-task'; readonly step: Step}
  | {readonly type: 'reset'};

export function initialEstimateState(tasks: readonly EstimateTask[], regions: readonly string[]): EstimateState {
  if (tasks.length === 0) throw new Error('the Estimate view needs at least one task definition');
  return {
    tasks,
    regions,
    taskIndex: 0,
    settings: tasks.map((task) => task.initial),
    count: 1,
    schedule: {kind: 'always-on'},
    field: 'cpu',
    notice: null,
  };
}

/** The fields shown, in the order the cursor moves: the task picker only with several, run fields only for a schedule. */
export function visibleFields(state: Pick<EstimateState, 'tasks' | 'schedule'>): FieldId[] {
  return FIELD_IDS.filter((field) => {
    if (field === 'task') return state.tasks.length > 1;
    if (field === 'duration' || field === 'runs') return state.schedule.kind === 'runs';
    return true;
  });
}

export function currentSettings(state: EstimateState): TaskSettings {
  return state.settings[state.taskIndex]!;
}

export function currentTask(state: EstimateState): EstimateTask {
  return state.tasks[state.taskIndex]!;
}

function withSettings(state: EstimateState, settings: TaskSettings, notice: string | null = null): EstimateState {
  return {...state, settings: state.settings.map((current, i) => (i === state.taskIndex ? settings : current)), notice};
}

function cpuChoices(os: Os): number[] {
  return [...new Set(validSizes(os).map((size) => size.cpuUnits))];
}

function memoryChoices(os: Os, cpuUnits: number): number[] {
  return validSizes(os)
    .filter((size) => size.cpuUnits === cpuUnits)
    .map((size) => size.memoryMiB);
}

function osName(os: Os): string {
  return os === 'linux' ? 'Linux' : 'Windows';
}

function stepCpu(state: EstimateState, step: Step): EstimateState {
  const settings = currentSettings(state);
  const cpus = cpuChoices(settings.os);
  const cpuUnits = stepList(cpus, settings.cpuUnits, step);
  if (cpuUnits === settings.cpuUnits) {
    const edge = step > 0 ? 'largest' : 'smallest';
    return {...state, notice: `${formatCpu(cpuUnits)} is the ${edge} ${osName(settings.os)} task on Fargate`};
  }
  // Keep the memory when the new CPU allows it, else the nearest memory it does allow.
  const memories = memoryChoices(settings.os, cpuUnits);
  const memoryMiB = memories.find((memory) => memory >= settings.memoryMiB) ?? memories[memories.length - 1]!;
  const notice =
    memoryMiB === settings.memoryMiB
      ? null
      : `${formatCpu(cpuUnits)} takes ${formatMemory(memories[0]!)} to ${formatMemory(memories[memories.length - 1]!)}: memory now ${formatMemory(memoryMiB)}`;
  return withSettings(state, {...settings, cpuUnits, memoryMiB}, notice);
}

function stepMemory(state: EstimateState, step: Step): EstimateState {
  const settings = currentSettings(state);
  const memories = memoryChoices(settings.os, settings.cpuUnits);
  const memoryMiB = stepList(memories, settings.memoryMiB, step);
  if (memoryMiB === settings.memoryMiB) {
    const edge = step > 0 ? 'the most' : 'the least';
    const next = step > 0 ? 'raise' : 'lower';
    return {
      ...state,
      notice: `${formatMemory(memoryMiB)} is ${edge} memory for ${formatCpu(settings.cpuUnits)}; ${next} vCPU to go further`,
    };
  }
  return withSettings(state, {...settings, memoryMiB});
}

/** Steps through every valid (cpu, memory) pair for the OS, smallest first, across CPU rows. */
function stepSize(state: EstimateState, step: Step): EstimateState {
  const settings = currentSettings(state);
  const sizes = validSizes(settings.os);
  const index = sizes.findIndex((size) => size.cpuUnits === settings.cpuUnits && size.memoryMiB === settings.memoryMiB);
  const next = sizes[Math.max(0, Math.min(sizes.length - 1, index + step))]!;
  if (next.cpuUnits === settings.cpuUnits && next.memoryMiB === settings.memoryMiB) {
    return {
      ...state,
      notice: `${formatSize(next)} is the ${step > 0 ? 'largest' : 'smallest'} ${osName(settings.os)} size on Fargate`,
    };
  }
  return withSettings(state, {...settings, ...next});
}

function toggleArch(state: EstimateState): EstimateState {
  const settings = currentSettings(state);
  if (settings.os === 'windows') return {...state, notice: 'Windows tasks on Fargate run on x86_64 only'};
  return withSettings(state, {...settings, arch: settings.arch === 'x86_64' ? 'arm64' : 'x86_64'});
}

function toggleOs(state: EstimateState): EstimateState {
  const settings = currentSettings(state);
  if (settings.os === 'windows') return withSettings(state, {...settings, os: 'linux'});
  const notices: string[] = [];
  const arch: Arch = 'x86_64';
  if (settings.arch !== arch) notices.push('arm64 is Linux only: now x86_64');
  const valid = validSizes('windows').some(
    (size) => size.cpuUnits === settings.cpuUnits && size.memoryMiB === settings.memoryMiB,
  );
  const size = valid ? settings : nearestValidSize(settings, 'windows');
  if (!valid) notices.push(`${formatSize(settings)} is not a Windows size: now ${formatSize(size)}`);
  return withSettings(
    state,
    {...settings, os: 'windows', arch, cpuUnits: size.cpuUnits, memoryMiB: size.memoryMiB},
    notices.join('; ') || null,
  );
}

function stepStorage(state: EstimateState, step: Step): EstimateState {
  const settings = currentSettings(state);
  const storageGiB = stepLadder(STORAGE_LADDER, settings.storageGiB, step);
  if (storageGiB === settings.storageGiB) {
    return {
      ...state,
      notice: step > 0 ? 'Fargate allows at most 200 GiB of ephemeral storage' : '20 GiB is included with every task',
    };
  }
  return withSettings(state, {...settings, storageGiB});
}

function stepRegion(state: EstimateState, step: Step): EstimateState {
  const settings = currentSettings(state);
  return withSettings(state, {...settings, region: stepRing(state.regions, settings.region, step)});
}

function stepCount(state: EstimateState, step: Step): EstimateState {
  const count = stepLadder(COUNT_LADDER, state.count, step);
  if (count === state.count)
    return {...state, notice: step > 0 ? `${count} tasks is as far as the view goes` : 'at least one task'};
  return {...state, count, notice: null};
}

function withSchedule(state: EstimateState, schedule: Schedule): EstimateState {
  const next = {...state, schedule, notice: null};
  // A field that disappears with the schedule hands the cursor to the schedule field.
  return visibleFields(next).includes(next.field) ? next : {...next, field: 'schedule'};
}

function stepRuns(state: EstimateState, step: Step, part: 'duration' | 'runs'): EstimateState {
  const schedule = state.schedule;
  if (schedule.kind !== 'runs') return state;
  if (part === 'duration') {
    const duration = stepList(DURATION_LADDER, schedule.duration, step);
    if (duration === schedule.duration)
      return {...state, notice: `runs of ${duration} are the ${step > 0 ? 'longest' : 'shortest'} the view steps to`};
    return withSchedule(state, {...schedule, duration});
  }
  const runsPerDay = stepLadder(RUNS_PER_DAY_LADDER, schedule.runsPerDay, step);
  if (runsPerDay === schedule.runsPerDay)
    return {...state, notice: `${runsPerDay} runs a day is the ${step > 0 ? 'most' : 'least'} the view steps to`};
  return withSchedule(state, {...schedule, runsPerDay});
}

function stepTask(state: EstimateState, step: Step): EstimateState {
  if (state.tasks.length < 2) return {...state, notice: 'only one task definition is loaded'};
  const indexes = state.tasks.map((_, i) => i);
  return {...state, taskIndex: stepRing(indexes, state.taskIndex, step), notice: null};
}

function adjust(state: EstimateState, step: Step): EstimateState {
  switch (state.field) {
    case 'task':
      return stepTask(state, step);
    case 'cpu':
      return stepCpu(state, step);
    case 'memory':
      return stepMemory(state, step);
    case 'arch':
      return toggleArch(state);
    case 'os':
      return toggleOs(state);
    case 'storage':
      return stepStorage(state, step);
    case 'region':
      return stepRegion(state, step);
    case 'count':
      return stepCount(state, step);
    case 'schedule':
      return withSchedule(state, stepPreset(state.schedule, step));
    case 'duration':
    case 'runs':
      return stepRuns(state, step, state.field);
  }
}

export function estimateReducer(state: EstimateState, action: EstimateAction): EstimateState {
  switch (action.type) {
    case 'move-field': {
      const fields = visibleFields(state);
      const index = fields.indexOf(state.field);
      const next = fields[(((index + action.step) % fields.length) + fields.length) % fields.length]!;
      return {...state, field: next, notice: null};
    }
    case 'adjust':
      return adjust(state, action.step);
    case 'step-size':
      return stepSize(state, action.step);
    case 'toggle-arch':
      return toggleArch(state);
    case 'toggle-os':
      return toggleOs(state);
    case 'step-region':
      return stepRegion(state, action.step);
    case 'step-count':
      return stepCount(state, action.step);
    case 'step-schedule':
      return withSchedule(state, stepPreset(state.schedule, action.step));
    case 'step-task':
      return stepTask(state, action.step);
    case 'reset': {
      const task = currentTask(state);
      const reset = withSchedule({...withSettings(state, task.initial), count: 1}, {kind: 'always-on'});
      return {...reset, notice: 'back to the starting settings'};
    }
  }
}
