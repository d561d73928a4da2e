import {Box, Text} from 'ink';
import {edgeMark, type Layout} from '../layout.js';
import {type ReportLine, type ReportPage as Page, type ReportText, reportScrollLine} from '../state/report-page.js';
import {paint, type Theme, useTheme} from '../theme.js';

export interface ReportPageProps {
  readonly text: ReportText;
  readonly page: Page;
  readonly layout: Layout;
}

/** The columns a report's text is laid out in: the view's width less the margin where ↑/↓ marks a cut body. */
export const reportWidth = (columns: number) => Math.max(1, columns - 3);

/** One line as its kind draws it; every line is already cut to the width. */
function ReportLineText({
  line,
  theme,
  mark,
}: {
  readonly line: ReportLine;
  readonly theme: Theme;
  readonly mark: string;
}) {
  const text = `${mark}${line.text}` || ' ';
  switch (line.kind) {
    case 'headline':
      return (
        <Text bold wrap="truncate-end" {...paint(theme.good)}>
          {text}
        </Text>
      );
    case 'title':
    case 'header':
      return (
        <Text bold wrap="truncate-end">
          {text}
        </Text>
      );
    case 'rule':
    case 'note':
      return (
        <Text dimColor wrap="truncate-end">
          {text}
        </Text>
      );
    case 'warning':
      return (
        <Text wrap="truncate-end" {...paint(theme.warn)}>
          {text}
        </Text>
      );
    case 'text':
      // An empty Text takes no row in ink: a blank line is a space.
      return <Text wrap="truncate-end">{text.trim() === '' ? ' ' : text}</Text>;
  }
}

/**
 * A command's report as a view: its headline fixed on top, the rest scrolling under it, the first and
 * last lines on screen marked ↑/↓ when lines are hidden past them, and a line saying which show.
 */
export function ReportPage({text, page, layout}: ReportPageProps) {
  const theme = useTheme();
  const shown = text.body.slice(page.top, page.top + page.rows);
  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      {text.head.map((line, i) => (
        <ReportLineText key={`h${i}`} line={line} theme={theme} mark="" />
      ))}
      {shown.map((line, i) => (
        <ReportLineText
          key={`b${i}`}
          line={line}
          theme={theme}
          mark={`${edgeMark(i, shown.length, page.top, text.body.length)} `}
        />
      ))}
      {page.scrolls ? (
        <Text dimColor wrap="truncate-end">
          {reportScrollLine(page, text.body.length)}
        </Text>
      ) : null}
    </Box>
  );
}
