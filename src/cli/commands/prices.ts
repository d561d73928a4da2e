import type {Command} from 'commander';
import type {CliIo} from '../io.js';
import {addColorOption, addFormatOption, addQuietOption, inputPath, TIMEOUT_FLAG, TIMEOUT_HELP} from '../options.js';

export interface PricesShowFlags {
  region?: string;
  catalog?: string;
  verbose?: boolean;
  format: 'table' | 'json' | 'csv' | 'markdown';
  color?: boolean;
}

export interface PricesDiffFlags {
  catalog?: string;
  format: 'table' | 'json' | 'csv' | 'markdown';
  color?: boolean;
}

export interface PricesRefreshFlags {
  source?: string;
  regions?: string;
  out?: string;
  catalog?: string;
  spotPrices?: string;
  spotDate?: string;
  pricingRegion?: string;
  profile?: string;
  timeout?: string;
  dryRun?: boolean;
  quiet?: boolean;
  format: 'table' | 'json' | 'csv' | 'markdown';
  color?: boolean;
}

const CATALOG_HELP =
  'price catalog: a file, or embedded, cached, previous (default: the refreshed one in the cache, else the embedded snapshot)';

export function registerPrices(program: Command, io: CliIo): void {
  const prices = program.command('prices').summary('the price catalog: where every rate comes from, and how old it is');

  const show = prices
    .command('show')
    .summary('every rate of the catalog with its unit, usage type, source, date and confidence')
    .option('--region <list>', 'only these regions (comma-separated)')
    .option('--catalog <file>', CATALOG_HELP, inputPath)
    .option('--verbose', 'add how each estimated rate was derived, and notes');
  addFormatOption(show);
  addColorOption(show);
  show.action(async (flags: PricesShowFlags) => {
    const {runPricesShow} = await import('./prices-show-action.js');
    await runPricesShow(flags, io);
  });

  const diff = prices
    .command('diff')
    .summary('what changed between two catalogs, by region and dimension, with percentages')
    .argument('<a>', 'the old catalog: a file, or embedded, cached, previous', inputPath)
    .argument('[b]', 'the new catalog (default: --catalog, else the one every command uses)', inputPath)
    .option('--catalog <file>', CATALOG_HELP, inputPath);
  addFormatOption(diff);
  addColorOption(diff);
  diff.action(async (a: string, b: string | undefined, flags: PricesDiffFlags) => {
    const {runPricesDiff} = await import('./prices-diff-action.js');
    await runPricesDiff(a, b, flags, io);
  });

  const refresh = prices
    .command('refresh')
    .summary("fetch today's On-Demand, Savings Plan and Spot rates from AWS and save them as the catalog")
    .description(
      "Fetch each region's On-Demand and Compute Savings Plan rates, validate the whole new catalog, and write it atomically to the " +
        "cache directory (the replaced one is kept as catalog.json.previous). --source public reads AWS's public Price List offer " +
        'files and the Fargate Spot feed over HTTPS, with no credentials (FARGATE_COST_PRICE_LIST_URL and FARGATE_COST_SPOT_FEED_URL ' +
        'point elsewhere, e.g. a mirror); --source api calls pricing:GetProducts and savingsplans:DescribeSavingsPlansOfferingRates, ' +
        'and keeps Spot rates unless --spot-prices is given. The default, auto, is api when AWS credentials are configured ' +
        '(environment, --profile or AWS_PROFILE, a default profile), else public.',
    )
    .option('--source <source>', 'where rates come from: auto, public (no credentials) or api (default: auto)')
    .option(
      '--regions <list>',
      'regions to fetch, comma-separated, or "all" (default: the regions of the current catalog)',
    )
    .option('--out <file>', 'write here instead of the cache directory', inputPath)
    .option('--catalog <file>', `the catalog to refresh; ${CATALOG_HELP.replace(/^price catalog: /, '')}`, inputPath)
    .option(
      '--spot-prices <file>',
      'a saved copy of the Fargate Spot price feed (fargate-spot-prices.json) of the AWS pricing page',
      inputPath,
    )
    .option('--spot-date <date>', "the date of those Spot prices, YYYY-MM-DD (default: the feed's source:version)")
    .option(
      '--pricing-region <region>',
      'Price List API endpoint: us-east-1, eu-central-1 or ap-south-1 (default: the configured region if one of them, else us-east-1)',
    )
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE)')
    .option(TIMEOUT_FLAG, TIMEOUT_HELP)
    .option('--dry-run', 'fetch and validate, print the report, write nothing');
  addFormatOption(refresh);
  addColorOption(refresh);
  addQuietOption(refresh);
  refresh.action(async (flags: PricesRefreshFlags) => {
    const {runPricesRefresh} = await import('./prices-refresh-action.js');
    await runPricesRefresh(flags, io);
  });

  prices
    .command('snapshot')
    .summary('(maintainers) rebuild the embedded data/catalog.json from data/sources/')
    .option('--sources <dir>', 'folder with the maintained price sources', inputPath, 'data/sources')
    .option('--out <file>', 'where to write the catalog', inputPath, 'data/catalog.json')
    .option('--generated-at <iso>', 'timestamp to record (default: now)')
    .action(async (flags: {sources: string; out: string; generatedAt?: string}) => {
      const {runSnapshotCommand} = await import('./prices-snapshot.js');
      await runSnapshotCommand(flags, io);
    });
}
