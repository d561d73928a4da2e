import {Box, Text} from 'ink';
import {memo, useEffect, useState} from 'react';
import {visibleWidth} from '../../report/width.js';
import {headerLayout} from '../layout.js';
import type {ViewId} from '../state/app.js';
import {paint, useTheme} from '../theme.js';

export interface HeaderProps {
  readonly views: readonly ViewId[];
  readonly active: ViewId;
  readonly width: number;
  /** Work is running off the input path (compare): a spinner and "computing…" at the right end. */
  readonly busy?: boolean;
}

export const BUSY_LABEL = 'computing…';
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPIN_MS = 120;

/** The spinner turns while it is on screen (its own timer: only it redraws, and nothing runs once it is gone). */
function Spinner() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % SPINNER.length), SPIN_MS);
    return () => clearInterval(timer);
  }, []);
  return <Text>{SPINNER[frame]}</Text>;
}

/**
 * The title and the views, the active one marked (inverse, so it shows without colour too); the busy
 * marker at the right. On one line whatever the width and the number of views (`headerLayout`: the
 * title shortens, then goes, then the gaps narrow, then the other tabs shorten, then give way around
 * the active one behind a ‹ or ›); the tabs never give way to the marker.
 */
function HeaderView({views, active, width, busy = false}: HeaderProps) {
  const theme = useTheme();
  const {title, gap, tabs, before, after, used} = headerLayout(views, width, active);
  // The label when it fits, else the spinner alone.
  const room = width - used;
  const marker = room >= 3 + visibleWidth(BUSY_LABEL) ? ` ${BUSY_LABEL}` : room >= 2 ? '' : null;
  return (
    <Box width={width}>
      <Box flexGrow={1}>
        {title === null ? null : (
          <Text bold {...paint(theme.accent)}>
            {title}
          </Text>
        )}
        {before ? <Text bold>{before}</Text> : null}
        {tabs.map(({view, label}, i) => (
          <Text key={view}>
            {title !== null || i > 0 ? gap : ''}
            <Text inverse={view === active} bold={view === active} dimColor={view !== active}>
              {` ${label} `}
            </Text>
          </Text>
        ))}
        {after ? <Text bold>{after}</Text> : null}
      </Box>
      {busy && marker !== null ? (
        <Box flexShrink={0}>
          <Text {...paint(theme.warn)}>
            <Spinner />
            {marker}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** Drawn again only when its props change (a key elsewhere leaves it as it was). */
export const Header = memo(HeaderView);
