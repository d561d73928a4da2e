export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Arch = (typeof ARCHITECTURES)[number];

export const OPERATING_SYSTEMS = ['linux', 'windows'] as const;
export type Os = (typeof OPERATING_SYSTEMS)[number];

/** A Fargate task's requested resources, in the units ECS uses. */
export interface TaskSize {
  /** CPU units: 1024 = 1 vCPU. */
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  /** Configured ephemeral storage; 20 GiB is included, only what is above is billed. */
  readonly storageGiB: number;
  readonly arch: Arch;
  readonly os: Os;
}

export const INCLUDED_STORAGE_GIB = 20;
export const MIN_BILLED_SECONDS: Record<Os, number> = {linux: 60, windows: 300};

/**
 * A priced dimension: what a catalog has a rate for. On-Demand, Spot and Savings Plan rates are all
 * keyed by it; the usage type string (`USE1-Fargate-vCPU-Hours:perCPU`) lives on the rate.
 */
export const RATE_KEYS = [
  'linux-x86_64-vcpu',
  'linux-x86_64-memory',
  'linux-arm64-vcpu',
  'linux-arm64-memory',
  'windows-x86_64-vcpu',
  'windows-x86_64-memory',
  'windows-x86_64-os-license',
  'storage',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export type Resource = 'vcpu' | 'memory' | 'os-license' | 'storage';

export function rateKeyOf(resource: Resource, arch: Arch, os: Os): RateKey {
  if (resource === 'storage') return 'storage';
  if (resource === 'os-license') return 'windows-x86_64-os-license';
  return `${os}-${arch}-${resource}` as RateKey;
}

/** The resource a rate key prices: rateKeyOf the other way round. */
export function resourceOf(key: RateKey): Resource {
  if (key === 'storage') return 'storage';
  if (key === 'windows-x86_64-os-license') return 'os-license';
  return key.endsWith('-vcpu') ? 'vcpu' : 'memory';
}

/** Rate keys a Spot rate may exist for (Linux compute only). */
export const SPOT_RATE_KEYS = [
  'linux-x86_64-vcpu',
  'linux-x86_64-memory',
  'linux-arm64-vcpu',
  'linux-arm64-memory',
] as const;
export type SpotRateKey = (typeof SPOT_RATE_KEYS)[number];

/** Rate keys a Compute Savings Plan discounts (vCPU and memory; not storage, not the OS licence). */
export const SAVINGS_PLAN_RATE_KEYS = [
  'linux-x86_64-vcpu',
  'linux-x86_64-memory',
  'linux-arm64-vcpu',
  'linux-arm64-memory',
  'windows-x86_64-vcpu',
  'windows-x86_64-memory',
] as const;
export type SavingsPlanRateKey = (typeof SAVINGS_PLAN_RATE_KEYS)[number];

export const TERMS = ['1y', '3y'] as const;
export type Term = (typeof TERMS)[number];
export const PAYMENTS = ['no', 'partial', 'all'] as const;
export type Payment = (typeof PAYMENTS)[number];

export type PlanId = `compute-${Term}-${Payment}-upfront`;
export const PLAN_IDS: readonly PlanId[] = TERMS.flatMap((term) =>
  PAYMENTS.map((payment) => `compute-${term}-${payment}-upfront` as PlanId),
);

export const TERM_HOURS: Record<Term, number> = {'1y': 8760, '3y': 26280};
/** Share of the whole term's commitment paid at purchase. AWS: Partial Upfront is at least half. */
export const UPFRONT_SHARE: Record<Payment, string> = {no: '0', partial: '0.5', all: '1'};

export type OptionId = 'on-demand' | 'spot' | `savings-plan-${PlanId}`;
export const OPTION_IDS: readonly OptionId[] = [
  'on-demand',
  'spot',
  ...PLAN_IDS.map((plan) => `savings-plan-${plan}` as OptionId),
];

export function planOf(option: OptionId): PlanId | undefined {
  return option.startsWith('savings-plan-') ? (option.slice('savings-plan-'.length) as PlanId) : undefined;
}

export function planParts(plan: PlanId): {term: Term; payment: Payment} {
  const [, term, payment] = plan.split('-') as [string, Term, Payment];
  return {term, payment};
}

export function optionLabel(option: OptionId): string {
  if (option === 'on-demand') return 'On-Demand';
  if (option === 'spot') return 'Fargate Spot';
  const {term, payment} = planParts(planOf(option)!);
  const paymentLabel = {no: 'No Upfront', partial: 'Partial Upfront', all: 'All Upfront'}[payment];
  return `Compute SP ${term === '1y' ? '1 yr' : '3 yr'} ${paymentLabel}`;
}

export type Confidence = 'published' | 'secondary' | 'estimated';

/** A catalog's rate tables: On-Demand, Fargate Spot, and one per Compute Savings Plan. */
export type RateTable = 'on-demand' | 'spot' | PlanId;
