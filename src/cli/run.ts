import {escapeControls, isUserError} from '../errors.js';
import {userErrorText} from '../report/problems.js';
import {exitCodeOf} from './exit-codes.js';
import {buildProgram, CommanderError} from './program.js';
import type {CliIo} from './io.js';

/** Parses argv, runs the command, and turns failures into an exit code. The only catch-all. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], {from: 'user'});
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander already printed its message.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isUserError(error)) {
      const {message, hint} = userErrorText(error);
      // One line, whatever a message quotes from a file or from AWS.
      io.stderr.write(`fargate-cost: ${escapeControls(message + (hint ? ` (${hint})` : ''))}\n`);
      return exitCodeOf(error);
    }
    // Anything else is a bug: show it whole so it can be reported.
    io.stderr.write(
      `fargate-cost: internal error, please report it with the command you ran:\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    return 70;
  }
}
