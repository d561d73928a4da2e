import {describe, expect, it} from 'vitest';
import {nearestValidSize, validateCpuMemory, validateStorage, validSizes} from '../../src/sizing/sizes.js';

const GB = 1024;

describe('the Fargate size table', () => {
  it('has every Linux pair of the ECS guide, and only those', () => {
    const sizes = validSizes('linux');
    const count = (cpu: number) => sizes.filter((size) => size.cpuUnits === cpu).length;
    expect([256, 512, 1024, 2048, 4096, 8192, 16384].map(count)).toEqual([3, 4, 7, 13, 23, 12, 12]);
    expect(sizes).toContainEqual({cpuUnits: 256, memoryMiB: 512});
    expect(sizes).toContainEqual({cpuUnits: 8192, memoryMiB: 60 * GB});
    expect(sizes).not.toContainEqual({cpuUnits: 8192, memoryMiB: 18 * GB});
    expect(sizes).toContainEqual({cpuUnits: 16384, memoryMiB: 120 * GB});
  });
  it('gives Windows 1, 2 and 4 vCPU only', () => {
    expect([...new Set(validSizes('windows').map((size) => size.cpuUnits))]).toEqual([1024, 2048, 4096]);
  });
});

describe('validateCpuMemory', () => {
  it('accepts valid sizes', () => {
    for (const size of validSizes('linux')) expect(() => validateCpuMemory(size, 'linux')).not.toThrow();
  });
  it('names the valid memory for that CPU and the nearest valid size', () => {
    expect(() => validateCpuMemory({cpuUnits: 256, memoryMiB: 3 * GB}, 'linux')).toThrowProblem(
      'task memory 3 GB is not valid for 0.25 vCPU; valid: 0.5, 1, 2 GB (nearest valid size: 0.5 vCPU, 3 GB)',
    );
  });
  it('describes long ranges as ranges', () => {
    expect(() => validateCpuMemory({cpuUnits: 4096, memoryMiB: 4 * GB}, 'linux')).toThrowProblem(
      'valid: 8 to 30 GB in 1 GB steps',
    );
    expect(() => validateCpuMemory({cpuUnits: 8192, memoryMiB: 18 * GB}, 'linux')).toThrowProblem(
      'valid: 16 to 60 GB in 4 GB steps',
    );
  });
  it('rejects CPU values that are not Fargate sizes', () => {
    expect(() => validateCpuMemory({cpuUnits: 3072, memoryMiB: 8 * GB}, 'linux')).toThrowProblem(
      /cpu 3 vCPU \(3072 units\) is not a Fargate size/,
    );
  });
  it('rejects Windows below 1 vCPU, suggesting the smallest Windows size', () => {
    expect(() => validateCpuMemory({cpuUnits: 512, memoryMiB: 2 * GB}, 'windows')).toThrowProblem(
      'Windows tasks use 1, 2 or 4 vCPU (nearest valid size: 1 vCPU, 2 GB)',
    );
  });
});

describe('nearestValidSize', () => {
  it.each([
    [{cpuUnits: 300, memoryMiB: 700}, 'linux', {cpuUnits: 512, memoryMiB: 1024}],
    [{cpuUnits: 1024, memoryMiB: 9 * GB}, 'linux', {cpuUnits: 2048, memoryMiB: 9 * GB}],
    [{cpuUnits: 8192, memoryMiB: 17 * GB}, 'linux', {cpuUnits: 8192, memoryMiB: 20 * GB}],
    [{cpuUnits: 32768, memoryMiB: 1 * GB}, 'linux', {cpuUnits: 16384, memoryMiB: 120 * GB}],
    [{cpuUnits: 256, memoryMiB: 512}, 'windows', {cpuUnits: 1024, memoryMiB: 2 * GB}],
  ] as const)('%o on %s -> %o', (requested, os, expected) => expect(nearestValidSize(requested, os)).toEqual(expected));
});

describe('validateStorage', () => {
  it.each([20, 21, 200])('accepts %i GiB', (gib) => expect(() => validateStorage(gib)).not.toThrow());
  it.each([19, 201, 0])('rejects %i GiB with the range', (gib) => {
    expect(() => validateStorage(gib)).toThrowProblem(/Fargate allows 20 to 200 GiB/);
  });
});
