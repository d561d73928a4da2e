/**
 * The real binary in a real terminal: tmux runs `fargate-cost explore` in a shell of a fixed size,
 * the test types keys and reads the screen, then checks the process exited and left the terminal
 * as it found it (main screen, cursor shown, line editing and echo back on). CI installs tmux.
 */
import {spawnSync} from 'node:child_process';
import {createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {D, type Dec} from '../../src/money/decimal.js';
import {startFakeEcsServer, stoppedWireTask, wireTask} from '../sources/ecs/fake-ecs.js';

const bin = 'dist/cli/main.js';
// A server of our own per test, so the test never touches a developer's tmux sessions and one
// test's server shutting down never meets the next one starting.
let socket = '';
let servers = 0;
const session = 'explore';
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const screen = (escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);

// Generous: on a busy 2-core machine node alone can take seconds to start, and a frame to come.
async function waitForScreen(check: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The tab drawn in inverse video (the active one), read from the screen with its escapes. */
const activeTab = () => /\u001B\[(?:[\d;]*;)?7(?:;[\d;]*)?m\s*(\w+)\s*\u001B/.exec(screen(true))?.[1];

const keys = (...names: string[]) => tmux('send-keys', '-t', session, ...names);

/** Starts a plain shell in a detached session and runs `command` in it, then a marker with its exit code. */
async function startInShell(command: string, size = {columns: 100, rows: 32}): Promise<void> {
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    String(size.columns),
    '-y',
    String(size.rows),
    // As a person's shell: not vitest's NODE_ENV=test, which would load React's development build.
    'env -u CI -u CONTINUOUS_INTEGRATION -u NODE_ENV PS1="$ " bash --norc --noprofile',
  );
  // Typed before the prompt, the line is echoed twice (by the terminal, then by readline) and a long
  // one that wraps can garble the marker line: wait for the prompt first.
  await waitForScreen((t) => t.startsWith('$'), 'the shell prompt');
  keys('-l', `${command}; echo "EXIT=$?"`);
  keys('Enter');
}

const explore = (args: string, env = '') =>
  `${env} FARGATE_COST_CACHE_DIR=/nonexistent/fargate-cost-e2e node ${bin} explore ${args}`.trim();

/** What the shell says about the terminal once the app has gone: main screen, cursor, line discipline. */
async function terminalState(): Promise<{alternateScreen: string; cursorVisible: string; modes: string}> {
  keys('-l', `echo "MODES:$(stty -a | grep -o -w -e -icanon -e icanon -e -echo -e echo | sort | tr '\\n' ' ')"`);
  keys('Enter');
  const text = await waitForScreen((t) => /^MODES:/m.test(t), 'the terminal modes');
  const modes = /^MODES:(.*)$/m.exec(text)![1]!.trim();
  const [alternateScreen, cursorVisible] = tmux(
    'display-message',
    '-p',
    '-t',
    session,
    '#{alternate_on} #{cursor_flag}',
  )
    .trim()
    .split(' ');
  return {alternateScreen: alternateScreen!, cursorVisible: cursorVisible!, modes};
}

/**
 * The Live view's figures by hand, from the embedded catalog's us-east-1 rates:
 *
 *   On-Demand Linux/x86: 0.04048 a vCPU-hour, 0.004445 a GB-hour
 *     0.25 vCPU, 0.5 GB: 0.01012 + 0.0022225        = 0.0123425 an hour
 *     0.5 vCPU, 1 GB:    0.02024 + 0.004445         = 0.024685 an hour
 *     1 vCPU, 2 GB:      0.04048 + 0.00889          = 0.04937 an hour
 *     4 vCPU, 8 GB:      0.16192 + 0.03556          = 0.19748 an hour
 *   Spot Linux/x86: 0.01288871 a vCPU-hour, 0.00141527 a GB-hour
 *     0.25 vCPU, 0.5 GB: 0.0032221775 + 0.000707635 = 0.0039298125 an hour
 */
interface HandRun {
  readonly perHour: string;
  readonly pullMs: number;
  readonly stopMs?: number;
}

/**
 * The month so far at `nowMs`, as AWS bills it: each run from its pull to its stop (or to now while
 * running), only the part in this month (UTC); every run here lasts whole seconds, over a minute.
 */
function monthByHand(runs: readonly HandRun[], nowMs: number): {cost: Dec; tasks: number; fromMs: number} {
  const date = new Date(nowMs);
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  let cost = new D(0);
  let tasks = 0;
  let fromMs = Infinity;
  for (const run of runs) {
    const start = Math.max(run.pullMs, monthStart);
    const end = Math.min(run.stopMs ?? nowMs, nowMs);
    if (end <= start) continue;
    cost = cost.plus(new D(run.perHour).times(end - start).div(3_600_000));
    tasks++;
    fromMs = Math.min(fromMs, start);
  }
  return {cost, tasks, fromMs};
}

/** The instant a `last HH:MM:SS UTC` on the screen names: the latest such second not after now. */
function lastRefreshSecond(text: string): number {
  const [, hh, mm, ss] = /Refresh {2}last (\d\d):(\d\d):(\d\d) UTC/.exec(text) ?? [];
  if (hh === undefined) throw new Error(`no refresh time on the screen:\n${text}`);
  const now = new Date();
  const ms = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(hh), Number(mm), Number(ss));
  return ms > now.getTime() ? ms - 86_400_000 : ms;
}

/**
 * The Month line a refresh ended at second `lastMs` shows: its instant is in [lastMs, lastMs + 1 s),
 * so it is the figure at one end or the other (the same string unless a cent turns in between).
 */
function monthLines(runs: readonly HandRun[], lastMs: number): string[] {
  return [lastMs, lastMs + 999].map((nowMs) => {
    const {cost, tasks, fromMs} = monthByHand(runs, nowMs);
    const since = new Date(fromMs).toISOString().slice(0, 16).replace('T', ' ');
    return `Month    $${cost.toFixed(2, D.ROUND_HALF_UP)} so far · ${tasks} tasks billed since ${since} UTC`;
  });
}

/** The Month line on the screen. */
const monthLine = (text: string) => /^Month {4}.*$/m.exec(text)?.[0]?.trimEnd();

/** The shell printed the app's exit status (the command line that asks for it does not count). */
const exited = (text: string) => /^EXIT=\d+$/m.test(text);

describe('fargate-cost explore in a real terminal (tmux)', {timeout: 120_000}, () => {
  beforeEach((context) => {
    if (!hasTmux) context.skip('tmux is not installed (apt-get install -y tmux); CI installs it');
    socket = `fargate-cost-e2e-${process.pid}-${++servers}`;
    expect(existsSync(bin), `${bin} is missing: run npm run build`).toBe(true);
  });
  afterEach(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('shows the estimate, follows arrow keys and resizes, quits on q and restores the terminal', async () => {
    await startInShell(explore('data/examples/web-service.json'));
    let text = await waitForScreen((t) => t.includes('Same as'), 'the first frame');
    expect(text).toContain('fargate-cost explore');
    expect(text).toMatch(/› vCPU\s+◂ 1 vCPU\s+▸/);
    expect(text).toMatch(/On-Demand\s+\$36\.04/);
    expect(text).toMatch(/Rates\s+On-Demand\s+aws-price-list-2025-08/);
    // The app is in the alternate screen, in colour (no NO_COLOR here).
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('1');
    expect(screen(true)).toMatch(/\u001B\[(?:\d+;)*3[0-7]m/);

    keys('Right');
    text = await waitForScreen((t) => t.includes('$72.08'), 'the price of 2 vCPU, 4 GB');
    expect(text).toMatch(/› vCPU\s+◂ 2 vCPU\s+▸/);
    keys('Down', 'Right');
    text = await waitForScreen((t) => /› memory\s+◂ 5 GB/.test(t), 'memory 5 GB');
    // 1460 vCPU-h x $0.04048 + 3650 GB-h x $0.004445 = $75.32505
    expect(text).toMatch(/On-Demand\s+\$75\.33/);
    expect(text).toContain('Same as fargate-cost estimate --cpu 2 --memory 5 --region us-east-1');

    tmux('resize-window', '-t', session, '-x', '70', '-y', '24');
    text = await waitForScreen((t) => t.includes('70 columns is narrow'), 'the narrow notice');
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(70);
    tmux('resize-window', '-t', session, '-x', '100', '-y', '32');
    await waitForScreen((t) => !t.includes('columns is narrow') && t.includes('Same as'), 'the full layout again');

    keys('q');
    text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
    // Back on the shell's own screen: nothing of the app is left on it.
    expect(text).not.toContain('Rates');
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('with NO_COLOR draws no colour at all; Esc does not quit, q does', async () => {
    await startInShell(explore('data/examples/worker-arm64.json', 'NO_COLOR=1'));
    await waitForScreen((t) => t.includes('Same as'), 'the first frame');
    expect(screen(true)).not.toMatch(/\u001B\[(?:\d+;)*(?:3[0-7]|9[0-7]|4[0-7]|38;|48;)/);
    // Esc at the top level (twice, and after one that closes the help): the app stays, its keys still work.
    keys('Escape');
    keys('Escape');
    keys('?');
    await waitForScreen((t) => t.includes('Keys (? or Esc to close'), 'the help overlay');
    keys('Escape');
    await waitForScreen((t) => !t.includes('Keys (') && t.includes('Same as'), 'the help closed');
    keys('Escape');
    keys('a');
    await waitForScreen((t) => /arch\s+x86_64/.test(t), 'the architecture switched by a key after Esc');
    expect(screen()).not.toMatch(/^EXIT=/m);
    keys('q');
    const text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('Ctrl-C quits from the help overlay and restores the terminal', async () => {
    await startInShell(explore(''));
    await waitForScreen((t) => t.includes('Same as'), 'the first frame');
    keys('?');
    await waitForScreen((t) => t.includes('Keys (? or Esc to close'), 'the help overlay');
    keys('C-c');
    const text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('opens a history on the History view, drills into a group, compares, and quits', async () => {
    await startInShell(explore('data/examples/history --as-of 2026-11-04T00:00:00Z'), {columns: 110, rows: 34});
    let text = await waitForScreen((t) => t.includes('By group'), 'the History view');
    expect(text).toMatch(/History\s+Compare\s+Estimate/);
    expect(text).toContain('3 sources: 25 records -> 14 tasks billed (5 running), 2 not billed');
    expect(text).toMatch(/› service:web\s+service\s+4 \(2 run\.\)/);
    keys('Enter');
    text = await waitForScreen((t) => t.includes('service:web: 4 tasks'), "the group's task runs");
    expect(text).toMatch(/pull started \(UTC\)\s+billed\s+stop code\s+cost/);
    keys('Escape');
    await waitForScreen((t) => t.includes('By group'), 'the groups again');
    keys('Tab');
    text = await waitForScreen((t) => t.includes('Compare the history'), 'the Compare view');
    expect(text).toMatch(/Plan\s+◂ Compute SP 1 yr No Upfront ▸/);
    expect(text).toContain('◆ the optimum');
    keys('Right');
    text = await waitForScreen((t) => t.includes('● yours'), 'the slider moved');
    keys('q');
    text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('counts every key of a burst typed ahead on the Compare view, also while compare runs again', async () => {
    // NODE_ENV=development as a developer's shell may have: explore still runs React's production build
    // (the development build's render-timing log crashed on Compare's bigint figures).
    await startInShell(explore('data/examples/history --as-of 2026-12-01T00:00:00Z', 'NODE_ENV=development'), {
      columns: 120,
      rows: 40,
    });
    await waitForScreen((t) => t.includes('By group'), 'the History view');
    const commitment = (text: string) => /^Commit\s+\$(\d+\.\d{3})\/h/m.exec(text)?.[1];
    // Typed at once with the Tab, before Compare has run once: no commitment, then ten $0.001 steps.
    keys('Tab', '0..........');
    await waitForScreen((t) => commitment(t) === '0.010', 'the commitment at $0.010/h (ten . from $0)');
    // One l from no commitment lands on the first coarse step: ten in a burst land on the tenth.
    keys('0');
    await waitForScreen((t) => commitment(t) === '0.000', 'no commitment');
    keys('l');
    const step = await waitForScreen((t) => commitment(t) !== '0.000', 'one coarse step').then(commitment);
    keys('0');
    await waitForScreen((t) => commitment(t) === '0.000', 'no commitment again');
    keys('llllllllll');
    const ten = (Number(step) * 10).toFixed(3);
    await waitForScreen((t) => commitment(t) === ten, `the commitment at ten steps ($${ten}/h)`);
    // t makes compare run again; the three j typed behind it move three plans, from the first to the fourth.
    expect(screen()).toMatch(/Plan\s+◂ Compute SP 1 yr No Upfront ▸\s+1 of 6/);
    keys('tjjj');
    await waitForScreen((t) => /Plan\s+◂ Compute SP 3 yr No Upfront ▸\s+4 of 6/.test(t), 'the fourth plan');
    await waitForScreen((t) => t.includes('Spot for all work (--spot-tolerant) (t)'), 'the tolerance changed');
    keys('q');
    const text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
  });

  it('opens a bill on the Bill view at 80 x 24, scrolls it, Tabs through Rightsize, Compare and Estimate, and quits', async () => {
    await startInShell(explore('test/fixtures/bill/cur2.parquet'), {columns: 80, rows: 24});
    let text = await waitForScreen((t) => t.includes('By group'), 'the Bill view');
    // The fixture has split cost allocation data: a Rightsize view of it comes after the Bill view.
    expect(text).toMatch(/Bill\s+Rightsize\s+Compare\s+Estimate/);
    // Worked by hand in test/fixtures/bill/README.md: paid 1.3476601474, public On-Demand 1.3525971474.
    expect(text).toContain('Paid $1.35 for Fargate (public On-Demand $1.35: $0.0049 saved, 0.4%)');
    expect(text).toMatch(/lines 1–\d+ of \d+ ↓/);
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
    keys('End');
    text = await waitForScreen((t) => t.includes('the projection scales'), 'the end of the body');
    expect(text).toContain('Paid $1.35 for Fargate');
    keys('Tab');
    // As docs/rightsize.md shows `fargate-cost rightsize test/fixtures/bill/cur2.parquet`.
    await waitForScreen(
      (t) => t.includes('fargate-cost rightsize: 1 service or family: 0 to shrink, 0 to grow; no'),
      'the Rightsize view',
    );
    keys('Tab');
    text = await waitForScreen((t) => t.includes('Compare the bill'), 'the Compare view');
    keys('Tab');
    await waitForScreen((t) => t.includes('a task of your choosing (no file given)'), 'the Estimate view');
    keys('Tab');
    await waitForScreen((t) => t.includes('Paid $1.35 for Fargate'), 'the Bill view again');
    keys('q');
    text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('--diff BASE HEAD opens the Diff view at 80 x 24 with the total before and after, and scrolls it', async () => {
    await startInShell(`${explore('--diff test/fixtures/diff/base.yaml test/fixtures/diff/head.yaml')}`, {
      columns: 80,
      rows: 24,
    });
    // As docs/diff.md shows the On-Demand totals of these two files.
    let text = await waitForScreen(
      (t) => t.includes('On-Demand monthly: $81.09 -> $143.02 (+$61.93)'),
      'the Diff view',
    );
    expect(text).toMatch(/Diff\s+Estimate\s+Compare/);
    expect(text).toMatch(/lines 1–\d+ of \d+/);
    keys('End');
    text = await waitForScreen((t) => t.includes('a changed item is matched by name'), 'the end of the report');
    expect(text).toContain('On-Demand monthly: $81.09 -> $143.02 (+$61.93)');
    keys('q');
    text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=0$/m);
  });

  it('at 80 x 24 every view shows its headline figures under the summary bar, which says the same', async () => {
    await startInShell(explore('data/examples/history --as-of 2026-12-01T00:00:00Z'), {columns: 80, rows: 24});
    let text = await waitForScreen((t) => t.includes('By group'), 'the History view');
    const billed = /Billed (\$[\d,.]+)/.exec(text)![1]!;
    // The view's totals line in short words at 80 columns (proj. $X/mo), the bar's in full while it fits.
    const projected = /^Billed .* · proj\. (\$[\d,.]+)\/mo/m.exec(text)![1]!;
    // Full labels while they fit; the cheapest option is pending until Compare has run.
    expect(text.split('\n')[1]).toContain(`billed ${billed} · projected ${projected}/mo · cheapest … ·`);
    keys('Tab');
    // The On-Demand baseline row: 'All On-Demand', or flagged when its rates are over a year old.
    text = await waitForScreen(
      (t) => /coverage [\d.]+%/.test(t) && /^ {2}(All On-Demand|On-Demand: \d{4}-\d{2} rate, refresh) /m.test(t),
      'the Compare view',
    );
    expect(text).toMatch(/monthly \$[\d,.]+ · saves \$[\d,.]+ \([\d.]+%\)/);
    const coverage = /coverage ([\d.]+%)/.exec(text)![1]!;
    expect(text.split('\n')[1]).toMatch(new RegExp(`best SP 3y all [\\d.]+% · Spot [\\d.]+% · cov\\. ${coverage}$`));
    keys('Tab');
    text = await waitForScreen((t) => t.includes('Same as'), 'the Estimate view');
    expect(text).toMatch(/On-Demand(: \d{4}-\d{2} rate, refresh)?\s+\$[\d,.]+/);
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
    keys('q');
    expect(await waitForScreen(exited, 'the process to exit')).toMatch(/^EXIT=0$/m);
  });

  it('draws at once while a history loads: progress, a tab pressed during the load highlighted, keys typed then applied once loaded', async () => {
    // A named pipe as the history: it loads as slowly as the test writes it.
    const dir = mkdtempSync(join(tmpdir(), 'fc-e2e-load-'));
    const fifo = join(dir, 'events.ndjson');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const lines = readFileSync('data/examples/history/events.ndjson', 'utf8');
    try {
      await startInShell(explore(`${fifo} --as-of 2026-12-01T00:00:00Z`), {columns: 80, rows: 24});
      await waitForScreen((t) => t.includes('Reading the history…'), 'the loading screen');
      const writer = createWriteStream(fifo);
      writer.write(lines.slice(0, Math.floor(lines.length / 2)));
      let text = await waitForScreen(
        (t) => /reading history: \d+ records?, [1-9][\d,.]* (?:B|kB)/.test(t),
        'the progress',
      );
      expect(text).toContain('History: loading…');
      expect(text).toContain('billed … · projected … · cheapest … · Spot … · SP coverage …');
      expect(activeTab()).toBe('History');
      // A movement key on History's loading screen, then Tab, then one on Compare's: each is kept for its view.
      keys('Down');
      keys('Tab');
      text = await waitForScreen((t) => t.includes('Compare: loading…'), 'the Compare tab chosen during the load');
      expect(text).toContain('Reading the history…');
      expect(activeTab()).toBe('Compare');
      keys('j');
      await new Promise<void>((resolve) => writer.end(lines.slice(Math.floor(lines.length / 2)), () => resolve()));
      text = await waitForScreen((t) => t.includes('Compare the history'), 'the Compare view once loaded');
      expect(activeTab()).toBe('Compare');
      // The j typed during the load moved from the first plan to the second.
      text = await waitForScreen(
        (t) => /Plan\s+◂ Compute SP 1 yr Partial Upfront ▸\s+2 of 6/.test(t),
        'the second plan',
      );
      // The Down typed on History's loading screen moved its cursor from the first group to the second.
      keys('BTab');
      text = await waitForScreen((t) => t.includes('By group'), 'the History view');
      expect(text).toMatch(/^ {2}group .*\n {2}\S.*\n› \S/m);
      keys('q');
      expect(await waitForScreen(exited, 'the process to exit')).toMatch(/^EXIT=0$/m);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('--cluster --watch opens the Live view at 80 x 24: running tasks, cost an hour, month so far; a refresh shows a task starting and one stopping', async () => {
    // The tasks, pulled whole seconds before now (T): web on-demand 26 h ago, web on Spot 5 h ago,
    // api (1 vCPU, 2 GB) 30 h ago, all running; batch (4 vCPU, 8 GB) ran from 20 to 12 hours ago.
    const T = Math.floor(Date.now() / 1000);
    const task = (index: number, group: string, pull: number, extra: Record<string, unknown> = {}) =>
      wireTask(index, {
        group,
        createdAt: pull - 10,
        pullStartedAt: pull,
        pullStoppedAt: pull + 5,
        startedAt: pull + 8,
        ...extra,
      });
    const stopped = (index: number, group: string, pull: number, stop: number, extra: Record<string, unknown> = {}) =>
      stoppedWireTask(index, {
        group,
        createdAt: pull - 10,
        pullStartedAt: pull,
        pullStoppedAt: pull + 5,
        startedAt: pull + 8,
        stoppingAt: stop - 5,
        executionStoppedAt: stop - 2,
        stoppedAt: stop,
        version: 5,
        ...extra,
      });
    const WEB = task(1, 'service:web', T - 93_600);
    const WEB_SPOT = task(2, 'service:web', T - 18_000, {capacityProviderName: 'FARGATE_SPOT'});
    const API = task(3, 'service:api', T - 108_000, {cpu: '1024', memory: '2048'});
    const BATCH = stopped(4, 'family:batch', T - 72_000, T - 43_200, {cpu: '4096', memory: '8192'});
    const runs: HandRun[] = [
      {perHour: '0.0123425', pullMs: (T - 93_600) * 1000},
      {perHour: '0.0039298125', pullMs: (T - 18_000) * 1000},
      {perHour: '0.04937', pullMs: (T - 108_000) * 1000},
      {perHour: '0.19748', pullMs: (T - 72_000) * 1000, stopMs: (T - 43_200) * 1000},
    ];
    const server = await startFakeEcsServer({tasks: [WEB, WEB_SPOT, API, BATCH]});
    try {
      const unset = Object.entries(server.env).filter(([, value]) => value === undefined);
      const set = Object.entries(server.env).filter(([, value]) => value !== undefined);
      const env = `env ${unset.map(([name]) => `-u ${name}`).join(' ')} ${set.map(([n, v]) => `${n}=${v}`).join(' ')}`;
      await startInShell(explore('--cluster prod --watch 5s', env), {columns: 80, rows: 24});

      // Running: web 0.0123425 + web Spot 0.0039298125 + api 0.04937 = 0.0656423125 an hour;
      // at On-Demand rates the Spot task's hour is 0.0123425: 0.0123425 x 2 + 0.04937 = 0.074055.
      const firstNow = 'Now      3 running (1 Spot) · $0.0656423125/h (On-Demand $0.074055/h)';
      let text = await waitForScreen((t) => t.includes(firstNow) && t.includes('Refresh  last'), 'the Live view');
      expect(text).toMatch(/Live\s+History\s+Compare\s+Estimate/);
      expect(activeTab()).toBe('Live');
      expect(text).toContain('Cluster prod (us-east-1) · live, every 5s');
      // Month so far, at the refresh: each running task from its pull (or the month's start) to now,
      // batch's 8 h; past the 1st day of a month about 0.320905 + 0.0196490625 + 1.4811 + 1.57984 = $3.40.
      expect(monthLines(runs, lastRefreshSecond(text))).toContain(monthLine(text));
      expect(text).toMatch(/^service:api\s+1\s+1 vCPU, 2 GB\s+On-Demand\s+.*\$0\.04937$/m);
      expect(text).toMatch(/^service:web\s+1\s+0\.25 vCPU, 0\.5 GB\s+Spot\s+.*\$0\.0039298125$/m);
      expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);

      // Now (T1) web on-demand stops, and worker (0.5 vCPU, 1 GB) started 10 minutes ago.
      const T1 = Math.floor(Date.now() / 1000);
      server.setTasks([
        stopped(1, 'service:web', T - 93_600, T1),
        WEB_SPOT,
        API,
        BATCH,
        task(5, 'service:worker', T1 - 600, {cpu: '512', memory: '1024'}),
      ]);
      runs[0] = {...runs[0]!, stopMs: T1 * 1000};
      runs.push({perHour: '0.024685', pullMs: (T1 - 600) * 1000});
      // Running: web Spot 0.0039298125 + api 0.04937 + worker 0.024685 = 0.0779848125 an hour;
      // On-Demand: 0.0123425 + 0.04937 + 0.024685 = 0.0863975.
      const secondNow = 'Now      3 running (1 Spot) · $0.0779848125/h (On-Demand $0.0863975/h)';
      text = await waitForScreen((t) => t.includes(secondNow), 'the refresh after a task started and one stopped');
      expect(monthLines(runs, lastRefreshSecond(text))).toContain(monthLine(text));
      expect(text).toMatch(/^service:worker\s+1\s+0\.5 vCPU, 1 GB\s+On-Demand\s+.*\$0\.024685$/m);
      expect(text).not.toMatch(/0\.25 vCPU, 0\.5 GB\s+On-Demand/);

      // Tab goes round the views and back; Esc on the Live view leaves the app running; q quits.
      keys('Tab');
      await waitForScreen((t) => t.includes('By group') && activeTab() === 'History', 'the History view');
      keys('Tab', 'Tab', 'Tab');
      await waitForScreen((t) => t.includes(secondNow) && activeTab() === 'Live', 'the Live view again');
      keys('Escape');
      keys('Escape');
      // The next refresh still comes after Esc: its time moves on.
      const before = lastRefreshSecond(screen());
      await waitForScreen((t) => /Refresh {2}last/.test(t) && lastRefreshSecond(t) > before, 'a refresh after Esc');
      expect(screen()).not.toMatch(/^EXIT=/m);
      keys('q');
      text = await waitForScreen(exited, 'the process to exit');
      expect(text).toMatch(/^EXIT=0$/m);
      expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
    } finally {
      await server.close();
    }
  });

  it('a load that fails leaves the screen and prints its one line, with the exit code the commands use', async () => {
    await startInShell(explore('data/examples/history --service nope'), {columns: 80, rows: 24});
    const text = await waitForScreen(exited, 'the process to exit');
    expect(text).toMatch(/^EXIT=1$/m);
    expect(text.replace(/\n/g, '')).toContain('fargate-cost: the history has no billed Fargate task (25 records read');
    expect(await terminalState()).toEqual({alternateScreen: '0', cursorVisible: '1', modes: 'echo icanon'});
  });

  it('at 40 x 10 the tab bar stays one line and Tab still moves along it', async () => {
    await startInShell(explore('data/examples/history --as-of 2026-12-01T00:00:00Z'), {columns: 40, rows: 10});
    // At 10 rows the History view shows its totals and trend; the list is below the fold.
    let text = await waitForScreen((t) => t.includes('Hourly'), 'the History view');
    expect(text.split('\n')[0]).toMatch(/^ ?History +Compare +Estimate\s*$/);
    expect(activeTab()).toBe('History');
    keys('Tab');
    await waitForScreen(() => activeTab() === 'Compare', 'the Compare tab');
    text = screen();
    // The busy marker may turn at the right end while Compare runs: the tabs stay one line beside it.
    expect(text.split('\n')[0]).toMatch(/^ ?History +Compare +Estimate(\s+[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]( computing…)?)?\s*$/);
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(40);
    keys('q');
    expect(await waitForScreen(exited, 'the process to exit')).toMatch(/^EXIT=0$/m);
  });

  it('piped into another program, says so on one line instead of drawing', async () => {
    await startInShell(`${explore('data/examples/web-service.json')} | cat`);
    const text = await waitForScreen(exited, 'the process to exit');
    expect(text).toContain('fargate-cost: explore needs an interactive terminal (stdout is not a terminal)');
    expect(tmux('display-message', '-p', '-t', session, '#{alternate_on}').trim()).toBe('0');
  });
});
