import {describe, expect, it} from 'vitest';
import {usageOf, usageRatesOf} from '../../src/billing/usage.js';
import type {TaskSize} from '../../src/model/types.js';

const size = (over: Partial<TaskSize>): TaskSize => ({
  cpuUnits: 1024,
  memoryMiB: 2048,
  storageGiB: 20,
  arch: 'x86_64',
  os: 'linux',
  ...over,
});

describe('usageRatesOf', () => {
  it('bills vCPU and memory for Linux, nothing for the included 20 GiB', () => {
    expect(usageRatesOf(size({}))).toEqual([
      {key: 'linux-x86_64-vcpu', resource: 'vcpu', units: 1024},
      {key: 'linux-x86_64-memory', resource: 'memory', units: 2048},
    ]);
  });
  it('uses the Graviton dimensions for arm64', () => {
    expect(usageRatesOf(size({arch: 'arm64'})).map((rate) => rate.key)).toEqual([
      'linux-arm64-vcpu',
      'linux-arm64-memory',
    ]);
  });
  it('adds the Windows licence per vCPU', () => {
    expect(usageRatesOf(size({os: 'windows', cpuUnits: 2048}))).toContainEqual({
      key: 'windows-x86_64-os-license',
      resource: 'os-license',
      units: 2048,
    });
  });
  it('bills only the storage above 20 GiB', () => {
    expect(usageRatesOf(size({storageGiB: 21}))).toContainEqual({key: 'storage', resource: 'storage', units: 1024});
    expect(usageRatesOf(size({storageGiB: 50}))).toContainEqual({
      key: 'storage',
      resource: 'storage',
      units: 30 * 1024,
    });
  });
});

describe('usageOf', () => {
  it('multiplies exactly, in bigint, far beyond 2^53', () => {
    const month = 730 * 3_600_000;
    const usage = usageOf(size({cpuUnits: 16384, memoryMiB: 122880, storageGiB: 200}), month * 1000);
    expect(usage.map((line) => line.unitMs)).toEqual([
      16384n * BigInt(month) * 1000n,
      122880n * BigInt(month) * 1000n,
      180n * 1024n * BigInt(month) * 1000n,
    ]);
    expect(usage[1]!.unitMs > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});
