import {describe, expect, it} from 'vitest';
import {UserError} from '../../../src/errors.js';
import {awsUserError} from '../../../src/sources/aws/errors.js';
import {AwsDeadlineError} from '../../../src/sources/aws/http.js';

const message = (error: unknown) => {
  const mapped = awsUserError(error, 'ecs:ListTasks');
  expect(mapped).toBeInstanceOf(UserError);
  return [(mapped as UserError).message, (mapped as UserError).exitCode];
};

describe('awsUserError: what the network did, in one line, exit 3', () => {
  it.each([
    [
      'the deadline passed',
      new AwsDeadlineError(60_000, 'https://ecs.us-east-1.amazonaws.com'),
      'no answer from AWS for ecs:ListTasks at https://ecs.us-east-1.amazonaws.com within 60 s',
    ],
    [
      'no connection within the connect timeout',
      Object.assign(
        new Error(
          '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 10000 ms.',
        ),
        {name: 'TimeoutError'},
      ),
      'could not reach AWS for ecs:ListTasks (no connection within 10 s)',
    ],
    [
      'an answer that went silent',
      Object.assign(
        new Error(
          '@smithy/node-http-handler - the request socket timed out after 30000 ms of inactivity (configured by client requestHandler).',
        ),
        {name: 'TimeoutError'},
      ),
      'could not reach AWS for ecs:ListTasks (no answer for 30 s)',
    ],
    [
      'an HTTP error with no AWS request id (a proxy refusing CONNECT)',
      Object.assign(new Error('UnknownError'), {name: 'Unknown', $metadata: {httpStatusCode: 403, attempts: 1}}),
      'no answer from AWS for ecs:ListTasks: HTTP 403 from something in between',
    ],
    [
      "AWS's own words: one line, escaped, cut",
      Object.assign(new Error(`bad \u001b[31mthing\nsecond line ${'x'.repeat(300)}`), {
        name: 'ClientException',
        $metadata: {httpStatusCode: 400, requestId: 'r-1'},
      }),
      'AWS refused ecs:ListTasks: bad \\x1b[31mthing',
    ],
  ])('%s', (_, error, expected) => {
    expect(message(error)).toEqual([expected, 3]);
  });
});
