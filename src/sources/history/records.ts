import type {TaskRecord} from '../../model/task-record.js';
import type {Arch, Os} from '../../model/types.js';
import {parseCpu, parseMemory} from '../../sizing/parse.js';
import {untrustedValue} from '../../errors.js';
import {RecordError, timestampMs} from './timestamps.js';

/**
 * Turns what a history holds into task records: a DescribeTasks `Task` (AWS CLI v1 or v2 output,
 * or an SDK object), an EventBridge "ECS Task State Change" event (its `detail` is a Task), and the
 * containers they come in (describe-tasks output, JSON arrays, CloudWatch Logs `filter-log-events`
 * output of archived events).
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const TASK_STATE_CHANGE = 'ECS Task State Change';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function arnRegion(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  // arn:aws:ecs:<region>:<account>:...
  const start = arn.indexOf(':', arn.indexOf(':', 4) + 1) + 1;
  const end = arn.indexOf(':', start);
  if (start <= 0 || end < 0) return undefined;
  const region = arn.slice(start, end);
  return REGION.test(region) ? region : undefined;
}

function clusterOf(taskArn: string, clusterArn: unknown): string | undefined {
  // New-style task ARNs name the cluster: task/<cluster>/<id>; old ones are task/<id>.
  const at = taskArn.indexOf(':task/');
  if (at >= 0) {
    const rest = taskArn.slice(at + 6);
    const slash = rest.indexOf('/');
    if (slash > 0) return rest.slice(0, slash);
  }
  if (typeof clusterArn === 'string') {
    const c = clusterArn.indexOf(':cluster/');
    if (c >= 0) return clusterArn.slice(c + 9);
  }
  return undefined;
}

function taskDefinitionOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const at = arn.indexOf('task-definition/');
  return at >= 0 ? arn.slice(at + 'task-definition/'.length) : arn;
}

function units(value: unknown, field: 'cpu' | 'memory'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'string') {
    try {
      return field === 'cpu' ? parseCpu(value, 'ecs') : parseMemory(value, 'ecs');
    } catch {
      // reported below
    }
  }
  throw new RecordError(
    `${field} ${untrustedValue(value)} is not a number of ${field === 'cpu' ? 'CPU units' : 'MiB'}`,
  );
}

function storageOf(task: Json, overrides: Json | undefined): number {
  const candidates = [overrides?.['ephemeralStorage'], task['ephemeralStorage'], task['fargateEphemeralStorage']];
  for (const candidate of candidates) {
    if (!isObject(candidate) || candidate['sizeInGiB'] === undefined) continue;
    const size = candidate['sizeInGiB'];
    if (typeof size === 'number' && Number.isInteger(size) && size >= 0) return size;
    if (typeof size === 'string' && /^\d+$/.test(size)) return Number(size);
    throw new RecordError(`ephemeralStorage.sizeInGiB ${untrustedValue(size)} is not a whole number of GiB`);
  }
  return 20;
}

function archOf(attributes: unknown): Arch {
  if (!Array.isArray(attributes)) return 'x86_64';
  for (const attribute of attributes) {
    if (isObject(attribute) && attribute['name'] === 'ecs.cpu-architecture')
      return attribute['value'] === 'arm64' ? 'arm64' : 'x86_64';
  }
  return 'x86_64';
}

function osOf(platformFamily: unknown): Os {
  return typeof platformFamily === 'string' && platformFamily.toLowerCase().startsWith('windows') ? 'windows' : 'linux';
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Normalizes one ECS `Task` (or an event's `detail`). `envelopeRegion`: the event's region. */
export function taskRecordOf(task: Json, envelopeRegion?: string): TaskRecord {
  const taskArn = task['taskArn'];
  if (typeof taskArn !== 'string' || taskArn === '') throw new RecordError('the task has no taskArn');
  const overrides = isObject(task['overrides']) ? task['overrides'] : undefined;
  const version = task['version'];
  return {
    taskArn,
    region:
      arnRegion(taskArn) ??
      arnRegion(task['clusterArn']) ??
      (envelopeRegion !== undefined && REGION.test(envelopeRegion) ? envelopeRegion : undefined),
    cluster: clusterOf(taskArn, task['clusterArn']),
    group: text(task['group']),
    taskDefinition: taskDefinitionOf(task['taskDefinitionArn']),
    launchType: text(task['launchType']),
    capacityProvider: text(task['capacityProviderName']),
    cpuUnits: units(overrides?.['cpu'] ?? task['cpu'], 'cpu'),
    memoryMiB: units(overrides?.['memory'] ?? task['memory'], 'memory'),
    storageGiB: storageOf(task, overrides),
    arch: archOf(task['attributes']),
    os: osOf(task['platformFamily']),
    lastStatus: text(task['lastStatus']),
    stopCode: text(task['stopCode']),
    version: typeof version === 'number' && Number.isFinite(version) ? version : undefined,
    updatedAtMs: timestampMs(task['updatedAt'], 'updatedAt'),
    pullStartedAtMs: timestampMs(task['pullStartedAt'], 'pullStartedAt'),
    pullStoppedAtMs: timestampMs(task['pullStoppedAt'], 'pullStoppedAt'),
    startedAtMs: timestampMs(task['startedAt'], 'startedAt'),
    executionStoppedAtMs: timestampMs(task['executionStoppedAt'], 'executionStoppedAt'),
    stoppedAtMs: timestampMs(task['stoppedAt'], 'stoppedAt'),
  };
}

/** An item of a history: a task record, or 'ignored' for EventBridge events of other kinds. */
export function recordOf(item: unknown): TaskRecord | 'ignored' {
  if (!isObject(item))
    throw new RecordError(
      `expected an ECS task or event object, found ${Array.isArray(item) ? 'an array' : untrustedValue(item)}`,
    );
  const detail = item['detail'];
  if (isObject(detail) && (item['detail-type'] !== undefined || item['source'] !== undefined)) {
    // Deployment, service-action and container-instance events share the stream: not task runs.
    if (item['detail-type'] !== TASK_STATE_CHANGE) return 'ignored';
    return taskRecordOf(detail, typeof item['region'] === 'string' ? item['region'] : undefined);
  }
  if (typeof item['taskArn'] === 'string') return taskRecordOf(item);
  throw new RecordError('not an ECS task (no taskArn) nor an EventBridge "ECS Task State Change" event');
}

/** True when a value is one item (a task or an event) rather than a container of items. */
export function isItem(value: unknown): boolean {
  return isObject(value) && (value['detail'] !== undefined || value['taskArn'] !== undefined);
}

/**
 * The items a container holds, with a label per item for messages; undefined when the value is not
 * a history shape at all.
 */
export function itemsOf(value: unknown): {items: readonly unknown[]; label: (index: number) => string} | undefined {
  if (Array.isArray(value)) return {items: value, label: (i) => `item ${i + 1}`};
  if (!isObject(value)) return undefined;
  if (Array.isArray(value['tasks'])) return {items: value['tasks'], label: (i) => `tasks[${i}]`};
  const events = value['events'];
  if (Array.isArray(events) && events.every((event) => isObject(event) && typeof event['message'] === 'string')) {
    // `aws logs filter-log-events` / `get-log-events` output: each message is one archived event.
    return {
      items: events.map((event, i) => {
        try {
          return JSON.parse((event as Json)['message'] as string) as unknown;
        } catch {
          return new RecordError(`events[${i}].message is not JSON`);
        }
      }),
      label: (i) => `events[${i}]`,
    };
  }
  return undefined;
}
