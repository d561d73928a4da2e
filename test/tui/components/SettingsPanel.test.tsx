import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {SettingsPanel} from '../../../src/tui/components/SettingsPanel.js';
import {initialStateFor, settingRows} from '../../../src/tui/state/estimate-select.js';
import {setupFor} from '../fixtures.js';
import {textOf} from '../helpers/ink.js';

const rows = settingRows(initialStateFor(setupFor()), () => 'US East (N. Virginia)', undefined);

describe('<SettingsPanel>', () => {
  it('marks the selected setting and lines the details up', () => {
    const lines = textOf(
      render(<SettingsPanel rows={rows} selected="memory" columns={1} width={46} />).lastFrame(),
    ).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '  vCPU         1 vCPU      1024 units',
      '› memory     ◂ 2 GB      ▸ 2–8 GB',
      '  arch         x86_64',
    ]);
    expect(lines[5]).toBe('  region       us-east-1   US East (N. Virgin…');
  });

  it('in two columns reads down the left column, then the right', () => {
    const lines = textOf(render(<SettingsPanel rows={rows} selected="cpu" columns={2} width={98} />).lastFrame()).split(
      '\n',
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^› vCPU\s+◂ 1 vCPU ▸ 1024 units\s+storage\s+20 GiB\s+included$/);
    expect(lines[3]).toMatch(/^ {2}OS\s+Linux\s+schedule\s+always on\s+730 h a month$/);
  });

  it('cuts a detail that does not fit rather than wrapping', () => {
    const lines = textOf(render(<SettingsPanel rows={rows} selected="cpu" columns={1} width={30} />).lastFrame()).split(
      '\n',
    );
    expect(lines).toHaveLength(rows.length);
    expect(lines[5]).toBe('  region       us-east-1   US…');
  });
});
