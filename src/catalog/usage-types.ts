import type {RateKey, RateTable, SpotRateKey} from '../model/types.js';

/**
 * The exact table from AWS usage types to catalog dimensions. Usage types are `<prefix>-<suffix>`
 * (`USE1-Fargate-vCPU-Hours:perCPU`); the prefix is the region's billing code and is matched by
 * position, the suffix by equality: never by substring.
 */
export const ON_DEMAND_SUFFIX: Readonly<Record<RateKey, string>> = {
  'linux-x86_64-vcpu': 'Fargate-vCPU-Hours:perCPU',
  'linux-x86_64-memory': 'Fargate-GB-Hours',
  'linux-arm64-vcpu': 'Fargate-ARM-vCPU-Hours:perCPU',
  'linux-arm64-memory': 'Fargate-ARM-GB-Hours',
  'windows-x86_64-vcpu': 'Fargate-Windows-vCPU-Hours:perCPU',
  'windows-x86_64-memory': 'Fargate-Windows-GB-Hours',
  'windows-x86_64-os-license': 'Fargate-Windows-OS-Hours:perCPU',
  storage: 'Fargate-EphemeralStorage-GB-Hours',
};

export const SPOT_SUFFIX: Readonly<Record<SpotRateKey, string>> = {
  'linux-x86_64-vcpu': 'SpotUsage-Fargate-vCPU-Hours:perCPU',
  'linux-x86_64-memory': 'SpotUsage-Fargate-GB-Hours',
  'linux-arm64-vcpu': 'SpotUsage-Fargate-ARM-vCPU-Hours:perCPU',
  'linux-arm64-memory': 'SpotUsage-Fargate-ARM-GB-Hours',
};

/** AmazonECS usage types that are known and deliberately not Fargate rates (EC2 metering at $0, ECS Anywhere). */
export const IGNORED_SUFFIXES: ReadonlySet<string> = new Set([
  'ECS-EC2-vCPU-Hours',
  'ECS-EC2-GB-Hours',
  'ECS-Anywhere-Instance-hours',
  'ECS-Anywhere-Instance-hours-WithFree',
]);

export const RATE_UNIT: Readonly<Record<RateKey, 'vCPU-Hours' | 'GB-Hours'>> = {
  'linux-x86_64-vcpu': 'vCPU-Hours',
  'linux-x86_64-memory': 'GB-Hours',
  'linux-arm64-vcpu': 'vCPU-Hours',
  'linux-arm64-memory': 'GB-Hours',
  'windows-x86_64-vcpu': 'vCPU-Hours',
  'windows-x86_64-memory': 'GB-Hours',
  'windows-x86_64-os-license': 'vCPU-Hours',
  storage: 'GB-Hours',
};

const onDemandBySuffix = new Map(Object.entries(ON_DEMAND_SUFFIX).map(([key, suffix]) => [suffix, key as RateKey]));
const spotBySuffix = new Map(Object.entries(SPOT_SUFFIX).map(([key, suffix]) => [suffix, key as SpotRateKey]));
const allSuffixes = [...onDemandBySuffix.keys(), ...spotBySuffix.keys(), ...IGNORED_SUFFIXES];

/** Splits `USE1-Fargate-GB-Hours` into prefix `USE1` and suffix; a usage type without a prefix has none. */
export function splitUsageType(usageType: string): {prefix: string | undefined; suffix: string} {
  if (allSuffixes.includes(usageType)) return {prefix: undefined, suffix: usageType};
  const dash = usageType.indexOf('-');
  if (dash <= 0) return {prefix: undefined, suffix: usageType};
  return {prefix: usageType.slice(0, dash), suffix: usageType.slice(dash + 1)};
}

export type UsageTypeClass =
  | {kind: 'on-demand'; key: RateKey; prefix: string | undefined}
  | {kind: 'spot'; key: SpotRateKey; prefix: string | undefined}
  | {kind: 'ignored'}
  | {kind: 'unknown'};

export function classifyUsageType(usageType: string): UsageTypeClass {
  const {prefix, suffix} = splitUsageType(usageType);
  const onDemand = onDemandBySuffix.get(suffix);
  if (onDemand) return {kind: 'on-demand', key: onDemand, prefix};
  const spot = spotBySuffix.get(suffix);
  if (spot) return {kind: 'spot', key: spot, prefix};
  if (IGNORED_SUFFIXES.has(suffix)) return {kind: 'ignored'};
  return {kind: 'unknown'};
}

/** The usage type AWS bills a dimension under. Savings Plans discount the On-Demand usage type. */
export function usageTypeFor(prefix: string, table: RateTable, key: RateKey): string {
  if (table === 'spot') {
    const suffix = SPOT_SUFFIX[key as SpotRateKey];
    if (!suffix) throw new Error(`no Spot usage type for ${key}`);
    return `${prefix}-${suffix}`;
  }
  return `${prefix}-${ON_DEMAND_SUFFIX[key]}`;
}
