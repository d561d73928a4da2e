import {Text} from 'ink';
import {MIN_COLUMNS} from '../layout.js';
import {fit} from '../../report/width.js';
import {paint, useTheme} from '../theme.js';

/** The one line a terminal narrower than 80 columns gets: what is missing and how to get it back. */
export function NarrowNotice({columns}: {readonly columns: number}) {
  const theme = useTheme();
  return (
    <Text {...paint(theme.warn)}>
      {fit(`${columns} columns is narrow: compact layout (${MIN_COLUMNS} or more shows everything)`, columns)}
    </Text>
  );
}
