import {z} from 'zod';
import {
  catalogInfo,
  decimal,
  isoDate,
  isoTime,
  money,
  obj,
  planId,
  payment,
  rateKey,
  rateRef,
  sentences,
  strategyItem,
  term,
} from './common.js';

const workloadKind = z.enum(['service', 'batch']);
const riskSource = z.enum(['history', 'flag', 'default']);

const commitment = {
  commitmentPerHour: money,
  monthlyCost: money,
  monthlySavings: money,
  upfront: money,
  recurringMonthlyCost: money,
  utilization: decimal.nullable(),
  coverage: decimal.nullable(),
  hours: z.number().int(),
  totalCost: money,
  commitmentCost: money,
  usedCommitment: money,
  unusedCommitment: money,
  coveredOnDemandCost: money,
  uncoveredOnDemandCost: money,
  fixedCost: money,
};
const commitmentCost = obj(commitment);

const hourlySpend = obj({min: money, mean: money, max: money});

/** `fargate-cost compare --format json`: scenarios ranked, the recommended mix, each plan's analysis, Spot's risk. */
export const compareBody = obj({
  input: obj({
    kind: z.enum(['estimate', 'history']),
    description: z.string(),
    hours: z.number().int(),
    startMs: z.number().int().nullable(),
    monthHours: z.number().int(),
    components: z.array(
      obj({
        name: z.string(),
        kind: workloadKind,
        os: z.enum(['linux', 'windows']),
        spotTolerant: z.boolean(),
        strategy: obj({
          strategy: z.array(strategyItem),
          text: z.string(),
          source: z.enum(['flag', 'describe-services', 'history']),
          desiredCount: z.number().int(),
          fargateTasks: z.number().int(),
          fargateSpotTasks: z.number().int(),
        }).nullable(),
      }),
    ),
    startTime: isoTime.nullable(),
  }),
  scenarios: z.array(
    obj({
      rank: z.number().int().nullable(),
      id: z.string(),
      label: z.string(),
      kind: z.enum(['on-demand', 'as-configured', 'spot', 'savings-plan', 'commitment', 'recommended']),
      available: z.boolean(),
      reason: z.string().nullable(),
      plan: planId.nullable(),
      monthlyCost: money.nullable(),
      upfront: money.nullable(),
      savings: money.nullable(),
      savingsPercent: decimal.nullable(),
      commitmentPerHour: money.nullable(),
      utilization: decimal.nullable(),
      coverage: decimal.nullable(),
      spotMonthlyCost: money.nullable(),
      spotOverheadMonthlyCost: money.nullable(),
      expectedInterruptionsPerMonth: decimal.nullable(),
      riskNotes: sentences,
    }),
  ),
  recommendation: obj({
    plan: planId.nullable(),
    label: z.string(),
    commitmentPerHour: money,
    upfront: money,
    monthlyCost: money,
    onDemandMonthlyCost: money,
    savings: money,
    savingsPercent: decimal,
    utilization: decimal.nullable(),
    coverage: decimal.nullable(),
    spotMonthlyCost: money,
    spotOverheadMonthlyCost: money,
    expectedInterruptionsPerMonth: decimal.nullable(),
    parts: z.array(
      obj({
        component: z.string(),
        kind: workloadKind,
        placement: z.enum(['on-demand', 'spot', 'spot-with-on-demand-base']),
        strategy: z.string().nullable(),
        why: z.string(),
      }),
    ),
    arithmetic: z.array(obj({label: z.string(), formula: z.string(), monthlyCost: money})),
    notes: sentences,
  }),
  savingsPlans: z.array(
    obj({
      plan: planId,
      label: z.string(),
      term,
      payment,
      covered: z.array(
        obj({
          region: z.string(),
          dimension: rateKey,
          onDemandRate: money,
          savingsPlanRate: money,
          savingsPercent: decimal,
        }),
      ),
      missingRates: z.array(obj({region: z.string(), dimension: rateKey})),
      hourlyOnDemand: hourlySpend,
      peakCommitmentPerHour: money,
      exactCommitmentPerHour: money,
      noCommitment: z.boolean(),
      best: commitmentCost,
      atCommitment: commitmentCost.nullable(),
      curve: z.array(
        obj({
          commitmentPerHour: money,
          monthlyCost: money,
          utilization: decimal.nullable(),
          coverage: decimal.nullable(),
        }),
      ),
      lookbacks: z.array(
        obj({days: z.number().int(), exactCommitmentPerHour: money, hourlyOnDemand: hourlySpend, ...commitment}),
      ),
    }),
  ),
  spotRisk: obj({
    interruptionsPerTaskHour: decimal,
    interruptionSource: riskSource,
    evidence: obj({interruptions: z.number().int(), spotTaskHours: decimal}).nullable(),
    imagePullSeconds: decimal,
    imagePullSource: riskSource,
    ratesAsOf: isoDate.nullable(),
    ratesAgeDays: z.number().int().nullable(),
    windows: z.boolean(),
    components: z.array(
      obj({
        component: z.string(),
        kind: workloadKind,
        lostWorkSeconds: decimal,
        lostWorkSource: riskSource,
        overheadSeconds: decimal,
        overheadRatio: decimal,
      }),
    ),
  }),
  assumptions: obj({
    monthHours: z.number().int(),
    catalog: catalogInfo,
    rates: z.array(rateRef),
    notes: sentences,
    warnings: sentences,
  }),
});
