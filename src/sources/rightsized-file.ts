import {z} from 'zod';
import type {RightsizedSize} from '../model/rightsize.js';
import {EXIT, UserError, untrusted} from '../errors.js';
import {readJson} from './files.js';

/** `compare --rightsized FILE`: the sizes of a saved `fargate-cost rightsize --format json`. */

const size = z.object({cpu: z.number().int().positive(), memory: z.number().int().positive()});
const recommendation = z.object({
  name: z.string().max(512),
  by: z.enum(['service', 'family', 'cluster']),
  cluster: z.string().max(512),
  region: z.string().max(64).nullable(),
  current: size,
  recommended: size,
  reason: z.object({code: z.string().max(64)}),
});
const document = z.object({kind: z.literal('rightsize'), recommendations: z.array(recommendation)});

const HINT = 'save one with: fargate-cost rightsize EVENTS --format json > rightsized.json';

export function parseRightsized(json: unknown, shownAs: string): RightsizedSize[] {
  const parsed = document.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new UserError(
      `${untrusted(shownAs)} is not fargate-cost rightsize JSON output: ${untrusted(`${path}: ${issue.message}`, 160)}`,
      {hint: HINT, exitCode: EXIT.input},
    );
  }
  return parsed.data.recommendations.map((r) => ({
    name: r.name,
    by: r.by,
    cluster: r.cluster,
    region: r.region,
    current: r.current,
    recommended: r.recommended,
    reason: r.reason.code,
  }));
}

export async function readRightsized(path: string): Promise<RightsizedSize[]> {
  return parseRightsized(await readJson(path, path), path);
}
