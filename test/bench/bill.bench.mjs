// `history FILE.parquet` over a synthetic CUR 2.0 export (scripts/bill-bench-data.mjs: Fargate vCPU and
// memory line items, 1% other services) against the floor: a bare read of the same file with the same
// library (hyparquet), the same columns, row group by row group, every value touched. Three measurements,
// each run in its own process, BENCH_BILL_RUNS times (default 3), medians:
//   bare    hyparquet alone: the columns the reader reads (columnsRead), decoded a row group at a time
//   reader  readBillFiles over the file, counting lines
//   cli     `node dist/cli/main.js history FILE --format json > /dev/null`: reader, ledger, result, report
// Wall time (the whole process, Node's start included), CPU time (user + system, steadier on a busy
// machine) and peak RSS (process.resourceUsage().maxRSS) of each, and the ratios to the bare read.
// BENCH_BILL_LINES sets the sizes (default 1000000; 1000000,2000000 shows memory does not grow with
// the file). The exports are written once to the OS temp directory (cachedBenchCur) and kept.
import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {cachedBenchCur} from '../../scripts/bill-bench-data.mjs';
import {bin, fmt, root} from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const [mode, file, out] = process.argv.slice(2);

function report(outPath, lines) {
  const cpu = process.cpuUsage();
  writeFileSync(
    outPath,
    JSON.stringify({lines, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024}),
  );
}

/** The floor: hyparquet decoding the reader's columns a row group at a time, every value touched. */
async function bare(path, outPath) {
  const {asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema} = await import('hyparquet');
  const {compressors} = await import('hyparquet-compressors');
  const {columnsRead, layoutOf} = await import(`${root}dist/sources/bill/columns.js`);
  const asyncFile = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(asyncFile);
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  const columns = columnsRead(header, layoutOf(header, path));
  // The reader's timestamps as numbers, as it asks for them (Dates would cost the floor more).
  const parsers = {
    timestampFromMilliseconds: (millis) => Number(millis),
    timestampFromMicroseconds: (micros) => Number(micros / 1000n),
    timestampFromNanoseconds: (nanos) => Number(nanos / 1_000_000n),
    dateFromDays: (days) => days * 86_400_000,
  };
  let touched = 0;
  const touch = (value) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') touched += value.length;
    else if (typeof value === 'number') touched += value > 0 ? 1 : 0;
    else if (typeof value === 'object') {
      for (const key in value) {
        touched += key.length;
        touch(value[key]);
      }
    } else touched++;
  };
  let rowStart = 0;
  let lines = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    await parquetRead({
      file: asyncFile,
      metadata,
      columns,
      rowStart,
      rowEnd,
      compressors,
      parsers,
      onChunk: ({columnName, columnData}) => {
        for (let i = 0; i < columnData.length; i++) touch(columnData[i]);
        if (columnName === columns[0]) lines += columnData.length;
      },
    });
    rowStart = rowEnd;
  }
  if (touched === 0) throw new Error('nothing read');
  report(outPath, lines);
}

async function reader(path, outPath) {
  const {readBillFiles} = await import(`${root}dist/sources/bill/read.js`);
  let lines = 0;
  for await (const batch of readBillFiles([path])) lines += batch.length;
  report(outPath, lines);
}

/** The CLI in this process (stdout to /dev/null), its figures written on exit. */
async function cli(path, outPath) {
  process.on('exit', () => report(outPath, null));
  process.argv = [process.argv[0], bin, 'history', path, '--format', 'json'];
  await import(pathToFileURL(bin).href);
}

function once(workerMode, path) {
  const outPath = join(tmpdir(), `fargate-cost-bill-bench-${process.pid}-${workerMode}.json`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [self, workerMode, path, outPath], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${workerMode} exited ${result.status}`);
  const figures = JSON.parse(readFileSync(outPath, 'utf8'));
  rmSync(outPath, {force: true});
  return {...figures, seconds};
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function measure(workerMode, path, runs) {
  const samples = Array.from({length: runs}, () => once(workerMode, path));
  return {
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    maxRssMB: Math.max(...samples.map((s) => s.maxRssMB)),
    lines: samples[0].lines,
  };
}

async function main() {
  const runs = Number(process.env.BENCH_BILL_RUNS ?? 3);
  const sizes = (process.env.BENCH_BILL_LINES ?? '1000000').split(',').map(Number);
  for (const count of sizes) {
    const started = process.hrtime.bigint();
    const path = cachedBenchCur(count);
    const made = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `${count.toLocaleString('en-US')} line items: ${fmt(statSync(path).size / 1e6, 0)} MB Parquet (${path}, ready in ${fmt(made, 1)} s); medians of ${runs} runs`,
    );
    const bareRun = measure('bare', path, runs);
    const readerRun = measure('reader', path, runs);
    const cliRun = measure('cli', path, runs);
    if (bareRun.lines !== count || readerRun.lines !== count) {
      throw new Error(`read ${bareRun.lines} (bare) and ${readerRun.lines} (reader) of ${count} lines`);
    }
    const line = (name, r) =>
      `  ${name.padEnd(30)} wall ${fmt(r.seconds, 2).padStart(6)} s = ${fmt(r.seconds / bareRun.seconds, 2)} x  CPU ${fmt(r.cpuSeconds, 2).padStart(6)} s = ${fmt(r.cpuSeconds / bareRun.cpuSeconds, 2)} x  ${fmt(count / r.seconds / 1000, 0).padStart(5)}k lines/s  peak RSS ${fmt(r.maxRssMB, 0)} MB`;
    console.log(line('bare hyparquet read', bareRun));
    console.log(line('readBillFiles (reader)', readerRun));
    console.log(line('history --format json (CLI)', cliRun));
  }
}

// Last, so every constant above is initialized.
if (mode === 'bare') await bare(file, out);
else if (mode === 'reader') await reader(file, out);
else if (mode === 'cli') await cli(file, out);
else await main();
