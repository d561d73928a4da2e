import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup, render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {historyCompareInput} from '../../../src/app/compare-input.js';
import {readTaskDefinitions} from '../../../src/sources/task-definition.js';
import {App, type ExploreHistory} from '../../../src/tui/App.js';
import {initialStateFor} from '../../../src/tui/state/estimate-select.js';
import {handGiven, setupFor, exploreHistory} from '../fixtures.js';
import {COLOUR_ESCAPE, KEY, press, waitForInput, waitFor} from '../helpers/ink.js';

/** A terminal title (OSC), a colour (CSI), a newline and a right-to-left override in the names explore prints. */
const EVIL = 'evil\u001b]0;pwned\u0007\u001b[31mred\nline\u202e';
const SHOWN = 'evil\\x1b]0;pwned\\x07\\x1b[31mred\\nline\\u202e';
/** What the app itself never prints: an OSC, a bell, a bidi override (its own styling is SGR only). */
const FOREIGN = /\u001b\]|\u0007|\u202e/;

const tmp = mkdtempSync(join(tmpdir(), 'fargate-cost-tui-untrusted-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
afterEach(() => cleanup());

let history: ExploreHistory;

beforeAll(async () => {
  const {tasks} = JSON.parse(readFileSync('data/examples/history/describe-tasks.json', 'utf8'));
  const task = tasks.find((t: {lastStatus: string}) => t.lastStatus === 'STOPPED');
  const path = join(tmp, 'history.json');
  writeFileSync(path, JSON.stringify({tasks: [{...task, group: `service:${EVIL}`, stopCode: EVIL}]}));
  const result = await exploreHistory('2026-11-04T00:00:00Z', path);
  history = {result, compareInput: historyCompareInput(result)};
});

const raw = (app: {lastFrame(): string | undefined}) => app.lastFrame() ?? '';

async function settled(app: {lastFrame(): string | undefined}, text: string): Promise<string> {
  await waitFor(() => raw(app).includes(text), `a frame containing ${JSON.stringify(text)}`);
  return raw(app);
}

describe('explore prints names from inputs inert', () => {
  it('History: a service and a stop code, in the rows and in the opened runs', async () => {
    const setup = setupFor(handGiven());
    const app = render(
      <App
        estimate={setup}
        initialEstimate={initialStateFor(setup)}
        history={history}
        colors={false}
        size={{columns: 160, rows: 30}}
      />,
    );
    let frame = await settled(app, `service:${SHOWN}`);
    expect(frame).not.toMatch(FOREIGN);
    expect(frame).not.toMatch(COLOUR_ESCAPE);
    await waitForInput(app);
    await press(app, KEY.enter);
    frame = await settled(app, 'stop code');
    expect(frame).toContain(SHOWN.slice(0, 20));
    expect(frame).not.toMatch(FOREIGN);
    expect(frame).not.toMatch(COLOUR_ESCAPE);
    await press(app, KEY.escape);
    frame = await press(app, KEY.tab);
    expect(raw(app)).toContain(`service ${SHOWN}`.slice(0, 30));
    expect(raw(app)).not.toMatch(FOREIGN);
    expect(raw(app)).not.toMatch(COLOUR_ESCAPE);
  });

  it('Estimate: a task family and its file', async () => {
    const json = JSON.parse(readFileSync('data/examples/web-service.json', 'utf8'));
    json.taskDefinition.family = EVIL;
    const setup = setupFor(readTaskDefinitions(json, `tasks/${EVIL}.json`));
    const app = render(
      <App estimate={setup} initialEstimate={initialStateFor(setup)} colors={false} size={{columns: 160, rows: 30}} />,
    );
    const frame = await settled(app, `${SHOWN} (tasks/${SHOWN}.json)`);
    expect(frame).not.toMatch(FOREIGN);
    expect(frame).not.toMatch(COLOUR_ESCAPE);
  });
});
