import {z} from 'zod';
import {EXIT, UserError, untrusted} from '../../errors.js';
import {type Dec, dec, isDecimalString} from '../../money/decimal.js';
import type {EcsRecommendationOption, EcsServiceRecommendation} from '../../model/compute-optimizer.js';
import {readJson} from '../files.js';

/**
 * Compute Optimizer's GetECSServiceRecommendations response (the SDK's output, or a saved
 * `aws compute-optimizer get-ecs-service-recommendations --output json`) as rightsizing data. The
 * service's size is `currentServiceConfiguration.cpu/memory` (CPU units, MiB); each option's is its
 * own `cpu/memory` (its `containerRecommendations` split it among the containers), the options in
 * the order Compute Optimizer ranks them, best first. Money is read exactly: a JSON number as the
 * shortest decimal that is that number (what the SDK and the CLI print), a string as written.
 */

const HINT = 'save it with "aws compute-optimizer get-ecs-service-recommendations --output json"';

const size = z.number().int().min(0).max(10_000_000);
const figure = z.union([z.number(), z.string().max(64)]).optional();
const optionSchema = z.object({
  cpu: size,
  memory: size,
  savingsOpportunity: z
    .object({
      savingsOpportunityPercentage: figure,
      estimatedMonthlySavings: z.object({currency: z.string().max(16).optional(), value: figure}).optional(),
    })
    .optional(),
});
const recommendationSchema = z.object({
  serviceArn: z.string().min(1).max(2048),
  finding: z.string().max(64).optional(),
  findingReasonCodes: z.array(z.string().max(64)).max(100).optional(),
  currentServiceConfiguration: z.object({cpu: size, memory: size}),
  serviceRecommendationOptions: z.array(optionSchema).max(100).optional(),
  lookbackPeriodInDays: z.number().min(0).max(10_000).optional(),
});
const responseSchema = z.object({ecsServiceRecommendations: z.array(recommendationSchema)});

export function parseEcsServiceRecommendations(
  json: unknown,
  origin: string,
  source: 'live' | 'file' = 'file',
): EcsServiceRecommendation[] {
  const what = source === 'file' ? `${origin} is not get-ecs-service-recommendations output` : origin;
  const fail = (message: string): never => {
    throw new UserError(
      `${what}: ${message}`,
      source === 'file' ? {hint: HINT, exitCode: EXIT.input} : {exitCode: EXIT.aws},
    );
  };
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(untrusted(`${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`, 160));
  }
  return parsed.data.ecsServiceRecommendations.map((recommendation, i): EcsServiceRecommendation => {
    const where = `ecsServiceRecommendations.${i}`;
    const decimal = (value: number | string | undefined, field: string): Dec | null => {
      if (value === undefined || value === '') return null;
      const text = typeof value === 'number' ? String(value) : value;
      if (!isDecimalString(text)) return fail(`${where}.${field} "${untrusted(text, 30)}" is not a decimal number`);
      return dec(text);
    };
    const options = (recommendation.serviceRecommendationOptions ?? []).map(
      (option, j): EcsRecommendationOption => ({
        cpu: option.cpu,
        memory: option.memory,
        savingsOpportunity: {
          monthlySavings: decimal(
            option.savingsOpportunity?.estimatedMonthlySavings?.value,
            `serviceRecommendationOptions.${j}.savingsOpportunity.estimatedMonthlySavings.value`,
          ),
          currency: option.savingsOpportunity?.estimatedMonthlySavings?.currency ?? null,
          percentage: decimal(
            option.savingsOpportunity?.savingsOpportunityPercentage,
            `serviceRecommendationOptions.${j}.savingsOpportunity.savingsOpportunityPercentage`,
          ),
        },
      }),
    );
    const {name, cluster} = serviceOfArn(recommendation.serviceArn);
    return {
      serviceArn: recommendation.serviceArn,
      name,
      cluster,
      finding: recommendation.finding ?? 'Unknown',
      findingReasonCodes: recommendation.findingReasonCodes ?? [],
      current: {
        cpu: recommendation.currentServiceConfiguration.cpu,
        memory: recommendation.currentServiceConfiguration.memory,
      },
      options,
      lookbackDays: recommendation.lookbackPeriodInDays ?? 0,
    };
  });
}

/**
 * The service name and cluster of a service ARN: `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>`
 * (the long format), or `.../service/<name>` (the old one, no cluster). Anything else is its own name.
 */
export function serviceOfArn(arn: string): {name: string; cluster: string | null} {
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  if (parts[0] !== 'service' || parts.length < 2) return {name: arn, cluster: null};
  return parts.length >= 3 ? {name: parts.slice(2).join('/'), cluster: parts[1]!} : {name: parts[1]!, cluster: null};
}

/** A saved `aws compute-optimizer get-ecs-service-recommendations --output json`. */
export async function readEcsServiceRecommendationsFile(
  path: string,
  shownAs: string = path,
): Promise<EcsServiceRecommendation[]> {
  return parseEcsServiceRecommendations(await readJson(path, shownAs), shownAs, 'file');
}
