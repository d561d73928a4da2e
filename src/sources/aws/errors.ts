import {EXIT, UserError, untrusted} from '../../errors.js';
import {AwsDeadlineError, endpointOf} from './http.js';

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/** AWS throttled the call (after the SDK's retries): the error itself, or the UserError made of it. */
export function isThrottledError(error: unknown): boolean {
  const e = (error instanceof UserError ? error.cause : error) as SdkErrorLike | undefined;
  return e !== undefined && e !== null && (THROTTLED.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429);
}

/** The parts of an SDK error this module reads. */
interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: {attempts?: number; httpStatusCode?: number; requestId?: string};
}

/**
 * Turns an AWS SDK error into a one-line UserError that says what failed and how to fix it. `action`
 * is the IAM action of the call (`ecs:ListTasks`). Errors that are not recognizably AWS's are returned
 * unchanged (they are bugs).
 */
export function awsUserError(error: unknown, action: string, offlineHint?: string): unknown {
  if (error instanceof UserError) return error;
  const e = (error ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  // AWS's own words, as untrusted as any input: one line, escaped, cut.
  const message = untrusted((e.message ?? '').split('\n')[0]!, 200);
  const attempts = e.$metadata?.attempts;
  const offline = offlineHint ? `; ${offlineHint}` : '';
  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    return new UserError(`AWS denied ${action}: ${message || name}`, {
      hint: `grant the IAM action ${action} to these credentials${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  if (
    NO_CREDENTIALS.has(name) ||
    /could not load credentials|credential is missing|unable to find credentials/i.test(message)
  ) {
    return new UserError(`no AWS credentials found for ${action}`, {
      hint: `set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "aws sso login"${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new UserError(`AWS rejected the credentials for ${action}: ${message || name}`, {
      hint: `check AWS_PROFILE / the access key${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  if (EXPIRED.has(name)) {
    return new UserError(`the AWS credentials have expired (${action})`, {
      hint: `refresh them (e.g. "aws sso login")${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  if (THROTTLED.has(name) || e.$metadata?.httpStatusCode === 429) {
    return new UserError(
      `AWS throttled ${action}${attempts ? ` after ${attempts} attempts` : ''}: ${message || name}`,
      {
        hint: 'wait a minute and retry, or raise AWS_MAX_ATTEMPTS',
        exitCode: EXIT.aws,
        cause: error,
      },
    );
  }
  if (/region is missing/i.test(message)) {
    return new UserError(`no AWS region for ${action}`, {
      hint: 'pass --region, or set AWS_REGION or a region in your AWS profile',
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  const endpoint = endpointOf(error);
  const at = endpoint ? ` at ${untrusted(endpoint, 80)}` : '';
  const network = `check the network, the proxy (HTTPS_PROXY, NO_PROXY) or AWS_ENDPOINT_URL settings`;
  if (error instanceof AwsDeadlineError) {
    return new UserError(`no answer from AWS for ${action}${at} within ${seconds(error.timeoutMs)}`, {
      hint: `${network}, or allow more time with --timeout or FARGATE_COST_TIMEOUT${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  const code = e.code ?? (error as {cause?: {code?: string}})?.cause?.code;
  if (
    code === 'ENOTFOUND' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'EPROTO' ||
    name === 'TimeoutError' ||
    code === 'EAI_AGAIN'
  ) {
    const connect = /did not establish a connection .* (\d+) ms/.exec(message);
    const idle = /timed out after (\d+) ms of inactivity/.exec(message);
    const detail = connect
      ? `no connection within ${seconds(Number(connect[1]))}`
      : idle
        ? `no answer for ${seconds(Number(idle[1]))}`
        : `${code ?? name}: ${message}`;
    return new UserError(`could not reach AWS for ${action}${at} (${detail})`, {
      hint: `${network}${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && e.$metadata?.requestId === undefined && (name === 'Unknown' || name === 'UnknownError')) {
    // AWS always sends a request id: an answer without one came from something in between (a proxy refusing CONNECT).
    return new UserError(`no answer from AWS for ${action}${at}: HTTP ${status} from something in between`, {
      hint: `${network}${offline}`,
      exitCode: EXIT.aws,
      cause: error,
    });
  }
  if (typeof e.$metadata === 'object') {
    // Any other service error (ClientException, InvalidParameterException, ...): AWS said why.
    return new UserError(`AWS refused ${action}: ${message || name}`, {exitCode: EXIT.aws, cause: error});
  }
  return error;
}

/** 60 s, 1.5 s, 250 ms. */
function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
