import {assembleCatalog} from '../../catalog/assemble.js';
import {UserError} from '../../errors.js';
import {writeCatalogFile} from '../../sources/pricing/catalog-store.js';
import {readSnapshotSources} from '../../sources/price-snapshot.js';
import type {CliIo} from '../io.js';

/**
 * Rebuilds the embedded snapshot through assembleCatalog, validateCatalog and writeCatalogFile:
 * the same path `prices refresh` takes, so the two can never disagree in shape.
 */
export async function runSnapshotCommand(
  flags: {sources: string; out: string; generatedAt?: string},
  io: CliIo,
): Promise<void> {
  const generatedAt = flags.generatedAt ?? io.now().toISOString();
  if (Number.isNaN(Date.parse(generatedAt)))
    throw new UserError(`--generated-at "${generatedAt}" is not an ISO timestamp`, {exitCode: 2});
  const input = await readSnapshotSources(flags.sources);
  const report = assembleCatalog({
    ...input,
    generatedAt: new Date(generatedAt).toISOString(),
    generatedBy: `fargate-cost prices snapshot (${flags.sources})`,
  });
  // The snapshot lives in git, which keeps its history: no .previous next to it.
  await writeCatalogFile(flags.out, report.catalog, {keepPrevious: false, what: 'snapshot catalog'});
  const regions = Object.keys(report.catalog.regions).length;
  io.stderr.write(
    `wrote ${flags.out}: ${regions} regions, ${report.estimated} estimated rates, ${report.superseded.length} superseded entries\n`,
  );
}
