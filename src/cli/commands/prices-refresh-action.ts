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
import {fetchPublicRegions, publicUrls} from '../../sources/pricing/public/fetch.js';
import {readAwsProfile} from '../../sources/aws/shared-config.js';
import {startDeadline} from '../../sources/aws/http.js';
import type {RegionFetch} from '../../catalog/refresh.js';
import type {SpotFeedParse} from '../../catalog/spot-feed.js';
import {awsTimeoutMs, liveAwsOptions} from '../aws.js';
import {type CliIo, styleFor, terminalWidth} from '../io.js';
import {withProgress} from '../progress.js';
import type {PricesRefreshFlags} from './prices.js';
import {parseRegionList} from './prices-show-action.js';

const WHAT = 'refreshed catalog';

export type RefreshSource = 'api' | 'public';

/** Variables by which the SDK's default chain finds credentials without a network call. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

/**
 * --source: public or api as given; auto (the default) is api when credentials are configured where
 * the SDK's default chain looks first, without a network call (credential variables, --profile or
 * AWS_PROFILE, a profile section in the shared files), else public. Instance metadata is not
 * probed: on a machine with only an instance role, say --source api.
 */
export async function chooseSource(flags: PricesRefreshFlags, env: NodeJS.ProcessEnv): Promise<RefreshSource> {
  const given = flags.source?.trim().toLowerCase() ?? 'auto';
  if (given !== 'auto' && given !== 'api' && given !== 'public')
    throw new UserError(`--source "${flags.source}" is not auto, public or api`, {exitCode: EXIT.usage});
  if (given === 'public') {
    if (flags.profile !== undefined || flags.pricingRegion !== undefined)
      throw new UserError(
        `${flags.profile !== undefined ? '--profile' : '--pricing-region'} is for --source api; the public files need no credentials`,
        {exitCode: EXIT.usage},
      );
    return 'public';
  }
  if (given === 'api') return 'api';
  if (flags.profile !== undefined || flags.pricingRegion !== undefined) return 'api';
  // The SDK reads the process's own environment: what it would find counts, as well as what the command was given.
  const seen = {...process.env, ...env};
  if (CREDENTIAL_VARIABLES.some((name) => Boolean(seen[name]))) return 'api';
  return (await readAwsProfile(seen, undefined)).found ? 'api' : 'public';
}

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
  const source = await chooseSource(flags, io.env);
  if (flags.pricingRegion !== undefined) pricingEndpointRegion(flags.pricingRegion, undefined);
  const urls = source === 'public' ? publicUrls(io.env) : undefined;

  const base = await readCatalogRef(flags.catalog, io.env, io.now());
  let spotFeed = flags.spotPrices === undefined ? undefined : await readSpotFeed(flags.spotPrices, flags.spotDate);
  const regions = all ? 'all' : (asked ?? base.regions);
  let fetched: readonly RegionFetch[];
  let endpoint: string;
  if (urls) {
    const timeoutMs = awsTimeoutMs(io.env, flags.timeout);
    const publicFetch = await withProgress(
      io,
      flags.quiet,
      'refreshing prices from the public offer files',
      (progress) =>
        fetchPublicRegions(regions, {
          urls,
          deadline: startDeadline(timeoutMs),
          retrievedOn: io.now().toISOString().slice(0, 10),
          skipSpotFeed: spotFeed !== undefined,
          onRequest: progress?.awsCall,
          onProgress: progress && (({regions: done, of}) => progress.update({regions: done, totalRegions: of})),
        }),
    );
    fetched = publicFetch.fetched;
    endpoint = publicFetch.host;
    spotFeed ??= publicFetch.spotFeed satisfies SpotFeedParse | undefined;
  } else {
    const aws = await liveAwsOptions(io.env, flags);
    const apiFetch = await withProgress(io, flags.quiet, 'refreshing prices', (progress) =>
      fetchRegions(regions, {
        ...aws,
        pricingRegion: flags.pricingRegion,
        onCall: progress?.awsCall,
        onProgress: progress && (({regions: done, of}) => progress.update({regions: done, totalRegions: of})),
      }),
    );
    fetched = apiFetch.fetched;
    endpoint = apiFetch.pricingEndpointRegion;
  }
  const result = pricesRefresh({
    base,
    fetched,
    spotFeed,
    pricingEndpointRegion: endpoint,
    now: io.now(),
    source,
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
