import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exampleCacheDir, markdownExamples, runExample} from '../helpers/examples.js';

/**
 * Every fargate-cost command line of the README and of docs/ runs offline on the example data, with
 * the exit code and the first line of output the text shows; one marked `# needs AWS` must parse.
 */
const PAGES = ['README.md', ...readdirSync('docs').map((name) => join('docs', name))].filter((path) =>
  path.endsWith('.md'),
);
const cacheDir = exampleCacheDir();
afterAll(() => rmSync(cacheDir, {recursive: true, force: true}));

describe('the examples of the README and docs/', () => {
  const examples = PAGES.flatMap((page) => markdownExamples(readFileSync(page, 'utf8'), page));

  it.each(examples.map((example) => [`${example.where} ${example.line}`, example] as const))(
    '%s',
    async (_, example) => {
      const {code, stdout, stderr} = await runExample(example, cacheDir);
      expect({code, stderr: code === example.code ? '' : stderr}).toEqual({code: example.code, stderr: ''});
      if (example.firstLine !== undefined && !example.needsAws) {
        // A command that prints only a summary prints it on stderr.
        const shown = example.code === 0 && stdout !== '' ? stdout : stderr;
        expect(shown.split('\n')[0]).toBe(example.firstLine);
      }
    },
  );
});

describe('the documentation', () => {
  it('has examples to check on the pages of the commands', () => {
    for (const page of ['README.md', 'docs/estimate.md', 'docs/history.md', 'docs/compare.md', 'docs/prices.md']) {
      expect(markdownExamples(readFileSync(page, 'utf8'), page).length, page).toBeGreaterThanOrEqual(3);
    }
  });

  it('links only to files that exist', () => {
    for (const page of PAGES) {
      const text = readFileSync(page, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const path = join(page, '..', target!);
        expect(existsSync(path), `${page} links to ${target}`).toBe(true);
      }
    }
  });

  it('keeps the README one command from installing and estimating, and names the test command', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/^npm install && npx fargate-cost estimate /m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});
