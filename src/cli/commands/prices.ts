import type {Command} from 'commander';
import type {CliIo} from '../io.js';

export function registerPrices(program: Command, io: CliIo): void {
  const prices = program.command('prices').summary('the price catalog: where every rate comes from, and how old it is');
  prices
    .command('snapshot')
    .summary('(maintainers) rebuild the embedded data/catalog.json from data/sources/')
    .option('--sources <dir>', 'folder with the maintained price sources', 'data/sources')
    .option('--out <file>', 'where to write the catalog', 'data/catalog.json')
    .option('--generated-at <iso>', 'timestamp to record (default: now)')
    .action(async (flags: {sources: string; out: string; generatedAt?: string}) => {
      const {runSnapshotCommand} = await import('./prices-snapshot.js');
      await runSnapshotCommand(flags, io);
    });
}
