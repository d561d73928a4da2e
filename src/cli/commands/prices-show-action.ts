import {pricesShow} from '../../app/prices-show.js';
import {jsonMeta} from '../json-meta.js';
import {renderPricesShow} from '../../report/prices-show.js';
import {readCatalogRef} from '../../sources/pricing/catalog-store.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {parseRegionFlag} from '../options.js';
import type {PricesShowFlags} from './prices.js';

/** A comma-separated region list, each checked like --region. */
export function parseRegionList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => parseRegionFlag(part)!),
    ),
  ];
}

export async function runPricesShow(flags: PricesShowFlags, io: CliIo): Promise<void> {
  const regions = parseRegionList(flags.region);
  const catalog = await readCatalogRef(flags.catalog, io.env, io.now());
  const result = pricesShow({catalog, regions, now: io.now()});
  io.stdout.write(
    renderPricesShow(
      result,
      flags.format,
      styleFor(io, flags.color),
      flags.verbose ?? false,
      terminalWidth(io),
      await jsonMeta(io),
    ),
  );
}
