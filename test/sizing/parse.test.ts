import {describe, expect, it} from 'vitest';
import {UserError} from '../../src/errors.js';
import {parseCpu, parseMemory, parseStorage} from '../../src/sizing/parse.js';

describe('parseCpu', () => {
  it.each([
    ['1024', 'ecs', 1024],
    [1024, 'ecs', 1024],
    ['1 vCPU', 'ecs', 1024],
    ['0.25 vcpu', 'ecs', 256],
    ['2vCPU', 'ecs', 2048],
    ['256 units', 'ecs', 256],
    ['1', 'flag', 1024],
    ['0.5', 'flag', 512],
    ['16', 'flag', 16384],
    ['256', 'flag', 256],
    ['1', 'ecs', 1],
  ] as const)('%s (%s) is %i CPU units', (input, convention, expected) => {
    expect(parseCpu(input, convention)).toBe(expected);
  });
  it('says what it expects for text it does not understand', () => {
    expect(() => parseCpu('one core')).toThrow(UserError);
    expect(() => parseCpu('one core')).toThrowProblem(/cpu "one core" is not understood/);
  });
  it('rejects fractions of a CPU unit', () => expect(() => parseCpu('0.1 vCPU')).toThrowProblem(/whole number/));
  it('refuses what is neither a number nor text, never converting it (found by fuzzing)', () => {
    expect(() => parseCpu([1])).toThrowProblem('cpu is a list, not a number or text');
    expect(() => parseMemory({toString: 1})).toThrowProblem('memory is a mapping, not a number or text');
    expect(() => parseStorage(null)).toThrowProblem('ephemeral storage is null, not a number or text');
    expect(() => parseCpu('9'.repeat(100) + 'x')).toThrowProblem(`cpu "${'9'.repeat(59)}…" is not understood`);
  });
});

describe('parseMemory', () => {
  it.each([
    ['2048', 'ecs', 2048],
    [512, 'ecs', 512],
    ['2 GB', 'ecs', 2048],
    ['2GB', 'ecs', 2048],
    ['0.5 GiB', 'ecs', 512],
    ['512 MiB', 'ecs', 512],
    ['3', 'flag', 3072],
    ['0.5', 'flag', 512],
    ['2048', 'flag', 2048],
  ] as const)('%s (%s) is %i MiB', (input, convention, expected) => {
    expect(parseMemory(input, convention)).toBe(expected);
  });
  it('rejects unknown units', () =>
    expect(() => parseMemory('2 TB')).toThrowProblem(/memory "2 TB" is not understood/));
});

describe('parseStorage', () => {
  it.each([
    ['30', 30],
    [30, 30],
    ['50 GiB', 50],
    ['21GB', 21],
  ] as const)('%s is %i GiB', (input, expected) => expect(parseStorage(input)).toBe(expected));
  it('rejects fractions, hinting at whole GiB', () => {
    expect(() => parseStorage('20.5')).toThrowProblem(/ephemeral storage "20.5" is not understood \(.*whole GiB/);
  });
});
