import {Box, Text} from 'ink';
import type {EstimateResult} from '../../model/estimate.js';
import {describeWorkload} from '../../report/text.js';
import {estimateSections, fitSections, type Layout} from '../layout.js';
import {fit, padEnd, wrapLines} from '../../report/width.js';
import {currentTask, type EstimateState} from '../state/estimate.js';
import {
  changeLine,
  equivalentCommand,
  type EstimateOutcome,
  optionRows,
  rateGroups,
  savingLine,
  settingRows,
} from '../state/estimate-select.js';
import {paint, useTheme} from '../theme.js';
import {OptionBars} from './OptionBars.js';
import {RateSources, SECTION_LABEL_WIDTH} from './RateSources.js';
import {SettingsPanel} from './SettingsPanel.js';

export interface EstimateViewProps {
  readonly state: EstimateState;
  /** estimate() on the state: the CLI's own result, or the one-line reason it could not price. */
  readonly outcome: EstimateOutcome;
  /** The same at the starting settings, for "against the start". */
  readonly baseline: EstimateResult | undefined;
  readonly layout: Layout;
  readonly regionName: (region: string) => string;
  readonly now: Date;
}

function titleOf(state: EstimateState): string {
  const spec = currentTask(state).spec;
  return spec.source === 'command line' ? 'a task of your choosing (no file given)' : `${spec.name} (${spec.source})`;
}

/** The Estimate view: settings, every purchase option with a bar, what it saves, where each rate came from. */
export function EstimateView({state, outcome, baseline, layout, regionName, now}: EstimateViewProps) {
  const theme = useTheme();
  const result = outcome.ok ? outcome.result : undefined;
  const settings = settingRows(state, regionName, result?.tasks[0]?.billedSecondsPerRun);
  const options = result ? optionRows(result) : [];
  const groups = result ? rateGroups(result.assumptions.rates, now) : [];
  const saving = result ? savingLine(result) : undefined;
  const change = result ? changeLine(result, baseline) : undefined;
  const changed = change !== undefined && !change.endsWith('as at the start');
  const wide = layout.mode === 'wide';
  const partTime =
    state.schedule.kind !== 'always-on' && options.some((row) => row.available && row.id.startsWith('savings-plan-'));
  const errorLines = outcome.ok ? [] : wrapLines(`cannot price this: ${outcome.error}`, layout.optionsWidth);
  const sections = estimateSections(layout, {
    settingsRows: Math.ceil(settings.length / layout.settingsColumns),
    optionRows: result
      ? options.length + (options.some((row) => row.estimated) ? 1 : 0) + (partTime ? 1 : 0)
      : errorLines.length,
    savingRows: saving ? 1 : 0,
    changeRows: changed ? 1 : 0,
    rateRows: result ? groups.length + 1 : 0,
  });
  const shown = fitSections(layout.bodyRows, sections);

  const optionsBlock = (width: number) => (
    <Box flexDirection="column" width={width}>
      {outcome.ok ? (
        <OptionBars rows={options} width={width} header={wide || shown.has('options-header')} partTime={partTime} />
      ) : (
        <Text {...paint(theme.bad)}>{errorLines.join('\n')}</Text>
      )}
      {saving && (wide || shown.has('saving')) ? (
        <Text {...paint(theme.good)} wrap="truncate-end">
          {fit(saving, width)}
        </Text>
      ) : null}
      {change && changed && (wide || shown.has('change')) ? (
        <Text wrap="truncate-end">{fit(change, width)}</Text>
      ) : null}
    </Box>
  );

  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold>{fit(titleOf(state), Math.max(10, layout.columns - 40))}</Text>
        {result ? <Text dimColor>{`  ${describeWorkload(result.workload)}`}</Text> : null}
      </Text>
      {wide ? (
        <Box>
          <SettingsPanel rows={settings} selected={state.field} columns={1} width={layout.settingsWidth} />
          <Box marginLeft={2}>{optionsBlock(layout.optionsWidth)}</Box>
        </Box>
      ) : (
        <>
          <SettingsPanel
            rows={settings}
            selected={state.field}
            columns={layout.settingsColumns}
            width={layout.settingsWidth}
          />
          {shown.has('gap-options') ? <Text> </Text> : null}
          {optionsBlock(layout.optionsWidth)}
        </>
      )}
      {shown.has('gap-rates') && result ? <Text> </Text> : null}
      {result ? (
        <RateSources
          groups={groups}
          catalog={result.assumptions.catalog}
          width={layout.columns - 1}
          compact={layout.narrow}
        />
      ) : null}
      {shown.has('same-as') ? (
        <Text wrap="truncate-end">
          <Text bold>{padEnd('Same as', SECTION_LABEL_WIDTH)}</Text>
          <Text dimColor>{fit(equivalentCommand(state), layout.columns - 1 - SECTION_LABEL_WIDTH)}</Text>
        </Text>
      ) : null}
    </Box>
  );
}
