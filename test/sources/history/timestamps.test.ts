import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseIsoFast, RecordError, timestampMs} from '../../../src/sources/history/timestamps.js';

describe('timestampMs', () => {
  it.each([
    ['AWS CLI v1 / wire: epoch seconds with a fraction', 1577073858.114, Date.UTC(2019, 11, 23, 4, 4, 18, 114)],
    ['epoch seconds without a fraction', 1597428383, Date.UTC(2020, 7, 14, 18, 6, 23)],
    ['epoch seconds as a string', '1577073858.114', Date.UTC(2019, 11, 23, 4, 4, 18, 114)],
    ['epoch milliseconds (Step Functions)', 1680596446117, 1680596446117],
    [
      'AWS CLI v2: microseconds and a local offset',
      '2021-12-20T12:13:20.226000-05:00',
      Date.UTC(2021, 11, 20, 17, 13, 20, 226),
    ],
    [
      'AWS CLI v2: +00:00, no fraction (dropped when zero)',
      '2024-12-24T05:04:06+00:00',
      Date.UTC(2024, 11, 24, 5, 4, 6),
    ],
    ['EventBridge: Z with two digits', '2022-11-23T16:36:31.21Z', Date.UTC(2022, 10, 23, 16, 36, 31, 210)],
    ['EventBridge: Z without a fraction', '2020-08-14T18:06:23Z', Date.UTC(2020, 7, 14, 18, 6, 23)],
    ['an offset without a colon', '2020-08-14T20:06:23+0200', Date.UTC(2020, 7, 14, 18, 6, 23)],
    ['nanoseconds are cut to the millisecond', '2020-08-14T18:06:23.123456789Z', Date.UTC(2020, 7, 14, 18, 6, 23, 123)],
    ['a Date from the SDK', new Date('2019-12-23T04:04:18.114Z'), Date.UTC(2019, 11, 23, 4, 4, 18, 114)],
  ])('%s', (_name, value, expected) => {
    expect(timestampMs(value, 'createdAt')).toBe(expected);
  });

  it('treats a missing field as absent', () => {
    expect(timestampMs(undefined, 'stoppedAt')).toBeUndefined();
    expect(timestampMs(null, 'stoppedAt')).toBeUndefined();
  });

  it.each([
    ['a time without a zone (it would be read in local time)', '2020-08-14T18:06:23'],
    ['a date alone', '2020-08-14'],
    ['words', 'yesterday'],
    ['a negative number', -5],
    ['an object', {seconds: 5}],
    ['an impossible date', '2020-13-45T18:06:23Z'],
  ])('refuses %s, naming the field', (_name, value) => {
    expect(() => timestampMs(value, 'pullStartedAt')).toThrow(RecordError);
    expect(() => timestampMs(value, 'pullStartedAt')).toThrow(/pullStartedAt/);
  });
});

describe('parseIsoFast', () => {
  it('agrees with Date.parse on every shape ECS writes (property)', () => {
    const zones = fc.constantFrom('Z', '+00:00', '-05:00', '+05:30', '+0930', '-1100', 'z');
    const fraction = fc.constantFrom('', '.1', '.21', '.226', '.226000', '.123456789');
    fc.assert(
      fc.property(
        fc.integer({min: Date.UTC(1970, 0, 1), max: Date.UTC(2199, 11, 31)}),
        fraction,
        zones,
        (ms, frac, zone) => {
          const text = new Date(ms).toISOString().slice(0, 19) + frac + zone;
          expect(parseIsoFast(text)).toBe(Date.parse(text));
        },
      ),
      {numRuns: 2000},
    );
  });

  it.each(['2020-02-29T00:00:00Z', '2000-02-29T12:00:00Z', '2024-12-31T23:59:59.999Z'])('reads %s', (text) => {
    expect(parseIsoFast(text)).toBe(Date.parse(text));
  });

  it.each([
    '2021-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2020-04-31T00:00:00Z',
    '2020-01-01T24:00:00Z',
    '2020-01-01T00:00:00',
    '2020-01-01T00:00:00.Z',
    '2020-01-01T00:00:00+5:00',
    '2020-01-01 00:00:00Z',
  ])('leaves %s to the careful path', (text) => {
    expect(parseIsoFast(text)).toBeUndefined();
  });
});
