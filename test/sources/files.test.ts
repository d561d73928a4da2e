import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {parseJsonText, writeFileAtomic} from '../../src/sources/files.js';

/** Every rename the writer makes, with whether the watched file existed right after it. */
const spy = vi.hoisted(() => ({watched: '', renames: [] as {to: string; watchedExists: boolean}[]}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const {existsSync: exists} = await import('node:fs');
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      await actual.rename(from, to);
      spy.renames.push({to, watchedExists: exists(spy.watched)});
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fc-files-'));
  spy.renames.length = 0;
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

describe('writeFileAtomic', () => {
  it('replaces a file with one rename, so the file exists at every moment, and keeps the old one as .previous', async () => {
    const path = join(dir, 'catalog.json');
    spy.watched = path;
    writeFileSync(path, 'first');
    await writeFileAtomic(path, 'second', {keepPrevious: true});
    await writeFileAtomic(path, 'third', {keepPrevious: true});
    expect(spy.renames).toEqual([
      {to: path, watchedExists: true},
      {to: path, watchedExists: true},
    ]);
    expect([readFileSync(path, 'utf8'), readFileSync(`${path}.previous`, 'utf8')]).toEqual(['third', 'second']);
    expect(readdirSync(dir).sort()).toEqual(['catalog.json', 'catalog.json.previous']);
  });

  it('writes a new file, with no .previous when there was nothing to replace', async () => {
    const path = join(dir, 'sub', 'catalog.json');
    await writeFileAtomic(path, 'new', {keepPrevious: true});
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(existsSync(`${path}.previous`)).toBe(false);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['catalog.json']);
  });

  it('leaves the old file and no temporary file behind when the rename fails', async () => {
    const path = join(dir, 'catalog.json');
    writeFileSync(path, 'old');
    const target = join(dir, 'taken');
    await writeFileAtomic(join(target, 'x'), 'inner');
    // The target is now a non-empty directory: renaming a file over it fails.
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(/taken/);
    expect(readdirSync(dir).sort()).toEqual(['catalog.json', 'taken']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });
});

describe('parseJsonText', () => {
  it('skips a byte-order mark, as the history reader does (a task definition, catalog or services file with one was refused)', () => {
    expect(parseJsonText('\ufeff{"family": "web"}', 'td.json')).toEqual({family: 'web'});
  });

  it.each([
    // JavaScript's message quoted the text around the error, raw: a byte-order mark in the middle, a newline.
    ['{\n  "a": 1,\n  \ufeff"b": 2\n}', 'x.json is not valid JSON (line 3): unexpected byte 0xef'],
    ['{\n  "family": "x",\n  "cpu": 256,,\n}\n', 'x.json is not valid JSON (line 3): unexpected ","'],
    ['{"a": [1, 2', 'x.json is not valid JSON (line 1): the JSON ends before it is complete'],
    // What the streaming check lets pass keeps JavaScript's words, without the quoted text.
    ['{\n"a": 01}', 'x.json is not valid JSON (line 2): Unexpected number'],
  ])('names the line and the first wrong byte of %j', (text, message) => {
    expect(() => parseJsonText(text, 'x.json')).toThrow(expect.objectContaining({message, exitCode: 1}));
  });
});
