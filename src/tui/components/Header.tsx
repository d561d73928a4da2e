import {Box, Text} from 'ink';
import {VIEW_LABELS, type ViewId} from '../state/app.js';
import {paint, useTheme} from '../theme.js';

export interface HeaderProps {
  readonly views: readonly ViewId[];
  readonly active: ViewId;
  readonly width: number;
}

/** The title and the views, the active one marked (inverse, so it shows without colour too). */
export function Header({views, active, width}: HeaderProps) {
  const theme = useTheme();
  // Many views (a history, a bill and the reports on them) do not fit 80 columns with the full title and gaps.
  const full = 'fargate-cost explore'.length + views.reduce((sum, view) => sum + VIEW_LABELS[view].length + 4, 0);
  const tight = full > width;
  return (
    <Box width={width}>
      <Box>
        <Text bold {...paint(theme.accent)}>
          {tight ? 'fargate-cost' : 'fargate-cost explore'}
        </Text>
        {views.map((view) => (
          <Text key={view}>
            {tight ? ' ' : '  '}
            <Text inverse={view === active} bold={view === active} dimColor={view !== active}>
              {` ${VIEW_LABELS[view]} `}
            </Text>
          </Text>
        ))}
      </Box>
    </Box>
  );
}
