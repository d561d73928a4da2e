import type {Conversion} from '../model/currency.js';
import type {JsonMeta} from '../report/json.js';
import {VERSION} from '../version.js';
import type {CliIo} from './io.js';

/**
 * The envelope every JSON output carries: the tool's version and the time of the run, from the CLI's
 * clock; with a conversion, its converter (the contract's schemas load only then).
 */
export async function jsonMeta(io: Pick<CliIo, 'now'>, conversion?: Conversion): Promise<JsonMeta> {
  const base = {version: VERSION, generatedAt: io.now().toISOString()};
  if (!conversion) return base;
  const {withConverted} = await import('../contract/convert.js');
  return {...base, conversion, convert: withConverted};
}
