import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {CompareCache} from '../../src/analysis/compare-cache.js';
import {type CompareContext, partTotals, riskGroups, spotOverhead} from '../../src/analysis/compare-pricing.js';
import {riskParameters, spotRiskFor} from '../../src/analysis/spot-risk.js';
import {historyCompareInput} from '../../src/app/compare-input.js';
import {loadHistory} from '../../src/cli/read-history.js';
import {dec} from '../../src/money/decimal.js';
import {EXACT_ZERO, plus, toDec} from '../../src/money/exact.js';
import {embeddedCatalog} from '../helpers/catalog.js';

describe('partTotals: the Spot re-run overhead priced a group of equal risks at a time', () => {
  it('groups workloads by risk in order of first appearance', () => {
    const parameters = riskParameters({flagRate: dec('0.01')});
    const service = spotRiskFor(parameters, 'service');
    const batch = spotRiskFor(parameters, 'batch', {typicalRunSeconds: dec(600)});
    const longer = spotRiskFor(parameters, 'batch', {typicalRunSeconds: dec(1200)});
    const {groups, perGroup} = riskGroups([batch, service, longer, service, batch]);
    expect(groups).toEqual([0, 1, 2, 1, 0]);
    expect(perGroup).toEqual([batch, service, longer]);
  });

  it('is the sum workload by workload, exactly, with several risks, cached or not', async () => {
    const catalog = embeddedCatalog();
    const now = new Date('2026-12-01T00:00:00Z');
    const history = await loadHistory(
      {paths: ['data/examples/history']},
      {catalog, now, asOfMs: now.getTime(), top: 0, componentProfiles: true, keepRuns: true},
      {stdin: Readable.from([])},
    );
    const input = historyCompareInput(history);
    expect(input.components.length).toBeGreaterThan(2);
    const cache = new CompareCache(catalog, 730, null);
    const parameters = riskParameters({flagRate: dec('0.005')});
    // Three risks among the workloads: a service's (no lost work) and two batch runs'.
    const risks = input.components.map((_, i) =>
      i % 3 === 0
        ? spotRiskFor(parameters, 'service')
        : spotRiskFor(parameters, 'batch', {typicalRunSeconds: dec(i % 3 === 1 ? 900 : 7201)}),
    );
    const context: CompareContext = {catalog, monthHours: 730, hours: 1, risks, rates: new Map(), cache};
    const profiles = input.components.map((c) => cache.withPurchase(c.profile, 'spot'));
    let overhead = EXACT_ZERO;
    let spot = EXACT_ZERO;
    profiles.forEach((profile, i) => {
      const priced = cache.priced(profile);
      spot = plus(spot, priced.spotCost);
      overhead = plus(overhead, spotOverhead(priced.spotCost, risks[i]!));
    });
    expect(toDec(spot).gt(0)).toBe(true);
    for (let run = 0; run < 2; run++) {
      const totals = partTotals(context, profiles);
      expect(toDec(totals.overhead).toString()).toBe(toDec(overhead).toString());
      expect(toDec(totals.spot).toString()).toBe(toDec(spot).toString());
    }
    expect(context.rates.size).toBeGreaterThan(0);
  });
});
