import {Box, Text} from 'ink';
import {VIEW_LABELS, type ViewId} from '../state/app.js';
import {paint, useTheme} from '../theme.js';

export interface HeaderProps {
  readonly views: readonly ViewId[];
  readonly active: ViewId;
  readonly width: number;
}

const TITLE = 'fargate-cost explore';

/**
 * The title and the views, the active one marked (inverse, so it shows without colour too). On one
 * line whatever the width: the title gives way first, then the gaps between the tabs.
 */
export function Header({views, active, width}: HeaderProps) {
  const theme = useTheme();
  const tabs = views.reduce((total, view) => total + VIEW_LABELS[view].length + 2, 0);
  const title = TITLE.length + tabs + 2 * views.length < width;
  const gap = title || tabs + 2 * views.length < width ? '  ' : ' ';
  return (
    <Box width={width}>
      <Box>
        {title ? (
          <Text bold {...paint(theme.accent)}>
            {TITLE}
          </Text>
        ) : null}
        {views.map((view, i) => (
          <Text key={view}>
            {title || i > 0 ? gap : ''}
            <Text inverse={view === active} bold={view === active} dimColor={view !== active}>
              {` ${VIEW_LABELS[view]} `}
            </Text>
          </Text>
        ))}
      </Box>
    </Box>
  );
}
