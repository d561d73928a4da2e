import type {Command} from 'commander';
import type {IncreaseLimit, Policy, PolicyFailure} from '../app/policy.js';
import {EXIT, UserError} from '../errors.js';
import {dec, isDecimalString} from '../money/decimal.js';
import {OPTION_IDS, type OptionId, optionLabel} from '../model/types.js';
import {showAmount, USD_MONEY} from '../report/money.js';

/**
 * --fail-above, --fail-on-increase and --policy-option: a build fails (exit 5) when the priced total breaks
 * a limit. The report prints in full first; one stderr line names the policy and the figures.
 */

export interface PolicyFlags {
  readonly failAbove?: string | undefined;
  readonly failOnIncrease?: string | undefined;
  readonly policyOption?: string | undefined;
}

export function addPolicyOptions(command: Command, increase: boolean): Command {
  command.option('--fail-above <amount>', 'exit 5 when the monthly total (US dollars) is above this amount');
  if (increase) {
    command.option(
      '--fail-on-increase <amount|percent>',
      'exit 5 when the monthly total grows by more than this: 50 (US dollars) or 10%',
    );
  }
  return command.option(
    '--policy-option <id>',
    'the purchase option the limits apply to (and the summary shows): on-demand (default), spot, or a savings-plan-… id',
  );
}

const usage = (message: string, hint: string) => new UserError(message, {exitCode: EXIT.usage, hint});

function amountOf(text: string, flag: string) {
  const trimmed = text.trim();
  if (!isDecimalString(trimmed) || trimmed.startsWith('-') || /e/i.test(trimmed)) {
    throw usage(`${flag} "${text}" is not an amount`, `give US dollars a month, such as ${flag} 500`);
  }
  return dec(trimmed);
}

/** The policy the flags ask for, or undefined when none; a bad value is a bad command line (exit 2). */
export function parsePolicy(flags: PolicyFlags, shown: readonly OptionId[] | undefined): Policy | undefined {
  const option = (flags.policyOption?.trim().toLowerCase() ?? 'on-demand') as OptionId;
  if (!(OPTION_IDS as readonly string[]).includes(option)) {
    throw usage(
      `--policy-option "${flags.policyOption}" is not a purchase option id`,
      'use on-demand, spot, or an id such as savings-plan-compute-1y-no-upfront',
    );
  }
  if (shown && !shown.includes(option)) {
    throw usage(`--policy-option ${option} is not among --options`, `add ${option} to --options`);
  }
  const above = flags.failAbove === undefined ? undefined : amountOf(flags.failAbove, '--fail-above');
  let increase: IncreaseLimit | undefined;
  if (flags.failOnIncrease !== undefined) {
    const text = flags.failOnIncrease.trim();
    increase = text.endsWith('%')
      ? {kind: 'percent', percent: amountOf(text.slice(0, -1), '--fail-on-increase')}
      : {kind: 'amount', amount: amountOf(text, '--fail-on-increase')};
  }
  if (above === undefined && increase === undefined) {
    if (flags.policyOption !== undefined) return {option};
    return undefined;
  }
  return {option, above, increase};
}

/** One line naming the policy and the figures. */
export function policyFailureText(failure: PolicyFailure): string {
  const label = optionLabel(failure.option);
  const usd = (value: Parameters<typeof showAmount>[1]) => showAmount(USD_MONEY, value);
  switch (failure.kind) {
    case 'above':
      return `policy --fail-above ${failure.limit.toString()} failed: the ${label} monthly total ${usd(failure.total)} is above ${usd(failure.limit)}`;
    case 'increase': {
      const limit =
        failure.limit.kind === 'amount' ? usd(failure.limit.amount) : `${failure.limit.percent.toString()}%`;
      const percent = failure.before.isZero()
        ? 'from nothing'
        : `${failure.delta.div(failure.before).times(100).toDecimalPlaces(1).toString()}%`;
      const flag =
        failure.limit.kind === 'amount' ? failure.limit.amount.toString() : `${failure.limit.percent.toString()}%`;
      return `policy --fail-on-increase ${flag} failed: the ${label} monthly total grows ${usd(failure.before)} -> ${usd(failure.after)} (+${usd(failure.delta)}, ${percent}), more than ${limit}`;
    }
    case 'no-price':
      return `policy --${failure.policy === 'above' ? 'fail-above' : 'fail-on-increase'} failed: ${label} has no price for this input, so the limit cannot be checked`;
  }
}

/** Throws the exit-5 error naming every failure on one line; called after the report is out. */
export function enforcePolicy(failures: readonly PolicyFailure[]): void {
  if (failures.length === 0) return;
  throw new UserError(failures.map(policyFailureText).join('; '), {exitCode: EXIT.policy});
}
