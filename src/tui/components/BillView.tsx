import {Box, Text} from 'ink';
import type {Layout} from '../layout.js';
import {type BillPage, type BillViewLine, type BillViewText, billScrollLine} from '../state/bill.js';
import {paint, type Theme, useTheme} from '../theme.js';

export interface BillViewProps {
  readonly text: BillViewText;
  readonly page: BillPage;
  readonly layout: Layout;
}

/** One line as its kind draws it; every line is already cut to the view's width. */
function BillLine({line, theme}: {readonly line: BillViewLine; readonly theme: Theme}) {
  switch (line.kind) {
    case 'title':
    case 'header':
      return (
        <Text bold wrap="truncate-end">
          {line.text}
        </Text>
      );
    case 'headline':
      return (
        <Text bold wrap="truncate-end" {...paint(theme.good)}>
          {line.text}
        </Text>
      );
    case 'rule':
    case 'dim':
      return (
        <Text dimColor wrap="truncate-end">
          {line.text}
        </Text>
      );
    case 'text':
      // An empty Text takes no row in ink: a blank line is a space.
      return <Text wrap="truncate-end">{line.text || ' '}</Text>;
  }
}

/**
 * The Bill view: what was read, the headline (paid, public On-Demand, saved, by coverage) and the
 * Savings Plans stay on screen; the groups, measured use, projection and notes scroll under them.
 */
export function BillView({text, page, layout}: BillViewProps) {
  const theme = useTheme();
  const shown = text.body.slice(page.top, page.top + page.rows);
  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      {text.head.map((line, i) => (
        <BillLine key={`h${i}`} line={line} theme={theme} />
      ))}
      {shown.map((line, i) => (
        <BillLine key={`b${i}`} line={line} theme={theme} />
      ))}
      {page.scrolls ? (
        <Text dimColor wrap="truncate-end">
          {billScrollLine(page, text.body.length)}
        </Text>
      ) : null}
    </Box>
  );
}
