import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {feedVersionDate, parseSpotFeed} from '../../src/catalog/spot-feed.js';
import {spotFeed} from '../sources/pricing/fixtures.js';
import {problemOf} from '../helpers/problems.js';

const REAL_FEED = 'test/fixtures/pricing-sources/ligoj-plugin-prov-aws__spot-fargate.json';

describe('parseSpotFeed', () => {
  it('reads the feed fixture, dated by its source:version', () => {
    const parsed = parseSpotFeed(JSON.parse(readFileSync(REAL_FEED, 'utf8')), {path: REAL_FEED});
    expect(parsed.version).toBe('20190730194642');
    expect(parsed.source).toEqual({
      id: 'fargate-spot-feed-2019-07-30',
      title: 'Fargate Spot price feed of the AWS pricing page (fargate-spot-prices.json), version 20190730194642',
      origin: REAL_FEED,
      date: '2019-07-30',
      confidence: 'published',
    });
    expect(parsed.entries.map((entry) => `${entry.region} ${entry.key} ${entry.price} ${entry.asOf}`)).toEqual([
      'us-east-1 linux-x86_64-vcpu 0.01458 2019-07-30',
      'eu-west-1 linux-x86_64-vcpu 0.01379631 2019-07-30',
      'eu-west-1 linux-x86_64-memory 0.00151494 2019-07-30',
    ]);
    expect(parsed.entries[0]).toMatchObject({
      table: 'spot',
      source: 'fargate-spot-feed-2019-07-30',
      confidence: 'published',
    });
    expect([parsed.unrecognized, parsed.conflicts]).toEqual([[], []]);
  });

  it('lets --spot-date date the prices, and names it in the source', () => {
    const parsed = parseSpotFeed(JSON.parse(readFileSync(REAL_FEED, 'utf8')), {
      path: REAL_FEED,
      spotDate: '2026-11-30',
    });
    expect(parsed.source.id).toBe('fargate-spot-feed-2026-11-30');
    expect(parsed.source.title).toMatch(/version 20190730194642, dated 2026-11-30 by hand$/);
    expect(parsed.entries.every((entry) => entry.asOf === '2026-11-30')).toBe(true);
  });

  it('refuses an undated feed, and a bad date, as problems', () => {
    const undated = {prices: []};
    expect(problemOf(() => parseSpotFeed(undated, {path: 'spot.json'}))).toEqual({
      kind: 'undated-spot-feed',
      path: 'spot.json',
    });
    expect(
      problemOf(() => parseSpotFeed({metadata: {'source:version': '2019-07-30'}, prices: []}, {path: 'spot.json'})),
    ).toEqual({kind: 'undated-spot-feed', path: 'spot.json'});
    expect(problemOf(() => parseSpotFeed(undated, {path: 'spot.json', spotDate: '2026-02-30'}))).toEqual({
      kind: 'bad-spot-date',
      text: '2026-02-30',
    });
  });

  it('refuses what is not a feed', () => {
    expect(() => parseSpotFeed({prices: [{unit: 'vCPU-Hours'}]}, {path: 'x.json'})).toThrow(
      'x.json is not a Fargate Spot price feed (prices.0.price:',
    );
  });

  it('reports entries outside its exact table (such as arm64, whose marking is unknown) and conflicts', () => {
    const feed = spotFeed('20261130120000', [
      {region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.01288871'},
      {region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.0103', extra: {'aws:cpuArchitecture': 'ARM'}},
      {region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.013'},
      {region: 'us-east-1', unit: 'GB-Hours', usd: 'free'},
    ]);
    const parsed = parseSpotFeed(feed, {path: 'spot.json'});
    expect(parsed.entries.map((entry) => entry.price)).toEqual(['0.01288871']);
    expect(parsed.unrecognized).toEqual([
      'entry constructed-1 (us-east-1, vCPU-Hours, per vCPU per hour) with aws:cpuArchitecture',
      'entry constructed-3 (us-east-1, GB-Hours, per GB per hour): price "free" is not a decimal',
    ]);
    expect(parsed.conflicts).toEqual(['us-east-1 linux-x86_64-vcpu: 0.01288871 and 0.013 (kept 0.01288871)']);
  });
});

describe('parseSpotFeed: found by fuzzing', () => {
  it('cuts and escapes a key it quotes (a long key made an error line of 3,000 characters)', () => {
    const key = `\u001b[2J${'k'.repeat(3000)}`;
    const feed = {metadata: {}, prices: [{unit: 'vCPU-Hours', price: {USD: '1'}, attributes: {[key]: 5}}]};
    expect(() => parseSpotFeed(feed, {path: 'spot.json'})).toThrow(
      `spot.json is not a Fargate Spot price feed (prices.0.attributes.\\x1b[2J${'k'.repeat(55)}…: Invalid input: expected string, received number)`,
    );
  });

  it('reports a price with whitespace as no decimal: dec refuses it, and taking it made an internal error in prices refresh', () => {
    const feed = spotFeed('20261130120000', [{region: 'us-east-1', unit: 'vCPU-Hours', usd: '0.0103 '}]);
    const parsed = parseSpotFeed(feed, {path: 'spot.json'});
    expect(parsed.entries).toEqual([]);
    expect(parsed.unrecognized).toEqual([
      'entry constructed-0 (us-east-1, vCPU-Hours, per vCPU per hour): price "0.0103 " is not a decimal',
    ]);
  });
});

describe('feedVersionDate', () => {
  it.each([
    ['20190730194642', '2019-07-30'],
    ['20261130000000', '2026-11-30'],
    ['20190230194642', undefined],
    ['2019073019464', undefined],
  ])('%s -> %s', (version, date) => {
    expect(feedVersionDate(version)).toBe(date);
  });
});
