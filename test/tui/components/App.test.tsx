import chalk from 'chalk';
import {cleanup, render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {dec} from '../../../src/money/decimal.js';
import type {OwnedInput} from '../../../src/model/owned.js';
import {App} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {exampleSpecs, handGiven, setupFor} from '../fixtures.js';
import {COLOUR_ESCAPE, KEY, press, textOf, waitFor, waitForInput, waitForText} from '../helpers/ink.js';

function mount(
  options: {
    specs?: ReturnType<typeof exampleSpecs>;
    columns?: number;
    rows?: number;
    colors?: boolean;
    owned?: OwnedInput;
  } = {},
) {
  const setup = setupFor(options.specs ?? exampleSpecs('web-service.json'));
  return render(
    <App
      estimate={setup}
      initialEstimate={initialStateFor(setup)}
      owned={options.owned}
      colors={options.colors ?? false}
      size={{columns: options.columns ?? 100, rows: options.rows ?? 40}}
    />,
  );
}

// ink colours through chalk, which decides from the test process's stdout (not a terminal here):
// force full colour so "no colour" below is the app's doing, not chalk's.
const chalkLevel = chalk.level;
beforeAll(() => {
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = chalkLevel;
});
afterEach(() => cleanup());

describe('<App> (explore)', () => {
  it('opens on the Estimate view of the file, priced as `estimate` prices it', async () => {
    const app = mount();
    const frame = await waitForText(app, 'On-Demand');
    expect(frame).toContain('fargate-cost explore');
    expect(frame).toContain('web (data/examples/web-service.json)');
    expect(frame).toMatch(/› vCPU\s+◂ 1 vCPU\s+▸/);
    expect(frame).toMatch(/On-Demand\s+\$36\.04\s+–\s+█+/);
    // Spot's rates are the research note's feed reading, not cross-checked: estimated, marked *.
    expect(frame).toMatch(/Fargate Spot\s+\$11\.48\*\s+68\.2%/);
    expect(frame).toMatch(/Rates\s+On-Demand\s+aws-price-list-2025-08\s+2025-08-28 \(453 d\)\s+published/);
    expect(frame).toContain('Catalog embedded snapshot, generated 2026-11-24, 0 days old');
    expect(frame).toContain('Same as fargate-cost estimate --cpu 1 --memory 2 --region us-east-1');
    expect(frame).toMatch(/↑↓ setting\s+←→ change.*\? help\s+q quit/);
  });

  it('→ on vCPU steps to the next valid size and every option re-prices at once', async () => {
    const app = mount();
    await waitForInput(app);
    const frame = await press(app, KEY.right);
    expect(frame).toMatch(/› vCPU\s+◂ 2 vCPU\s+▸/);
    expect(frame).toMatch(/memory\s+4 GB/);
    // 1460 vCPU-h x $0.04048 + 2920 GB-h x $0.004445 = $72.0802
    expect(frame).toMatch(/On-Demand\s+\$72\.08/);
    expect(frame).toContain('On-Demand $72.08 a month: +$36.04 (+100.0%) against the start ($36.04)');
    expect(frame).toContain('! 2 vCPU takes 4 GB to 16 GB: memory now 4 GB');
  });

  it('↓ then → changes memory; o switches to Windows, which has no Spot, and says why', async () => {
    const app = mount();
    await waitForInput(app);
    await press(app, KEY.down);
    let frame = await press(app, KEY.right);
    expect(frame).toMatch(/› memory\s+◂ 3 GB\s+▸/);
    frame = await press(app, 'o');
    expect(frame).toMatch(/OS\s+Windows/);
    expect(frame).toMatch(/Fargate Spot\s+n\/a: Fargate Spot runs Linux tasks only/);
    frame = await press(app, 'a');
    expect(frame).toContain('! Windows tasks on Fargate run on x86_64 only');
  });

  it('the schedule preset shows the 60-second minimum at work', async () => {
    const app = mount();
    await waitForInput(app);
    const frame = await press(app, 'S');
    expect(frame).toMatch(/schedule\s+every minute/);
    expect(frame).toMatch(/run length\s+30s\s+billed 60 s\n/);
    expect(frame).toContain('1 task, 30s a run, 43,800 runs a month');
    expect(frame).toMatch(/On-Demand\s+\$36\.04/);
  });

  it('? opens the help overlay from the keymap; Esc closes it; view keys wait while it is open', async () => {
    const app = mount();
    await waitForInput(app);
    let frame = await press(app, '?');
    expect(frame).toContain('Keys (? or Esc to close)');
    expect(frame).toMatch(/\[\s+next smaller valid size/);
    expect(frame).toMatch(/q Ctrl-C\s+quit/);
    app.stdin.write('a');
    frame = await press(app, KEY.escape);
    expect(frame).not.toContain('Keys (');
    expect(frame).toMatch(/arch\s+x86_64/);
  });

  it.each([
    ['q', 'q'],
    ['Ctrl-C', KEY.ctrlC],
  ])('%s quits and lets go of the keyboard', async (_name, key) => {
    const app = mount();
    await waitForInput(app);
    app.stdin.write(key);
    await waitFor(() => app.stdin.listenerCount('readable') === 0, 'the app to stop reading the keyboard');
  });

  it('below 80 columns says so and lays out compactly', async () => {
    const frame = await waitForText(mount({columns: 70, rows: 24}), 'On-Demand');
    expect(frame).toContain('70 columns is narrow: compact layout (80 or more shows everything)');
    expect(frame).toMatch(/Rates\s+On-Demand: 2025-08-28 \(453 d\), published/);
  });

  it('fits 80 x 24: the footer stays, and what gives way is the least important', async () => {
    const app = mount({columns: 80, rows: 24});
    const frame = await waitForText(app, 'On-Demand');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.at(-1)).toMatch(/↑↓ setting/);
    expect(frame).toContain('Catalog ');
    expect(frame).not.toContain('Same as');
  });

  it('colours by default, none at all with colours off (NO_COLOR)', async () => {
    const colouredApp = mount({colors: true});
    await waitForText(colouredApp, 'On-Demand');
    expect(colouredApp.lastFrame()).toMatch(COLOUR_ESCAPE);
    cleanup();
    const plainApp = mount({colors: false});
    await waitForText(plainApp, 'On-Demand');
    expect(plainApp.lastFrame()).not.toMatch(COLOUR_ESCAPE);
    // Emphasis that is not colour stays: the selected value is inverse.
    expect(plainApp.lastFrame()).toContain('\u001B[7m');
  });

  it('starts from 1 vCPU, 2 GB with no file', async () => {
    const frame = await waitForText(mount({specs: handGiven()}), 'On-Demand');
    expect(frame).toContain('a task of your choosing (no file given)');
    expect(frame).toMatch(/On-Demand\s+\$36\.04/);
  });

  it('with several task definitions, n and the task field switch between them', async () => {
    const app = mount({specs: exampleSpecs('web-service.json', 'worker-arm64.json')});
    await waitForInput(app);
    expect(textOf(app.lastFrame())).toMatch(/task def\s+web\s+1 of 2/);
    const frame = await press(app, 'n');
    expect(frame).toMatch(/task def\s+\S+\s+2 of 2/);
    expect(frame).toMatch(/arch\s+arm64/);
  });

  it('with owned Savings Plans, Compare sizes what to buy on top of them', async () => {
    const owned: OwnedInput = {
      commitments: [
        {
          id: null,
          commitmentPerHour: dec('0.01'),
          plan: 'compute-1y-no-upfront',
          startMs: null,
          endMs: null,
          source: 'flag',
        },
      ],
      share: dec(1),
      shareSource: 'default',
      lookaheadDays: 90,
    };
    const app = mount({owned, columns: 120, rows: 40});
    await waitForInput(app);
    await press(app, KEY.tab);
    const frame = await waitForText(app, 'owned');
    expect(frame).toMatch(/\$\d+\.\d{3}\/h on top of \$0\.010\/h owned/);
    expect(frame).toContain('Owned Savings Plans, nothing more');
  });
});
