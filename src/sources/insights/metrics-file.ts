import {readJson} from '../files.js';
import {type ParsedMetricData, parseMetricData} from './metrics.js';

/** Reads saved get-metric-data output and the query file that made it. */
export async function readMetricDataFiles(outputPath: string, queryPath: string): Promise<ParsedMetricData> {
  const [output, query] = await Promise.all([readJson(outputPath), readJson(queryPath)]);
  return parseMetricData(output, query, outputPath);
}
