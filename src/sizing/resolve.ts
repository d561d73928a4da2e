import {UserError, untrusted} from '../errors.js';
import type {ResolvedTask, SizeOverrides, TaskDefinitionSpec} from '../model/task.js';
import {nearestValidSize, validateCpuMemory, validateStorage} from './sizes.js';

/**
 * Applies flag overrides to a task definition and validates the result against the Fargate size
 * table. Without a task-level size, the containers' reservations are summed and fitted to the
 * smallest Fargate size that holds them, and a note says so.
 */
export function resolveTask(spec: TaskDefinitionSpec, overrides: SizeOverrides = {}): ResolvedTask {
  const notes = [...spec.notes];
  const os = overrides.os ?? spec.os ?? 'linux';
  const arch = overrides.arch ?? spec.arch ?? 'x86_64';
  const subject = spec.source === 'command line' ? 'task' : `task definition ${untrusted(spec.name)}`;
  if (os === 'windows' && arch === 'arm64') {
    throw new UserError(`${subject} asks for Windows on arm64, which Fargate does not run`, {
      hint: 'Windows tasks on Fargate are x86_64 only',
    });
  }
  let cpuUnits = overrides.cpuUnits ?? spec.cpuUnits;
  let memoryMiB = overrides.memoryMiB ?? spec.memoryMiB;
  if (cpuUnits === undefined || memoryMiB === undefined) {
    const fromContainers = {
      cpuUnits: cpuUnits ?? spec.containers.cpuUnits,
      memoryMiB: memoryMiB ?? spec.containers.memoryMiB,
    };
    if (fromContainers.cpuUnits <= 0 && fromContainers.memoryMiB <= 0) {
      throw new UserError(`${subject} has no task-level cpu and memory, and its containers reserve none`, {
        hint: 'pass --cpu and --memory',
      });
    }
    const fitted = nearestValidSize(fromContainers, os);
    notes.push({
      kind: 'fitted-from-containers',
      missing:
        cpuUnits === undefined && memoryMiB === undefined ? 'cpu or memory' : cpuUnits === undefined ? 'cpu' : 'memory',
      containers: spec.containers.count,
      cpuUnits: fromContainers.cpuUnits,
      memoryMiB: fromContainers.memoryMiB,
      fitted: {cpuUnits: fitted.cpuUnits, memoryMiB: fitted.memoryMiB},
    });
    cpuUnits = fitted.cpuUnits;
    memoryMiB = fitted.memoryMiB;
  }
  validateCpuMemory({cpuUnits, memoryMiB}, os, subject);
  const storageGiB = overrides.storageGiB ?? spec.storageGiB ?? 20;
  validateStorage(storageGiB, subject);
  return {
    name: spec.name,
    source: spec.source,
    size: {cpuUnits, memoryMiB, storageGiB, arch, os},
    region: spec.region,
    notes,
  };
}

/** A task given only by flags (`--cpu 1 --memory 2`). */
export function handGivenSpec(overrides: SizeOverrides): TaskDefinitionSpec {
  if (overrides.cpuUnits === undefined || overrides.memoryMiB === undefined) {
    const missing = overrides.cpuUnits === undefined ? '--cpu' : '--memory';
    throw new UserError(
      `nothing to estimate: give a task definition FILE, --task-definition REF, or both --cpu and --memory (${missing} is missing)`,
      {
        hint: 'e.g. fargate-cost estimate --cpu 1 --memory 2',
      },
    );
  }
  return {
    name: 'task',
    source: 'command line',
    cpuUnits: overrides.cpuUnits,
    memoryMiB: overrides.memoryMiB,
    storageGiB: overrides.storageGiB,
    arch: overrides.arch,
    os: overrides.os,
    region: undefined,
    containers: {cpuUnits: 0, memoryMiB: 0, count: 0},
    notes: [],
  };
}
