import type {Conversion} from '../model/currency.js';
import type {JsonMeta} from '../report/json.js';
import {VERSION} from '../version.js';
import type {CliIo} from './io.js';

/** The envelope every JSON output carries: the tool's version and the time of the run, from the CLI's clock. */
export function jsonMeta(io: Pick<CliIo, 'now'>, conversion?: Conversion): JsonMeta {
  return {version: VERSION, generatedAt: io.now().toISOString(), ...(conversion ? {conversion} : {})};
}
