import {Command, CommanderError} from 'commander';
import {escapeControls} from '../errors.js';
import {registerCompare} from './commands/compare.js';
import {registerDiff} from './commands/diff.js';
import {registerEstimate} from './commands/estimate.js';
import {registerExplore} from './commands/explore.js';
import {registerHistory} from './commands/history.js';
import {registerPrices} from './commands/prices.js';
import {registerReconcile} from './commands/reconcile.js';
import {registerRightsize} from './commands/rightsize.js';
import {addHelpExamples} from './help-examples.js';
import type {CliIo} from './io.js';
import {VERSION} from '../version.js';

/** The command tree. Each command's work lives in a module its action imports on first use. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('fargate-cost')
    .description('Know what AWS Fargate (Amazon ECS) costs: estimates, real task-run bills, Spot and Savings Plans.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's own messages ("error: unknown option") get the same one-line shape as ours.
      outputError: (text, write) =>
        write(
          `fargate-cost: ${escapeControls(
            text
              .replace(/^error: /, '')
              .trim()
              .replace(/\s*\n\s*/g, ' '),
          )}\n`,
        ),
    });
  registerEstimate(program, io);
  registerExplore(program, io);
  registerHistory(program, io);
  registerPrices(program, io);
  registerCompare(program, io);
  registerDiff(program, io);
  registerReconcile(program, io);
  registerRightsize(program, io);
  addHelpExamples(program);
  return program;
}

export {CommanderError};
