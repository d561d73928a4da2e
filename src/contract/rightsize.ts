import {z} from 'zod';
import {CAPACITY_PROVIDERS} from '../model/strategy.js';
import {ARCHITECTURES, OPERATING_SYSTEMS} from '../model/types.js';
import {catalogInfo, decimal, isoTime, money, obj, rateRef} from './common.js';

const count = z.number().int();
const size = obj({
  cpu: count.meta({description: 'CPU units (1024 = 1 vCPU)'}),
  memory: count.meta({description: 'MiB'}),
});
const percentiles = obj({
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});
const usage = (unit: string) =>
  obj({
    reserved: z.number().meta({description: `the current reservation, ${unit}`}),
    used: percentiles.meta({description: `nearest-rank percentiles of the samples, ${unit}`}),
    ratio: percentiles.meta({description: 'the same, as a share of the reservation (0.1 = 10%), to 4 decimal places'}),
  });

export const RIGHTSIZE_REASONS = ['shrink', 'keep', 'tight', 'grow', 'exceeds-largest', 'thin-data'] as const;

/** `fargate-cost rightsize --format json`: per service (or task family), its use, the smallest size that holds it, and the saving. */
export const rightsizeBody = obj({
  rule: obj({
    cpuPercentile: z.enum(['p50', 'p90', 'p95', 'p99', 'max']),
    memory: z.literal('max'),
    headroom: decimal.meta({description: 'a fraction: required = judged use x (1 + headroom)'}),
    minimumDays: count,
    maxMissingShare: decimal.meta({description: 'the largest share of expected sample points that may be missing'}),
    maxGapMinutes: count,
    text: z.string().meta({description: 'the rule, in words'}),
  }),
  strategy: z.array(obj({provider: z.enum(CAPACITY_PROVIDERS), base: count, weight: count})),
  hoursPerMonth: count,
  storageGiB: count.meta({
    description: 'the ephemeral storage priced (Container Insights does not say; 20 GiB is included)',
  }),
  recommendations: z.array(
    obj({
      name: z.string().meta({
        description:
          'the service name, or the task family where the samples name no service (the cluster name, from a bill without a service tag)',
      }),
      by: z.enum(['service', 'family', 'cluster']),
      cluster: z.string(),
      region: z.string(),
      os: z.enum(OPERATING_SYSTEMS),
      arch: z.enum(ARCHITECTURES),
      current: size.meta({description: "the latest sample's reservation"}),
      currentIsFargateSize: z.boolean(),
      otherReservations: z.array(size).meta({description: 'other reservations seen in the window'}),
      recommended: size,
      reason: obj({code: z.enum(RIGHTSIZE_REASONS), text: z.string()}),
      judged: obj({cpu: z.number(), memory: z.number()}).meta({
        description: 'the figures the rule judged: CPU at rule.cpuPercentile, memory at its maximum',
      }),
      required: obj({cpu: decimal, memory: decimal}).meta({description: 'judged x (1 + headroom), exact'}),
      cpu: usage('CPU units'),
      memory: usage('MiB'),
      samples: obj({
        basis: z.enum(['task-events', 'metrics', 'bill-hours']).meta({
          description:
            'one sample a task a minute (performance log events), a metric point, or a task-hour of the bill (split cost allocation data)',
        }),
        memoryPeak: z.enum(['task-sample', 'period-maximum', 'period-average', 'hourly-average']).meta({
          description:
            "what memory's maximum is the maximum of; period-average and hourly-average are averages, which hide short peaks (a task is killed by a peak)",
        }),
        count,
        tasks: count.meta({description: 'distinct task ids (0 for metrics)'}),
        from: isoTime,
        to: isoTime,
        periodSeconds: count,
        expectedPoints: count,
        observedPoints: count,
        longestGapMinutes: z.number(),
        averageTasks: decimal.meta({
          description: 'mean running tasks over the span: the task count the saving is priced at',
        }),
        tasksKnown: z.boolean().meta({description: 'false when metrics gave no RunningTaskCount: priced at 1 task'}),
        thin: z.array(z.enum(['short-span', 'gaps', 'few-samples'])),
      }),
      mix: obj({onDemand: decimal, spot: decimal}).meta({
        description: 'shares of task-hours on FARGATE and FARGATE_SPOT',
      }),
      currentHourly: money.meta({description: 'a task-hour of the current size at the mix'}),
      recommendedHourly: money,
      currentMonthly: money.meta({description: 'hourly x averageTasks x hoursPerMonth'}),
      recommendedMonthly: money,
      monthlySaving: money.meta({description: 'current minus recommended (negative when growing)'}),
      arm64: obj({
        recommended: size,
        hourly: money,
        monthly: money,
        monthlySaving: money.meta({description: 'current (as run) minus the recommended size on arm64'}),
        extraSaving: money.meta({description: 'what arm64 adds to the recommendation'}),
        assumption: z.string(),
      })
        .nullable()
        .meta({description: 'the recommended size on arm64 (Graviton); null for Windows or tasks already on arm64'}),
      arm64Unavailable: z.enum(['windows', 'already-arm64']).nullable(),
      computeOptimizer: obj({
        serviceArn: z.string(),
        finding: z
          .string()
          .meta({description: 'Optimized, Underprovisioned or Overprovisioned, as Compute Optimizer gives it'}),
        findingReasonCodes: z.array(z.string()),
        current: size.meta({description: 'the size Compute Optimizer saw the service at'}),
        best: obj({
          recommended: size,
          monthlySavings: money.nullable().meta({
            description: "Compute Optimizer's estimated monthly saving of this option, as given (null when not given)",
          }),
          currency: z.string().nullable(),
        })
          .nullable()
          .meta({description: 'its best option (the first); null when it gives none'}),
        lookbackDays: z.number(),
        agreement: z.enum(['same-size', 'smaller', 'larger', 'other', 'no-option']).meta({
          description: 'its best size against this recommendation: the same, smaller or larger in both, or other',
        }),
      })
        .nullable()
        .optional()
        .meta({
          description:
            "Compute Optimizer's recommendation of the same service (name, cluster, region), when it was asked; null when it has none for this service or family; absent when it was not asked",
        }),
    }),
  ),
  totals: obj({currentMonthly: money, recommendedMonthly: money, monthlySaving: money}),
  skipped: z.record(z.string(), count).meta({
    description:
      'input records skipped, by reason (other-type, not-fargate, not-fargate-size; the bill: unknown-size, no-actual-usage)',
  }),
  assumptions: obj({catalog: catalogInfo, rates: z.array(rateRef)}),
  computeOptimizer: obj({
    source: z.enum(['live', 'file']),
    unmatched: z
      .array(obj({serviceArn: z.string(), name: z.string(), cluster: z.string().nullable(), finding: z.string()}))
      .meta({description: "Compute Optimizer's services that match no recommendation here"}),
    differences: z.array(z.string()).meta({description: 'why its recommendations and these can differ'}),
  })
    .optional()
    .meta({
      description: 'when Compute Optimizer was asked: where its recommendations came from, and what did not match',
    }),
});
