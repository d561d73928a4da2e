import {pricesDiff} from '../../app/prices-diff.js';
import {jsonMeta} from '../json-meta.js';
import {renderPricesDiff} from '../../report/prices-diff.js';
import {readCatalogRef} from '../../sources/pricing/catalog-store.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import type {PricesDiffFlags} from './prices.js';

/** A report: exit 0 whatever changed; only an unreadable or invalid catalog fails. */
export async function runPricesDiff(
  a: string,
  b: string | undefined,
  flags: PricesDiffFlags,
  io: CliIo,
): Promise<void> {
  const [from, to] = await Promise.all([
    readCatalogRef(a, io.env, io.now()),
    readCatalogRef(b ?? flags.catalog, io.env, io.now()),
  ]);
  io.stdout.write(
    renderPricesDiff(
      pricesDiff(from, to, io.now()),
      flags.format,
      styleFor(io, flags.color),
      terminalWidth(io),
      await jsonMeta(io),
    ),
  );
}
