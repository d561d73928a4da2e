import {pricesRefresh} from '../../app/prices-refresh.js';
import {jsonMeta} from '../json-meta.js';
import {validateCatalog} from '../../catalog/parse.js';
import {EXIT, UserError} from '../../errors.js';
import {renderPricesRefresh, type RefreshOutput} from '../../report/prices-refresh.js';
import {cachedCatalogPath, shownCatalogPath} from '../../sources/catalog-file.js';
import {previousPath, readCatalogRef, writeCatalogFile} from '../../sources/pricing/catalog-store.js';
import {pricingEndpointRegion} from '../../sources/pricing/clients.js';
import {fetchRegions} from '../../sources/pricing/fetch.js';
import {readSpotFeed} from '../../sources/pricing/spot-feed-file.js';
import {liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {withProgress} from '../progress.js';
import type {PricesRefreshFlags} from './prices.js';
import {parseRegionList} from './prices-show-action.js';

const WHAT = 'refreshed catalog';

/**
 * Base catalog -> fetch (the only network I/O) -> pure refresh -> validate -> atomic write. Any
 * failure before the final rename leaves every file as it was.
 */
export async function runPricesRefresh(flags: PricesRefreshFlags, io: CliIo): Promise<void> {
  const all = flags.regions?.trim().toLowerCase() === 'all';
  const asked = all ? undefined : parseRegionList(flags.regions);
  if (asked !== undefined && asked.length === 0)
    throw new UserError('--regions names no region', {
      hint: 'e.g. --regions us-east-1,eu-west-1, or --regions all',
      exitCode: EXIT.usage,
    });
  if (flags.spotDate !== undefined && flags.spotPrices === undefined) {
    throw new UserError('--spot-date dates the prices of --spot-prices FILE, which is missing', {exitCode: EXIT.usage});
  }
  // Checked before anything is read or fetched.
  if (flags.pricingRegion !== undefined) pricingEndpointRegion(flags.pricingRegion, undefined);

  const base = await readCatalogRef(flags.catalog, io.env, io.now());
  const spotFeed = flags.spotPrices === undefined ? undefined : await readSpotFeed(flags.spotPrices, flags.spotDate);
  const aws = await liveAwsOptions(io.env, flags);
  const fetched = await withProgress(io, flags.quiet, 'refreshing prices', (progress) =>
    fetchRegions(all ? 'all' : (asked ?? base.regions), {
      ...aws,
      pricingRegion: flags.pricingRegion,
      onCall: progress?.awsCall,
      onProgress: progress && (({regions, of}) => progress.update({regions, totalRegions: of})),
    }),
  );
  const result = pricesRefresh({
    base,
    fetched: fetched.fetched,
    spotFeed,
    pricingEndpointRegion: fetched.pricingEndpointRegion,
    now: io.now(),
  });

  let output: RefreshOutput;
  if (flags.dryRun) {
    validateCatalog(result.catalog, WHAT);
    output = {path: null, previousPath: null, diffCommand: null};
  } else {
    const cached = cachedCatalogPath(io.env);
    const path = flags.out ?? cached;
    const written = await writeCatalogFile(path, result.catalog, {keepPrevious: true, what: WHAT});
    const shown = (file: string) => shownCatalogPath(file, io.env);
    const name = (file: string) =>
      file === cached ? 'cached' : file === previousPath(cached) ? 'previous' : shown(file);
    // The base's origin names it as output shows it; the keywords name the catalogs the tool keeps.
    const baseName =
      base.origin.kind === 'embedded'
        ? 'embedded'
        : base.origin.kind === 'cache'
          ? 'cached'
          : base.origin.path === shown(previousPath(cached))
            ? 'previous'
            : base.origin.path;
    output = {
      path: shown(written.path),
      previousPath: written.previousPath === null ? null : shown(written.previousPath),
      diffCommand: `${written.previousPath === null ? baseName : name(written.previousPath)} ${name(path)}`,
    };
  }
  io.stdout.write(
    renderPricesRefresh(result, output, flags.format, styleFor(io, flags.color), terminalWidth(io), await jsonMeta(io)),
  );
}
