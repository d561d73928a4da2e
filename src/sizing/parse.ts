import {ProblemError} from '../model/problems.js';

/**
 * How a bare number is read. `ecs` follows the task definition rules (integers are CPU units and
 * MiB); `flag` is what a person types on the command line (`--cpu 1`, `--memory 2`), where small
 * numbers are vCPU and GB because no Fargate size is that small in units.
 */
export type NumberConvention = 'ecs' | 'flag';

const CPU_TEXT = /^(\d+(?:\.\d+)?)\s*(vcpus?|cpus?|units?)?$/i;
const MEMORY_TEXT = /^(\d+(?:\.\d+)?)\s*(gb|gib|g|mb|mib|m)?$/i;

/** Largest bare number read as vCPU on the command line (Fargate's largest task is 16 vCPU). */
const FLAG_VCPU_LIMIT = 16;
/** Largest bare number read as GB on the command line (Fargate's smallest memory is 512 MiB). */
const FLAG_GB_LIMIT = 120;

/**
 * A size as written: a number or text, trimmed. Anything else a file may hold there (a list, a mapping, true) is
 * refused by what it is, never converted to text.
 */
function sizeText(input: unknown, what: 'cpu' | 'memory' | 'storage'): string {
  if (typeof input === 'string' || typeof input === 'number') return String(input).trim();
  throw new ProblemError({kind: 'size-wrong-kind', what, value: input});
}

function exactInteger(value: number, what: 'cpu' | 'memory', original: string): number {
  if (!Number.isInteger(value)) throw new ProblemError({kind: 'size-not-whole', what, text: original});
  return value;
}

/** Parses task CPU: `1024`, `"1024"`, `"1 vCPU"`, `"0.25 vcpu"`; returns CPU units. */
export function parseCpu(input: unknown, convention: NumberConvention = 'ecs'): number {
  const original = sizeText(input, 'cpu');
  const match = CPU_TEXT.exec(original);
  if (!match) {
    throw new ProblemError({kind: 'size-not-understood', what: 'cpu', text: original});
  }
  const amount = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  const isVcpu = unit !== undefined ? !unit.startsWith('unit') : convention === 'flag' && amount <= FLAG_VCPU_LIMIT;
  return exactInteger(isVcpu ? amount * 1024 : amount, 'cpu', original);
}

/** Parses task memory: `2048`, `"2048"`, `"2 GB"`, `"512 MiB"`; returns MiB. */
export function parseMemory(input: unknown, convention: NumberConvention = 'ecs'): number {
  const original = sizeText(input, 'memory');
  const match = MEMORY_TEXT.exec(original);
  if (!match) {
    throw new ProblemError({kind: 'size-not-understood', what: 'memory', text: original});
  }
  const amount = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  const isGb = unit !== undefined ? unit.startsWith('g') : convention === 'flag' && amount <= FLAG_GB_LIMIT;
  return exactInteger(isGb ? amount * 1024 : amount, 'memory', original);
}

/** Parses ephemeral storage in GiB: `30`, `"30"`, `"30 GiB"`, `"30GB"`. */
export function parseStorage(input: unknown): number {
  const original = sizeText(input, 'storage');
  const match = /^(\d+)\s*(gib|gb|g)?$/i.exec(original);
  if (!match) {
    throw new ProblemError({kind: 'size-not-understood', what: 'storage', text: original});
  }
  return Number(match[1]);
}
