// ink renders only the last frame at unmount when CI is set; tests need the interactive renderer.
delete process.env['CI'];
// Keep the AWS SDK's Node 20 deprecation notice out of test output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
// The AWS fakes listen on loopback: a proxy from the developer's environment must not carry calls away.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
  delete process.env[name];
  delete process.env[name.toLowerCase()];
}

// `toThrowProblem`: the one line (message and hint) the CLI prints for the user error a call throws.
import {expect} from 'vitest';
import {isUserError} from '../src/errors.js';
import {userErrorLine} from '../src/report/problems.js';

expect.extend({
  toThrowProblem(received: () => unknown, expected: string | RegExp) {
    let line: string | undefined;
    try {
      received();
    } catch (error) {
      if (!isUserError(error)) return {pass: false, message: () => `expected a user error, got ${String(error)}`};
      line = userErrorLine(error);
    }
    if (line === undefined) return {pass: false, message: () => 'expected a user error, nothing was thrown'};
    const pass = typeof expected === 'string' ? line.includes(expected) : expected.test(line);
    return {pass, message: () => `expected the user error "${line}" ${pass ? 'not ' : ''}to say ${String(expected)}`};
  },
});

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The user error the call throws, as the CLI words it (message and hint), says `expected`. */
    toThrowProblem(expected: string | RegExp): T;
  }
}
