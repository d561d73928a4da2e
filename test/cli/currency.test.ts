import {describe, expect, it} from 'vitest';
import {D, dec} from '../../src/money/decimal.js';
import {runCli} from '../helpers/cli.js';
import {schemaErrors} from '../helpers/schema.js';

const WEB = 'data/examples/web-service.json';
const base = ['estimate', WEB, '--catalog', 'embedded'];

describe('--currency and --exchange-rate: bad values are a bad command line', () => {
  it.each([
    [['--currency', 'usd1', '--exchange-rate', '1'], /currency "usd1" is not an ISO 4217 currency code/],
    [['--currency', 'XYZ', '--exchange-rate', '1'], /currency "XYZ" is not an ISO 4217 currency code/],
    [
      ['--currency', 'usd', '--exchange-rate', '2'],
      /--currency USD is the currency prices are in already: there is nothing to convert \(drop --currency and --exchange-rate\)/,
    ],
    [['--currency', '\u001b[31mKR', '--exchange-rate', '2'], /currency "\\x1b\[31mKR" is not/],
    [['--currency', 'KRW', '--exchange-rate', '0'], /exchange rate "0" is not a positive number of KRW per US dollar/],
    [['--currency', 'KRW', '--exchange-rate', '0.000'], /exchange rate "0.000" is not a positive number/],
    [['--currency', 'KRW', '--exchange-rate', '-5'], /exchange rate "-5" is not a positive number/],
    [['--currency', 'KRW', '--exchange-rate', 'abc'], /exchange rate "abc" is not a positive number/],
    [['--currency', 'KRW', '--exchange-rate', '1e3'], /exchange rate "1e3" is not a positive number/],
    [
      ['--currency', 'KRW', '--exchange-rate', '1391.20@2026-02-30'],
      /exchange rate date "2026-02-30" is not a date that exists/,
    ],
    [['--currency', 'KRW', '--exchange-rate', '1391.20@yesterday'], /exchange rate date "yesterday" is not a date/],
    [
      ['--currency', 'KRW', '--exchange-rate', '1391.20@2099-01-30'],
      /exchange rate date 2099-01-30 is after today \(\d{4}-\d\d-\d\d\) \(give the day the rate was published or observed\)/,
    ],
    [['--currency', 'KRW'], /--currency needs --exchange-rate/],
    [['--exchange-rate', '1391.20'], /--exchange-rate needs --currency/],
  ])('%j', async (flags, message) => {
    for (const command of [base, ['history', 'data/examples/history'], ['compare', '--task-definition', WEB]]) {
      const {code, stdout, stderr} = await runCli([...command, ...flags]);
      expect({code, stdout}).toEqual({code: 2, stdout: ''});
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('quotes a currency with control characters escaped, on one line', async () => {
    const {code, stderr} = await runCli([...base, '--currency', '\u001b[31mKRW\nx', '--exchange-rate', '1']);
    expect(code).toBe(2);
    expect(stderr).not.toContain('\u001b');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

/** `₩50,140`: an amount rounded half up to `digits` places, grouped as en-US groups. */
function shown(symbol: string, value: InstanceType<typeof D>, digits: number): string {
  const [integer = '0', fraction] = value.toDecimalPlaces(digits, D.ROUND_HALF_UP).toFixed(digits).split('.');
  return `${symbol}${BigInt(integer).toLocaleString('en-US')}${fraction === undefined ? '' : `.${fraction}`}`;
}

describe('estimate in another currency', () => {
  const RATE = '1391.20';

  it('JSON keeps US dollars and adds each money field times the rate, exact, beside it', async () => {
    const {code, stdout} = await runCli([
      ...base,
      '--currency',
      'KRW',
      '--exchange-rate',
      `${RATE}@2026-11-20`,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(json.currency).toBe('USD');
    expect(json.conversion).toEqual({currency: 'KRW', rate: '1391.2', rateDate: '2026-11-20'});

    // On-Demand by hand: 730 vCPU-hours and 1,460 GB-hours at the catalog's rates, then times the rate.
    const onDemand = json.options.find((option: {id: string}) => option.id === 'on-demand');
    const rateOf = (dimension: string) =>
      json.assumptions.rates.find(
        (r: {table: string; dimension: string}) => r.table === 'on-demand' && r.dimension === dimension,
      ).rate;
    const usd = dec(730)
      .times(rateOf('linux-x86_64-vcpu'))
      .plus(dec(1460).times(rateOf('linux-x86_64-memory')));
    expect(onDemand.monthlyCost).toBe(usd.toString());
    expect(onDemand.converted.monthlyCost).toBe(usd.times(RATE).toString());
    expect(onDemand.converted.hourlyCost).toBe(usd.div(730).times(RATE).toString());
    for (const line of onDemand.lines) {
      expect(line.converted).toEqual({
        rate: dec(line.rate).times(RATE).toString(),
        cost: dec(line.cost).times(RATE).toString(),
      });
    }
    // Every option, null stays null.
    for (const option of json.options) {
      for (const key of [
        'monthlyCost',
        'hourlyCost',
        'savings',
        'commitmentPerHour',
        'upfront',
        'recurringMonthlyCost',
      ]) {
        expect(option.converted[key]).toBe(option[key] === null ? null : dec(option[key]).times(RATE).toString());
      }
      expect(option.converted).not.toHaveProperty('savingsPercent');
    }
  });

  it('without the flags, no money object has `converted` and there is no `conversion`', async () => {
    const {stdout} = await runCli([...base, '--format', 'json']);
    expect(stdout).not.toMatch(/"convert/);
  });

  it.each([
    ['KRW', '1391.20', '₩', 0],
    ['JPY', '155.5', '¥', 0],
    ['BHD', '0.376', 'BHD ', 3],
    ['EUR', '0.95', '€', 2],
  ])(
    'the table shows %s to its minor digits, and the rate in the assumptions',
    async (currency, rate, symbol, digits) => {
      const json = JSON.parse((await runCli([...base, '--format', 'json'])).stdout);
      const {stdout, code} = await runCli([...base, '--currency', currency.toLowerCase(), '--exchange-rate', rate]);
      expect(code).toBe(0);
      for (const option of json.options) {
        expect(stdout).toContain(shown(symbol, dec(option.monthlyCost).times(rate), digits));
      }
      expect(stdout).toContain(
        `- figures in ${currency} at ${dec(rate).toString()} ${currency} per US dollar (your rate, undated)`,
      );
      expect(stdout).not.toContain('$');
    },
  );

  it('CSV converts money (not percentages) and names the currency; Markdown shows it', async () => {
    const usd = (await runCli([...base, '--format', 'csv'])).stdout.trim().split('\n');
    const krw = (await runCli([...base, '--format', 'csv', '--currency', 'KRW', '--exchange-rate', '1000'])).stdout
      .trim()
      .split('\n');
    expect(krw[0]).toBe(`${usd[0]},currency`);
    const json = JSON.parse((await runCli([...base, '--format', 'json'])).stdout);
    const [, , option, , , , , percent] = usd[1]!.split(',');
    const fields = krw[1]!.split(',');
    const monthly = json.tasks[0].options.find((o: {id: string}) => o.id === option).monthlyCost;
    expect(fields[4]).toBe(dec(monthly).times(1000).toDecimalPlaces(6, D.ROUND_HALF_UP).toFixed(6));
    expect(fields[7]).toBe(percent);
    expect(fields.at(-1)).toBe('KRW');
    const markdown = (await runCli([...base, '--format', 'markdown', '--currency', 'KRW', '--exchange-rate', '1000']))
      .stdout;
    expect(markdown).toContain('- figures in KRW at 1000 KRW per US dollar');
    expect(markdown).toMatch(/\| On-Demand +\| +₩/);
  });
});

describe('history and compare in another currency', () => {
  it.each([
    [['history', 'data/examples/history', '--as-of', '2026-11-04T00:00:00Z']],
    [['compare', '--task-definition', WEB, '--plans', 'sp-1y']],
  ])('%j: JSON adds the conversion and converted figures, valid against the schema', async (argv) => {
    const {code, stdout} = await runCli([
      ...argv,
      '--catalog',
      'embedded',
      '--format',
      'json',
      '--currency',
      'EUR',
      '--exchange-rate',
      '0.95@2026-11-20',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(schemaErrors(json)).toEqual([]);
    expect(json.conversion).toEqual({currency: 'EUR', rate: '0.95', rateDate: '2026-11-20'});
    const rate = json.assumptions.rates[0];
    expect(rate.converted.rate).toBe(dec(rate.rate).times('0.95').toString());
  });
});

describe('history and compare tables in another currency', () => {
  it.each([
    [['history', 'data/examples/history', '--as-of', '2026-11-04T00:00:00Z']],
    [['compare', '--task-definition', WEB, '--min', '2', '--max', '6', '--peak-hours', '8-20', '--spot-tolerant']],
    [['compare', 'data/examples/history', '--as-of', '2026-11-04T00:00:00Z', '--plans', 'sp-1y']],
  ])('%j: every figure in won, the rate in the assumptions', async (argv) => {
    for (const format of ['table', 'markdown', 'csv']) {
      const {code, stdout} = await runCli([
        ...argv,
        '--catalog',
        'embedded',
        '--format',
        format,
        '--currency',
        'KRW',
        '--exchange-rate',
        '1391.20@2026-11-20',
      ]);
      expect(code).toBe(0);
      // The one dollar left is a fact about AWS: Savings Plans are sold in $0.001 steps.
      expect(stdout.replace('AWS sells $0.001 steps', '')).not.toContain('$');
      if (format === 'csv') expect(stdout.split('\n')[0]).toMatch(/,currency$/);
      else {
        expect(stdout).toContain('₩');
        expect(stdout).toContain('figures in KRW at 1391.2 KRW per US dollar (your rate, of 2026-11-20)');
      }
    }
  });
});
