/** Driving ink components in tests: key codes as terminals send them, and waiting for frames instead of sleeping. */
import {stripVTControlCharacters} from 'node:util';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  // What most terminals send for Backspace; ink 6 reports it as key.delete.
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Polls until `check` passes, yielding to ink between polls; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

interface Rendered {
  readonly stdin: {write(data: string): void; listenerCount(event: string): number};
  lastFrame(): string | undefined;
}

/** Waits until the app listens to the keyboard (ink attaches its reader in an effect, after the first frame). */
export async function waitForInput(rendered: Rendered): Promise<void> {
  await waitFor(() => rendered.stdin.listenerCount('readable') > 0, 'the app to listen to the keyboard');
}

/** A frame as a person reads it: styling escapes removed. */
export function textOf(frame: string | undefined): string {
  return stripVTControlCharacters(frame ?? '');
}

/** The header's busy marker (Header.tsx's BUSY_LABEL): compare is running off the input path. */
export const BUSY = 'computing…';

/** The frame shows no work running (compare has shown what the keys so far asked for). */
export function idle(rendered: Rendered): boolean {
  return !textOf(rendered.lastFrame()).includes(BUSY);
}

/**
 * Presses a key and waits for the frame to change and for the work it started (compare) to end;
 * returns the new frame's text.
 */
export async function press(rendered: Rendered, key: string): Promise<string> {
  const before = rendered.lastFrame();
  rendered.stdin.write(key);
  await waitFor(
    () => rendered.lastFrame() !== before && idle(rendered),
    `the frame to change after ${JSON.stringify(key)} (and no work running)`,
  );
  return textOf(rendered.lastFrame());
}

/** Waits for a frame whose text contains `text`; returns that text. */
export async function waitForText(rendered: Rendered, text: string): Promise<string> {
  await waitFor(() => textOf(rendered.lastFrame()).includes(text), `a frame containing ${JSON.stringify(text)}`);
  return textOf(rendered.lastFrame());
}

/** The colour escapes (foreground 30-37, 90-97, 256/true colour, backgrounds); bold, dim and inverse are not colours. */
// eslint-disable-next-line no-control-regex
export const COLOUR_ESCAPE = /\u001B\[(?:\d+;)*(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)/;
