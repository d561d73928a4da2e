import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {HistoryResult} from '../../model/history.js';
import {groupLine, historyAssumption, historyEstimate} from '../state/estimate-history.js';
import type {EstimateResult} from '../../model/estimate.js';
import {describeWorkload} from '../../report/text.js';
import {estimateSections, fitSections, type Layout} from '../layout.js';
import {fit, padEnd, wrapLines} from '../../report/width.js';
import {formatUsd} from '../../money/format.js';
import {currentTask, type EstimateState} from '../state/estimate.js';
import {
  changeLine,
  equivalentCommand,
  type EstimateOutcome,
  type EstimateSetup,
  taskTotals,
  taskTotalsLine,
  totalsKey,
  optionRows,
  rateGroups,
  savingLine,
  settingRows,
} from '../state/estimate-select.js';
import {RATES_ELSEWHERE} from '../keymap.js';
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
  /** What the view prices with: with several task definitions, each is priced for the total line; with a history, its workload is shown. */
  readonly setup?: EstimateSetup | undefined;
  /** The `All N` row's figures when the caller worked them out (useEstimateView's); else the view prices them. */
  readonly totals?: ReturnType<typeof taskTotals> | undefined;
}

function titleOf(state: EstimateState): string {
  const spec = currentTask(state).spec;
  return spec.source === 'command line' ? 'a task of your choosing (no file given)' : `${spec.name} (${spec.source})`;
}

/** The Estimate view: settings, every purchase option with a bar, what it saves, where each rate came from. */
export function EstimateView(props: EstimateViewProps) {
  const history = props.setup?.history;
  if (history) return <HistoryEstimateView history={history} layout={props.layout} now={props.now} />;
  return <TaskEstimateView {...props} />;
}

/**
 * The Estimate view of a history: each group's workload as measured and the month history's
 * Projection prices from it under every option, with what that assumes; where the rates came from
 * when there is room (else the footnote names `fargate-cost prices show`).
 */
function HistoryEstimateView({
  history,
  layout,
  now,
}: {
  readonly history: HistoryResult;
  readonly layout: Layout;
  readonly now: Date;
}) {
  const estimate = useMemo(() => historyEstimate(history), [history]);
  const groups = useMemo(() => rateGroups(history.assumptions.rates, now), [history, now]);
  const width = layout.columns - 1;
  if (!estimate) {
    return <Text wrap="truncate-end">{fit('The history has no projected month to estimate from.', width)}</Text>;
  }
  const options = optionRows(estimate, history.assumptions.catalog.staleBefore);
  const footnote = options.some((row) => row.estimated) ? 1 : 0;
  const assumes = wrapLines(`Assumes ${historyAssumption(estimate)}`, width);
  const fixed = 1 + 1 + options.length + footnote + 1 + 1;
  const room = Math.max(1, layout.bodyRows - fixed - (layout.bodyRows - fixed >= estimate.groups.length + 2 ? 1 : 0));
  const shownGroups = estimate.groups.length <= room ? estimate.groups : estimate.groups.slice(0, room - 1);
  const hidden = estimate.groups.length - shownGroups.length;
  const nameWidth = Math.min(18, Math.max(...estimate.groups.map((group) => group.name.length)) + 1);
  const gap = layout.bodyRows - fixed - estimate.groups.length >= 1;
  // What is left once every group shows: the assumption's second line first, then the rates (a gap, theirs, the catalog's).
  let spare = hidden > 0 ? 0 : layout.bodyRows - fixed - estimate.groups.length - (gap ? 1 : 0);
  const assumeLines = spare >= assumes.length - 1 ? assumes.length : 1;
  spare -= assumeLines - 1;
  const rates = groups.length > 0 && spare >= groups.length + 2;

  return (
    <Box flexDirection="column" width={layout.columns} flexShrink={0}>
      <Text bold wrap="truncate-end">
        {fit(
          `The history's workload: ${estimate.groups.length} group${estimate.groups.length === 1 ? '' : 's'}, ${formatUsd(estimate.monthly)} a month as run (each: its month, tasks at once, hours run, sizes by task-h)`,
          width,
        )}
      </Text>
      {shownGroups.map((group) => (
        <Text key={group.key} wrap="truncate-end">
          <Text bold>{padEnd(fit(group.name, nameWidth - 1), nameWidth)}</Text>
          {fit(groupLine(group), width - nameWidth)}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>{fit(`and ${hidden} more (a taller terminal lists them)`, width)}</Text> : null}
      {gap ? <Text> </Text> : null}
      <OptionBars rows={options} width={width} header ratesAt={rates ? ' (see Rates)' : `: see ${RATES_ELSEWHERE}`} />
      {assumeLines === assumes.length ? (
        assumes.map((line, i) => (
          <Text key={i} dimColor wrap="truncate-end">
            {line}
          </Text>
        ))
      ) : (
        <Text dimColor wrap="truncate-end">
          {fit(`Assumes ${historyAssumption(estimate)}`, width)}
        </Text>
      )}
      <Text dimColor wrap="truncate-end">
        {fit(
          'Same as the Projection of "fargate-cost history" of the same inputs; explore a task definition file to try sizes',
          width,
        )}
      </Text>
      {rates ? (
        <>
          <Text> </Text>
          <RateSources
            groups={groups}
            catalog={history.assumptions.catalog}
            width={layout.columns - 1}
            compact={layout.narrow}
          />
        </>
      ) : null}
    </Box>
  );
}

function TaskEstimateView({
  state,
  outcome,
  baseline,
  layout,
  regionName,
  now,
  setup,
  totals: given,
}: EstimateViewProps) {
  const theme = useTheme();
  // With several task definitions: each at its own settings, and their total.
  // biome-ignore lint/correctness/useExhaustiveDependencies: totalsKey stands for every task's pricing inputs
  const own = useMemo(
    () => (given === undefined && setup && state.tasks.length > 1 ? taskTotals(state, setup) : undefined),
    [given === undefined, totalsKey(state), setup, state.tasks.length],
  );
  const totals = given ?? own;
  const result = outcome.ok ? outcome.result : undefined;
  const settings = settingRows(state, regionName, result?.tasks[0]?.billedSecondsPerRun);
  const options = result ? optionRows(result, result.assumptions.catalog.staleBefore) : [];
  const groups = result ? rateGroups(result.assumptions.rates, now) : [];
  const saving = result ? savingLine(result) : undefined;
  const change = result ? changeLine(result, baseline) : undefined;
  const changed = change !== undefined && !change.endsWith('as at the start');
  const wide = layout.mode === 'wide';
  const partTime =
    state.schedule.kind !== 'always-on' && options.some((row) => row.available && row.id.startsWith('savings-plan-'));
  const errorLines = outcome.ok ? [] : wrapLines(`cannot price this: ${outcome.error}`, layout.optionsWidth);
  const sections = [
    ...estimateSections(layout, {
      settingsRows: Math.ceil(settings.length / layout.settingsColumns),
      optionRows: result
        ? options.length + (options.some((row) => row.estimated) ? 1 : 0) + (partTime ? 1 : 0)
        : errorLines.length,
      savingRows: saving ? 1 : 0,
      changeRows: changed ? 1 : 0,
      rateRows: result ? groups.length + 1 : 0,
    }),
    // Several task definitions' total is the view's headline: it never gives way (the rate list at the bottom does).
    {id: 'all-tasks', rows: totals ? 1 : 0, dropOrder: 0},
  ];
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
      {totals && shown.has('all-tasks') ? (
        <Text wrap="truncate-end">
          <Text bold>{padEnd(`All ${state.tasks.length}`, SECTION_LABEL_WIDTH)}</Text>
          {fit(taskTotalsLine(totals), layout.columns - 1 - SECTION_LABEL_WIDTH)}
        </Text>
      ) : null}
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
