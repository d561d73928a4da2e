import {rmSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {examplesHelp, HELP_EXAMPLES} from '../../src/cli/help-examples.js';
import {runCli} from '../helpers/cli.js';
import {exampleCacheDir, type Example, markdownExamples, runExample} from '../helpers/examples.js';

const cacheDir = exampleCacheDir();
afterAll(() => rmSync(cacheDir, {recursive: true, force: true}));

const COMMANDS = [
  'estimate',
  'history',
  'compare',
  'diff',
  'rightsize',
  'reconcile',
  'explore',
  'prices',
  'prices show',
  'prices diff',
  'prices refresh',
  'prices snapshot',
];

describe("each command's --help", () => {
  it.each(COMMANDS)('%s ends with two or three examples', async (command) => {
    const examples = HELP_EXAMPLES[command] ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    const {code, stdout} = await runCli([...command.split(' '), '--help']);
    expect(code).toBe(0);
    // commander ends the text added after the help with a newline.
    expect(stdout.endsWith(`${examplesHelp(examples)}\n`)).toBe(true);
  });

  it('names every command of the tree', async () => {
    expect(Object.keys(HELP_EXAMPLES).sort()).toEqual([...COMMANDS].sort());
  });
});

describe('the examples of --help', () => {
  const examples: [string, Example][] = Object.entries(HELP_EXAMPLES).flatMap(([command, list]) =>
    list.map(({line, needsAws}): [string, Example] => {
      const [example] = markdownExamples(`\`\`\`sh\n${line}${needsAws ? ' # needs AWS' : ''}\n\`\`\``, command);
      return [`${command}: ${line}`, example!];
    }),
  );

  it.each(examples)('%s runs offline, or parses when it needs AWS', async (_, example) => {
    expect(example.argv[0]).toBe(example.where.split(':')[0]!.split(' ')[0]);
    const {code, stderr} = await runExample(example, cacheDir);
    expect({code, stderr: code === 0 ? '' : stderr}).toEqual({code: 0, stderr: ''});
  });
});
