import {useInput, useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {type KeyPress, keyPresses} from '../keymap.js';

/** ESC and one more character in one read, not the start of an escape sequence: Esc typed just ahead of a key. */
const ESC_AHEAD = /^\u001B[^\u001B[O]$/u;

/**
 * ink's key presses, each key of a burst on its own (see keyPresses). ink reads ESC followed at once
 * by a character that is not a letter or digit ("\x1b>", "\x1b/", "\x1b\t": Esc then the key, typed
 * in one burst or pasted) as that character alone, and the Esc is lost; its raw input still says
 * so, read here first (this listener is added before useInput's). Nothing in explore is bound to
 * Alt, so such a read is what was typed: Esc, then the key.
 */
export function useKeyPresses(
  handle: (presses: readonly {readonly input: string; readonly key: KeyPress}[]) => void,
  options: {readonly isActive?: boolean} = {},
): void {
  const {internal_eventEmitter: events} = useStdin();
  const escAhead = useRef(false);
  useEffect(() => {
    const mark = (data: string) => {
      escAhead.current = ESC_AHEAD.test(data);
    };
    events.on('input', mark);
    return () => {
      events.removeListener('input', mark);
    };
  }, [events]);
  useInput((input, key) => {
    const ahead = escAhead.current;
    escAhead.current = false;
    // ink already reports ESC + a letter or digit as Alt+key (meta), which keyPresses splits itself.
    if (ahead && !key.meta && !key.escape) handle([{input: '', key: {escape: true}}, ...keyPresses(input, key, true)]);
    else handle(keyPresses(input, key));
  }, options);
}
