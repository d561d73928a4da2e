import type {Readable} from 'node:stream';
import type {JsonPath} from '../../../catalog/offer-files.js';
import {untrusted} from '../../../errors.js';

/** A small file (an index) read whole; anything larger than this is not one. */
const MAX_SMALL_BYTES = 32 * 1024 * 1024;

/** The body is not the JSON expected: the reason in a few words. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
}

/** Reads a small JSON body whole. Throws BodyError when it is cut short, too large or not JSON. */
export async function readSmallJson(body: Readable): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > MAX_SMALL_BYTES) {
        body.destroy();
        throw new BodyError(`larger than ${MAX_SMALL_BYTES / 1024 / 1024} MB`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError(
      `the connection failed while reading (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(`not JSON, or cut short after ${size} bytes`);
  }
}

/**
 * Streams a JSON body through @streamparser/json, calling `onValue` for each value at one of
 * `paths` (JSONPath-like, `$.a.*.b`); values not asked for are never assembled, and emitted ones
 * are not kept (keepStack false), so memory stays with what `onValue` keeps. Resolves when the
 * document is complete; a body cut short, trailing garbage or bad JSON is a BodyError.
 */
export async function streamJson(
  body: Readable,
  paths: readonly string[],
  onValue: (path: JsonPath, value: unknown) => void,
): Promise<{bytes: number}> {
  const {JSONParser} = await import('@streamparser/json');
  const parser = new JSONParser({paths: [...paths], keepStack: false});
  let failure: Error | undefined;
  let complete = false;
  let bytes = 0;
  parser.onValue = ({value, key, stack}) => {
    if (failure) return;
    try {
      const path: (string | number)[] = [];
      for (let i = 1; i < stack.length; i++) path.push(stack[i]!.key as string | number);
      if (key !== undefined) path.push(key);
      onValue(path, value);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  };
  parser.onError = (error) => {
    failure ??= new BodyError(untrusted(error.message, 160));
  };
  parser.onEnd = () => {
    complete = true;
  };
  try {
    for await (const chunk of body) {
      if (complete && (chunk as Buffer).toString('utf8').trim() !== '')
        throw new BodyError('data after the end of the document');
      bytes += (chunk as Buffer).length;
      if (!complete) parser.write(chunk as Buffer);
      if (failure) {
        body.destroy();
        throw failure;
      }
    }
  } catch (error) {
    if (error instanceof BodyError || error === failure) throw error;
    throw new BodyError(
      `the connection failed while reading (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!complete) throw new BodyError(`cut short after ${bytes} bytes (the JSON document is not complete)`);
  return {bytes};
}
