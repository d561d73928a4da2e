import {Box, Text} from 'ink';
import type {FieldId} from '../state/estimate.js';
import type {SettingRow} from '../state/estimate-select.js';
import {fit, padEnd, visibleWidth} from '../../report/width.js';
import {paint, useTheme} from '../theme.js';

export interface SettingsPanelProps {
  readonly rows: readonly SettingRow[];
  readonly selected: FieldId;
  /** One column of settings, or two side by side. */
  readonly columns: 1 | 2;
  readonly width: number;
}

const LABEL_WIDTH = 11;

const MAX_VALUE_WIDTH = 16;

/** The width values are padded to in a column, so the details line up. */
function valueWidthOf(rows: readonly SettingRow[]): number {
  // A long task definition name would push every detail right; it gets its own room instead.
  const values = rows.filter((row) => row.field !== 'task').map((row) => visibleWidth(row.value));
  return Math.min(MAX_VALUE_WIDTH, Math.max(0, ...values));
}

interface SettingProps {
  readonly row: SettingRow;
  readonly selected: boolean;
  readonly width: number;
  readonly valueWidth: number;
}

function Setting({row, selected, width, valueWidth}: SettingProps) {
  const theme = useTheme();
  // "› label  ◂ value ▸  detail": the arrows say the value changes with ← →.
  const room = row.field === 'task' ? Math.max(valueWidth, width - LABEL_WIDTH - 16) : Math.max(valueWidth, 4);
  const text = padEnd(fit(row.value, room), valueWidth);
  const value = selected ? `◂ ${text} ▸` : `  ${text}  `;
  const used = 2 + LABEL_WIDTH + visibleWidth(value);
  const detail = row.detail ? fit(` ${row.detail}`, Math.max(0, width - used)) : '';
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text {...paint(theme.accent)}>{selected ? '› ' : '  '}</Text>
        <Text bold={selected}>{padEnd(row.label, LABEL_WIDTH)}</Text>
        <Text inverse={selected} bold={selected}>
          {value}
        </Text>
        <Text dimColor>{detail}</Text>
      </Text>
    </Box>
  );
}

/** The settings of the task on screen, the selected one marked; ↑↓ move, ←→ change. */
export function SettingsPanel({rows, selected, columns, width}: SettingsPanelProps) {
  if (columns === 1) {
    return (
      <Box flexDirection="column" width={width}>
        {rows.map((row) => (
          <Setting
            key={row.field}
            row={row}
            selected={row.field === selected}
            width={width}
            valueWidth={valueWidthOf(rows)}
          />
        ))}
      </Box>
    );
  }
  // Two columns, filled top to bottom, left then right: the cursor's order reads down each column.
  const half = Math.ceil(rows.length / 2);
  const cellWidth = Math.floor(width / 2);
  return (
    <Box width={width}>
      {[rows.slice(0, half), rows.slice(half)].map((column, i) => (
        <Box key={i} flexDirection="column" width={cellWidth}>
          {column.map((row) => (
            <Setting
              key={row.field}
              row={row}
              selected={row.field === selected}
              width={cellWidth - 1}
              valueWidth={valueWidthOf(column)}
            />
          ))}
        </Box>
      ))}
    </Box>
  );
}
