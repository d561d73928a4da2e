import {ProblemError, type Subject} from '../model/problems.js';
import type {Os} from '../model/types.js';

/** One CPU row of the Fargate size table: memory from `minMiB` to `maxMiB` in `stepMiB` steps. */
interface CpuRow {
  readonly cpuUnits: number;
  readonly memoryMiB: readonly number[];
  readonly os: readonly Os[];
}

const GB = 1024;
const range = (fromGb: number, toGb: number, stepGb: number): number[] => {
  const values: number[] = [];
  for (let gb = fromGb; gb <= toGb; gb += stepGb) values.push(gb * GB);
  return values;
};

/** The ECS developer guide's table ("Task CPU and memory"). */
export const FARGATE_SIZE_TABLE: readonly CpuRow[] = [
  {cpuUnits: 256, memoryMiB: [512, 1024, 2048], os: ['linux']},
  {cpuUnits: 512, memoryMiB: range(1, 4, 1), os: ['linux']},
  {cpuUnits: 1024, memoryMiB: range(2, 8, 1), os: ['linux', 'windows']},
  {cpuUnits: 2048, memoryMiB: range(4, 16, 1), os: ['linux', 'windows']},
  {cpuUnits: 4096, memoryMiB: range(8, 30, 1), os: ['linux', 'windows']},
  {cpuUnits: 8192, memoryMiB: range(16, 60, 4), os: ['linux']},
  {cpuUnits: 16384, memoryMiB: range(32, 120, 8), os: ['linux']},
];

export const MIN_STORAGE_GIB = 20;
export const MAX_STORAGE_GIB = 200;

/** True for a size Fargate offers: the CPU and memory pair for the OS, and storage from 20 to 200 GiB. */
export function isFargateSize(size: CpuMemory & {readonly storageGiB: number}, os: Os): boolean {
  const row = FARGATE_SIZE_TABLE.find((candidate) => candidate.cpuUnits === size.cpuUnits);
  return (
    row?.os.includes(os) === true &&
    row.memoryMiB.includes(size.memoryMiB) &&
    Number.isInteger(size.storageGiB) &&
    size.storageGiB >= MIN_STORAGE_GIB &&
    size.storageGiB <= MAX_STORAGE_GIB
  );
}

export interface CpuMemory {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
}

/** Every valid (cpu, memory) pair for an OS, smallest first: what the terminal UI steps through. */
export function validSizes(os: Os): CpuMemory[] {
  return FARGATE_SIZE_TABLE.filter((row) => row.os.includes(os)).flatMap((row) =>
    row.memoryMiB.map((memoryMiB) => ({cpuUnits: row.cpuUnits, memoryMiB})),
  );
}

export function formatCpu(cpuUnits: number): string {
  return `${cpuUnits / 1024} vCPU`;
}

export function formatMemory(memoryMiB: number): string {
  return `${memoryMiB / 1024} GB`;
}

export function formatSize(size: CpuMemory): string {
  return `${formatCpu(size.cpuUnits)}, ${formatMemory(size.memoryMiB)}`;
}

/**
 * The smallest valid size that holds the requested CPU and memory (what the task would need to run
 * on Fargate), or the largest size when nothing holds it.
 */
export function nearestValidSize(requested: CpuMemory, os: Os): CpuMemory {
  const sizes = validSizes(os);
  const fits = sizes.find((size) => size.cpuUnits >= requested.cpuUnits && size.memoryMiB >= requested.memoryMiB);
  return fits ?? sizes[sizes.length - 1]!;
}

/** Throws a problem naming the valid values and the nearest valid size when the pair is not a Fargate size. */
export function validateCpuMemory(size: CpuMemory, os: Os, subject: Subject = {taskDefinition: null}): void {
  const row = FARGATE_SIZE_TABLE.find((candidate) => candidate.cpuUnits === size.cpuUnits);
  const nearest = nearestValidSize(size, os);
  const {cpuUnits, memoryMiB} = size;
  if (!row) {
    const validVcpu = FARGATE_SIZE_TABLE.filter((candidate) => candidate.os.includes(os)).map(
      (candidate) => candidate.cpuUnits / 1024,
    );
    throw new ProblemError({kind: 'invalid-cpu', subject, cpuUnits, validVcpu, nearest});
  }
  if (!row.os.includes(os)) throw new ProblemError({kind: 'windows-cpu', subject, cpuUnits, nearest});
  if (!row.memoryMiB.includes(memoryMiB)) {
    throw new ProblemError({kind: 'invalid-memory', subject, cpuUnits, memoryMiB, validMiB: row.memoryMiB, nearest});
  }
}

export function validateStorage(storageGiB: number, subject: Subject = {taskDefinition: null}): void {
  if (!Number.isInteger(storageGiB) || storageGiB < MIN_STORAGE_GIB || storageGiB > MAX_STORAGE_GIB) {
    throw new ProblemError({kind: 'storage-range', subject, storageGiB});
  }
}
