import {readFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {VERSION} from '../src/version.js';

it('VERSION (--version, the AWS user agent) is package.json’s version', () => {
  expect(VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as {version: string}).version);
});
