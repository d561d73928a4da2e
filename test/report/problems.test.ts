import {describe, expect, it} from 'vitest';
import type {Problem} from '../../src/model/problems.js';
import {problemText} from '../../src/report/problems.js';

/** The line the CLI writes to stderr after "fargate-cost: ". */
const line = (problem: Problem) => {
  const {message, hint} = problemText(problem);
  return hint ? `${message} (${hint})` : message;
};

describe('problemText: refreshing the catalog', () => {
  // Exactly what `prices refresh` printed when the core threw these as worded errors.
  it.each<[Problem, string]>([
    [
      {kind: 'no-fargate-products', regions: ['us-east-1']},
      'the Price List API returned no Fargate products for us-east-1; nothing was written (check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it)',
    ],
    [
      {kind: 'no-fargate-products', regions: ['us-east-1', 'eu-west-1']},
      'the Price List API returned no Fargate products for any of the 2 regions asked for; nothing was written (check --regions (AmazonECS region codes such as us-east-1) and AWS_ENDPOINT_URL_PRICING if you set it)',
    ],
    [{kind: 'bad-spot-date', text: '2026-02-30'}, '--spot-date "2026-02-30" is not a date YYYY-MM-DD'],
    [
      {kind: 'undated-spot-feed', path: 'spot.json'},
      'spot.json has no usable "source:version" date in its metadata (pass --spot-date YYYY-MM-DD: the day these Spot prices were published or observed)',
    ],
  ])('%j', (problem, text) => expect(line(problem)).toBe(text));
});
