import {escapeControls} from '../errors.js';

/**
 * Text from an input file, a catalog or AWS is untrusted: a task family can hold an escape sequence
 * that retitles or recolours the terminal, a newline that breaks a table row, a bidi override that
 * reverses what follows, or Markdown that draws a link. The table, Markdown and CSV renderers (and
 * the terminal UI) show it through these; JSON does not, it stays exact (JSON.stringify escapes
 * controls itself).
 */

/** Untrusted text as one visible line: every control written as an escape (`\x1b`, `\n`, `\u202e`). */
export const inert = (text: string): string => escapeControls(text);

/**
 * Characters that would start Markdown inline syntax: a backslash escape, a code span, emphasis,
 * strikethrough, a link or image, raw HTML, an entity (`&#x202e;` would bring a control back).
 * `_` is escaped only at a word's edge: inside a word (`x86_64`) it never starts emphasis.
 * `|` is left to the table cells (renderMarkdownTable), where alone it matters.
 */
const MARKDOWN_SYNTAX = /[\\`*~[\]<&]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** Untrusted text for a Markdown line or cell: inert, and shown as written rather than read as Markdown. */
export function inertMarkdown(text: string): string {
  return inert(text).replace(MARKDOWN_SYNTAX, (char) => `\\${char}`);
}

const isPlain = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * `value` with every string in it (in arrays and plain objects, at any depth) passed through `clean`:
 * what a renderer reads, so every word it makes of the data is clean before it adds colours or
 * Markdown of its own. Class instances (Decimal) and functions are kept as they are, object keys too,
 * and nothing is copied where no string changed (clean data comes back as the same object).
 */
export function inertData<T>(value: T, clean: (text: string) => string = inert): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return clean(item);
    if (typeof item !== 'object' || item === null) return item;
    if (Array.isArray(item)) {
      let copy: unknown[] | undefined;
      item.forEach((element, i) => {
        const cleaned = walk(element);
        if (cleaned !== element) (copy ??= [...item])[i] = cleaned;
      });
      return copy ?? item;
    }
    if (!isPlain(item)) return item;
    let copy: Record<string, unknown> | undefined;
    for (const [key, element] of Object.entries(item)) {
      const cleaned = walk(element);
      if (cleaned !== element) (copy ??= {...item})[key] = cleaned;
    }
    return copy ?? item;
  };
  return walk(value) as T;
}
