import type {CompareComponent, CompareInput} from '../analysis/compare-types.js';
import type {CompareNote} from '../model/notes.js';
import type {ProfileHour, UsageProfile} from '../model/profile.js';
import {ProblemError} from '../model/problems.js';
import type {RightsizedSize} from '../model/rightsize.js';
import type {RateKey} from '../model/types.js';

export type {RightsizedSize};

/**
 * `compare --rightsized`: each workload a rightsize result names, at its recommended size. A task's
 * vCPU (and Windows licence) usage is its CPU units x the time it ran, its memory usage its MiB x the
 * time, so moving from the current size to the recommended one scales those series by
 * recommended / current: exact when every task of the workload ran at its current size (taken from
 * the input's usage of one task-hour when it has one, else the size rightsize judged), ephemeral
 * storage unchanged. Pure.
 */

const CPU_KEYS = new Set<RateKey>([
  'linux-x86_64-vcpu',
  'linux-arm64-vcpu',
  'windows-x86_64-vcpu',
  'windows-x86_64-os-license',
]);
const MEMORY_KEYS = new Set<RateKey>(['linux-x86_64-memory', 'linux-arm64-memory', 'windows-x86_64-memory']);

type Size = {readonly cpu: number; readonly memory: number};

function ratioFor(key: RateKey, from: Size, to: Size): [bigint, bigint] {
  if (CPU_KEYS.has(key)) return [BigInt(to.cpu), BigInt(from.cpu)];
  if (MEMORY_KEYS.has(key)) return [BigInt(to.memory), BigInt(from.memory)];
  return [1n, 1n];
}

const MS_PER_HOUR = 3_600_000n;

/**
 * The size a component's tasks run at, from its usage of one task's full hour (CPU units and MiB
 * are the usage's units: a task of 1024 units uses 1024 x 3,600,000 unit-ms of vCPU an hour); the
 * rightsize result's `current` when the input does not say.
 */
function componentSize(component: CompareComponent, size: RightsizedSize): Size {
  const perTask = component.perTaskHour;
  if (perTask === null) return size.current;
  const of = (keys: Set<RateKey>) => {
    const i = component.profile.series.findIndex(
      (s, k) => keys.has(s.key) && s.key !== 'windows-x86_64-os-license' && perTask[k]! > 0n,
    );
    return i === -1 || perTask[i]! % MS_PER_HOUR !== 0n ? null : Number(perTask[i]! / MS_PER_HOUR);
  };
  const cpu = of(CPU_KEYS);
  const memory = of(MEMORY_KEYS);
  return cpu === null || memory === null ? size.current : {cpu, memory};
}

/** Scales `value` by num/den; `inexact` counts values that were not whole multiples (tasks of other sizes). */
function scaled(value: bigint, [num, den]: [bigint, bigint], inexact: {count: number}): bigint {
  if (num === den) return value;
  const product = value * num;
  if (product % den !== 0n) inexact.count++;
  // Half up: the nearest whole unit-millisecond.
  return (product * 2n + den) / (2n * den);
}

function resizedProfile(profile: UsageProfile, from: Size, to: Size, inexact: {count: number}): UsageProfile {
  const ratios = profile.series.map((series) => ratioFor(series.key, from, to));
  return {
    series: profile.series,
    hours: profile.hours.map(
      (hour): ProfileHour => ({
        startMs: hour.startMs,
        unitMs: hour.unitMs.map((value, i) => scaled(value, ratios[i]!, inexact)),
      }),
    ),
  };
}

/** The sizes a component matches: by name, then by region when several clusters or regions share it. */
function matchesOf(component: CompareComponent, sizes: readonly RightsizedSize[]): RightsizedSize[] {
  const named = sizes.filter((size) => size.name === component.name);
  if (named.length <= 1) return named;
  const regions = new Set(component.profile.series.map((s) => s.region));
  const inRegion = named.filter((size) => size.region !== null && regions.has(size.region));
  return inRegion.length > 0 ? inRegion : named;
}

export interface Rightsized {
  readonly input: CompareInput;
  /** Components resized, and the rightsize entries no component matched. */
  readonly applied: readonly {readonly component: string; readonly size: RightsizedSize; readonly from: Size}[];
  readonly unmatched: readonly string[];
}

export function applyRightsizing(input: CompareInput, sizes: readonly RightsizedSize[]): Rightsized {
  const applied: {component: string; size: RightsizedSize; from: Size}[] = [];
  const used = new Set<RightsizedSize>();
  let inexact = 0;
  const components = input.components.map((component) => {
    const matches = matchesOf(component, sizes);
    if (matches.length === 0) return component;
    const distinct = new Set(
      matches.map((m) => `${m.recommended.cpu}/${m.recommended.memory}/${m.current.cpu}/${m.current.memory}`),
    );
    if (distinct.size > 1)
      throw new ProblemError({
        kind: 'rightsized-ambiguous',
        component: component.name,
        clusters: matches.map((m) => m.cluster),
      });
    const size = matches[0]!;
    for (const match of matches) used.add(match);
    const from = componentSize(component, size);
    const to = size.recommended;
    if (to.cpu === from.cpu && to.memory === from.memory) return component;
    applied.push({component: component.name, size, from});
    const counter = {count: 0};
    const profile = resizedProfile(component.profile, from, to, counter);
    const perTaskHour =
      component.perTaskHour === null
        ? null
        : component.perTaskHour.map((value, i) =>
            scaled(value, ratioFor(component.profile.series[i]!.key, from, to), counter),
          );
    inexact += counter.count;
    return {...component, profile, perTaskHour};
  });
  const unmatched = sizes
    .filter((size) => !used.has(size))
    .map((size) => (size.by === 'service' ? size.name : `${size.by}:${size.name}`));
  const note: CompareNote = {
    kind: 'rightsized',
    sizes: applied.map(({component, size, from}) => ({
      component,
      from,
      to: size.recommended,
      judged: size.current.cpu === from.cpu && size.current.memory === from.memory ? null : size.current,
    })),
    unmatched,
    approximate: inexact > 0,
  };
  // Sizes judged on another size than the input runs are a warning: the samples may be of another workload.
  const judgedElsewhere = note.sizes.some((s) => s.judged !== null);
  return {
    input: {
      ...input,
      components,
      rightsized: applied.length > 0,
      notes: judgedElsewhere ? (input.notes ?? []) : [...(input.notes ?? []), note],
      warnings: judgedElsewhere ? [...(input.warnings ?? []), note] : (input.warnings ?? []),
    },
    applied,
    unmatched,
  };
}
