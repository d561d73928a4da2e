import {createContext, useContext} from 'react';

/**
 * Colours by role. With colour off (the CLI decides, by the rule every command follows) every role
 * is undefined, so components pass no `color` prop at all: ink's chalk does not read NO_COLOR
 * itself, so leaving the prop out is what keeps colour codes off the screen. Bold, dim and inverse
 * still mark things; they are not colours.
 */
export interface Theme {
  readonly colors: boolean;
  readonly accent: string | undefined;
  readonly good: string | undefined;
  readonly warn: string | undefined;
  readonly bad: string | undefined;
  readonly bar: string | undefined;
}

export function createTheme(colors: boolean): Theme {
  if (!colors) return {colors, accent: undefined, good: undefined, warn: undefined, bad: undefined, bar: undefined};
  return {colors, accent: 'cyan', good: 'green', warn: 'yellow', bad: 'red', bar: 'blue'};
}

export const ThemeContext = createContext<Theme>(createTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Props for ink's Text: the colour when there is one, nothing at all otherwise (ink takes no `color={undefined}`). */
export function paint(color: string | undefined): {color?: string} {
  return color === undefined ? {} : {color};
}
