import {EXIT, UserError, untrusted, untrustedValue} from '../errors.js';
import {MAX_TASK_COUNT} from '../model/schedule.js';
import {
  type ClusterDefault,
  type Known,
  known,
  type RawStrategy,
  type ServiceItem,
  type TaskDefinitionItem,
  type TaskDefinitionLink,
  type TaskSetItem,
  unknown,
  type WorkloadSet,
} from '../model/workload-set.js';
import {API, isObject, type Json, literal, readSetDefinition, regionFromArn} from './task-definition.js';

/**
 * Reads `terraform show -json` output, of a plan or of a state (Terraform's "JSON Output Format",
 * format_version 1.x), into workload sets: `aws_ecs_task_definition`, `aws_ecs_service`,
 * `aws_ecs_task_set`, and the clusters' default strategies (`aws_ecs_cluster_capacity_providers`,
 * `aws_ecs_cluster`).
 *
 * Names are addresses as Terraform writes them (`module.api.aws_ecs_service.this[0]`). A value
 * unknown until apply (a plan's `after_unknown`) stays unknown. When a service's `task_definition`
 * is unknown (a new revision's ARN), the configuration's `references` are followed to the task
 * definition: through module variables (`var.x` to the module call's expression, resolved in the
 * calling module), module outputs and `count`/`for_each` instances (an index the reference does not
 * name is the referring instance's own). Terraform's JSON leaves out local values; a reference through
 * one is followed to the only task definition of the service's own module instance, when it has
 * exactly one.
 */

const TYPES = [
  'aws_ecs_task_definition',
  'aws_ecs_service',
  'aws_ecs_task_set',
  'aws_ecs_cluster',
  'aws_ecs_cluster_capacity_providers',
] as const;

/** A resource instance of interest, one side of a plan or a state. */
interface Instance {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** The module instance path (`module.a["x"].module.b`); '' for the root. */
  readonly module: string;
  /** The module path without instance keys, as the configuration names it: ['a', 'b']. */
  readonly moduleCalls: readonly string[];
  /** Each module instance's key, in order (undefined: no count/for_each). */
  readonly moduleKeys: readonly (string | number | undefined)[];
  readonly key: string | number | undefined;
  readonly values: Json;
  /** The plan's after_unknown for this instance ({} for known values). */
  readonly unknown: Json;
}

/** True when `document` looks like `terraform show -json` output. */
export function isTerraformJson(document: unknown): document is Json {
  return (
    isObject(document) &&
    typeof document['format_version'] === 'string' &&
    ('planned_values' in document ||
      'resource_changes' in document ||
      'values' in document ||
      'prior_state' in document)
  );
}

export function isTerraformPlan(document: Json): boolean {
  return 'resource_changes' in document || 'planned_values' in document;
}

// --- addresses -------------------------------------------------------------------------------------

interface Step {
  readonly name: string;
  readonly key: string | number | undefined;
}

/** Splits an address into its dot-separated steps, each with its `[key]` (a number or a quoted string). */
function stepsOf(address: string): Step[] | undefined {
  const steps: Step[] = [];
  const NAME = /[A-Za-z0-9_-]+/y;
  const NUMBER_KEY = /\[(\d+)\]/y;
  const STRING_KEY = /\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < address.length) {
    NAME.lastIndex = i;
    const match = NAME.exec(address);
    if (!match) return undefined;
    const name = match[0];
    i += name.length;
    let key: string | number | undefined;
    if (address[i] === '[') {
      NUMBER_KEY.lastIndex = i;
      STRING_KEY.lastIndex = i;
      const numberKey = NUMBER_KEY.exec(address);
      const stringKey = numberKey ? null : STRING_KEY.exec(address);
      if (numberKey) {
        key = Number(numberKey[1]);
        i += numberKey[0].length;
      } else if (stringKey) {
        try {
          key = JSON.parse(stringKey[1]!) as string;
        } catch {
          return undefined;
        }
        i += stringKey[0].length;
      } else {
        // A key that is not a constant (`[each.key]`, `[count.index]`): the step has no fixed key.
        const close = address.indexOf(']', i);
        if (close < 0) return undefined;
        i = close + 1;
      }
    }
    steps.push({name, key});
    if (i < address.length) {
      if (address[i] !== '.') return undefined;
      i++;
    }
  }
  return steps;
}

const keyText = (key: string | number | undefined) =>
  key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;

function moduleText(calls: readonly string[], keys: readonly (string | number | undefined)[]): string {
  return calls.map((call, i) => `module.${call}${keyText(keys[i])}`).join('.');
}

function instanceOf(raw: Json, values: Json, unknownValues: Json): Instance | undefined {
  const address = raw['address'];
  const type = raw['type'];
  if (typeof address !== 'string' || typeof type !== 'string') return undefined;
  if (!(TYPES as readonly string[]).includes(type) || raw['mode'] !== 'managed') return undefined;
  const steps = stepsOf(address);
  if (!steps || steps.length < 2) return undefined;
  const resource = steps.slice(-2);
  const modules = steps.slice(0, -2);
  if (modules.length % 2 !== 0) return undefined;
  const moduleCalls: string[] = [];
  const moduleKeys: (string | number | undefined)[] = [];
  for (let m = 0; m < modules.length; m += 2) {
    if (modules[m]!.name !== 'module' || modules[m]!.key !== undefined) return undefined;
    moduleCalls.push(modules[m + 1]!.name);
    moduleKeys.push(modules[m + 1]!.key);
  }
  if (resource[0]!.name !== type) return undefined;
  return {
    address,
    type,
    name: resource[1]!.name,
    module: moduleText(moduleCalls, moduleKeys),
    moduleCalls,
    moduleKeys,
    key: resource[1]!.key,
    values,
    unknown: unknownValues,
  };
}

// --- reading the sides -----------------------------------------------------------------------------

/** Every resource of a module tree (`values.root_module` of a state, `planned_values.root_module`), walked without recursion. */
function moduleResources(root: unknown): Instance[] {
  const found: Instance[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const module = stack.pop();
    if (!isObject(module)) continue;
    const resources = module['resources'];
    if (Array.isArray(resources)) {
      for (const resource of resources) {
        if (!isObject(resource)) continue;
        const values = isObject(resource['values']) ? resource['values'] : {};
        const instance = instanceOf(resource, values, {});
        if (instance) found.push(instance);
      }
    }
    const children = module['child_modules'];
    // Reversed onto the stack, so modules are read in the order the file lists them.
    if (Array.isArray(children)) stack.push(...[...children].reverse());
  }
  return found;
}

function changeResources(changes: unknown, side: 'before' | 'after'): Instance[] {
  if (!Array.isArray(changes)) return [];
  const found: Instance[] = [];
  for (const change of changes) {
    if (!isObject(change) || change['deposed'] !== undefined || !isObject(change['change'])) continue;
    const values = change['change'][side];
    if (!isObject(values)) continue;
    const unknownValues = side === 'after' ? change['change']['after_unknown'] : undefined;
    const instance = instanceOf(change, values, isObject(unknownValues) ? unknownValues : {});
    if (instance) found.push(instance);
  }
  return found;
}

function checkFormat(document: Json, path: string): void {
  const version = document['format_version'];
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) {
    throw new UserError(
      `${path}: format_version ${untrustedValue(version)} of terraform show -json is not one this tool reads (1.x)`,
      {hint: 'save it with "terraform show -json PLANFILE" (or with no file, for the state) from Terraform 1.x'},
    );
  }
}

function notTerraform(path: string): never {
  throw new UserError(`${path} is not terraform show -json output: it has no format_version and resources`, {
    hint: 'save a plan with "terraform plan -out=tfplan && terraform show -json tfplan > plan.json"',
  });
}

/**
 * A plan's two sides, as workload sets: `before` (the resources as they are, from each change's
 * `before`) and `after` (as they will be, with `after_unknown` values unknown). What `diff plan.json`
 * compares.
 */
export function readTerraformPlanSides(document: unknown, path: string): {before: WorkloadSet; after: WorkloadSet} {
  if (!isTerraformJson(document)) notTerraform(path);
  checkFormat(document, path);
  if (document['resource_changes'] === undefined && document['planned_values'] === undefined) {
    throw new UserError(`${path} is a Terraform state, not a plan: it has no before and after to compare`, {
      hint: 'give it as BASE or HEAD beside another input (fargate-cost diff state.json plan.json), or diff a plan alone',
      exitCode: EXIT.usage,
    });
  }
  const config = new Configuration(document['configuration']);
  const region = config.providerRegion();
  const changes = document['resource_changes'];
  const planned = isObject(document['planned_values']) ? document['planned_values']['root_module'] : undefined;
  const after = Array.isArray(changes) ? changeResources(changes, 'after') : moduleResources(planned);
  const prior = isObject(document['prior_state']) ? document['prior_state']['values'] : undefined;
  const before = Array.isArray(changes)
    ? changeResources(changes, 'before')
    : moduleResources(isObject(prior) ? prior['root_module'] : undefined);
  return {
    before: buildSet(before, new Configuration(undefined), path, 'terraform-plan', region),
    after: buildSet(after, config, path, 'terraform-plan', region),
  };
}

/** A plan's planned side, or a state, as a workload set. */
export function readTerraform(document: unknown, path: string): WorkloadSet {
  if (!isTerraformJson(document)) notTerraform(path);
  checkFormat(document, path);
  if (isTerraformPlan(document)) return readTerraformPlanSides(document, path).after;
  const values = document['values'];
  const resources = moduleResources(isObject(values) ? values['root_module'] : undefined);
  return buildSet(resources, new Configuration(undefined), path, 'terraform-state', undefined);
}

// --- configuration and references ------------------------------------------------------------------

/** The `configuration` of a plan: resources' expressions, module calls, outputs. */
class Configuration {
  constructor(private readonly root: unknown) {}

  providerRegion(): string | undefined {
    if (!isObject(this.root)) return undefined;
    const providers = this.root['provider_config'];
    if (!isObject(providers)) return undefined;
    const aws = providers['aws'];
    if (!isObject(aws) || !isObject(aws['expressions'])) return undefined;
    const region = aws['expressions']['region'];
    const value = isObject(region) ? region['constant_value'] : undefined;
    return typeof value === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(value) ? value : undefined;
  }

  /** The configuration of a module (by its calls from the root), or undefined. */
  module(calls: readonly string[]): Json | undefined {
    if (!isObject(this.root)) return undefined;
    let module: unknown = this.root['root_module'];
    for (const call of calls) {
      if (!isObject(module) || !isObject(module['module_calls'])) return undefined;
      const called = Object.hasOwn(module['module_calls'], call) ? module['module_calls'][call] : undefined;
      module = isObject(called) ? called['module'] : undefined;
    }
    return isObject(module) ? module : undefined;
  }

  /** A resource's expression of one attribute, or undefined when the configuration does not set it. */
  expression(instance: Instance, attribute: string): Json | undefined {
    const resources = this.module(instance.moduleCalls)?.['resources'];
    if (!Array.isArray(resources)) return undefined;
    const resource = resources.find(
      (item) => isObject(item) && item['address'] === `${instance.type}.${instance.name}` && item['mode'] === 'managed',
    );
    if (!isObject(resource) || !isObject(resource['expressions'])) return undefined;
    const expressions = resource['expressions'];
    const expression = Object.hasOwn(expressions, attribute) ? expressions[attribute] : undefined;
    return isObject(expression) || Array.isArray(expression) ? (expression as Json) : undefined;
  }

  /** Whether the configuration is present at all (a state has none). */
  get present(): boolean {
    return isObject(this.root) && isObject(this.root['root_module']);
  }
}

const referencesOf = (expression: unknown): string[] =>
  isObject(expression) && Array.isArray(expression['references'])
    ? expression['references'].filter((item): item is string => typeof item === 'string')
    : [];

const MAX_DEPTH = 16;

/** Where a reference is read: a module instance and the key of the instance that refers. */
interface Scope {
  readonly calls: readonly string[];
  readonly keys: readonly (string | number | undefined)[];
  readonly key: string | number | undefined;
}

/**
 * The resource instances of `type` a list of references reaches; `local` is set when one went through a
 * local value (which Terraform's JSON leaves out).
 */
function resolve(
  references: readonly string[],
  scope: Scope,
  type: string,
  instances: readonly Instance[],
  config: Configuration,
  depth = 0,
): {found: Set<string>; local: boolean} {
  const found = new Set<string>();
  let local = false;
  if (depth > MAX_DEPTH) return {found, local};
  const here = moduleText(scope.calls, scope.keys);
  for (const reference of references) {
    const steps = stepsOf(reference);
    if (!steps || steps.length === 0) continue;
    const [first, second, third] = steps;
    if (first!.name === 'local') {
      local = true;
    } else if (first!.name === 'var' && second && scope.calls.length > 0) {
      // A module variable: the module call's expression, read in the calling module.
      const parentCalls = scope.calls.slice(0, -1);
      const call = config.module(parentCalls)?.['module_calls'];
      const called = isObject(call) ? call[scope.calls[scope.calls.length - 1]!] : undefined;
      const expressions = isObject(called) ? called['expressions'] : undefined;
      const expression =
        isObject(expressions) && Object.hasOwn(expressions, second.name) ? expressions[second.name] : undefined;
      const inner = resolve(
        referencesOf(expression),
        {calls: parentCalls, keys: scope.keys.slice(0, -1), key: scope.keys[scope.keys.length - 1]},
        type,
        instances,
        config,
        depth + 1,
      );
      for (const address of inner.found) found.add(address);
      local ||= inner.local;
    } else if (first!.name === 'module' && second && third) {
      // A child module's output: its expression, read in the child module instance.
      const outputs = config.module([...scope.calls, second.name])?.['outputs'];
      const output = isObject(outputs) && Object.hasOwn(outputs, third.name) ? outputs[third.name] : undefined;
      const childKey = second.key ?? scope.key;
      const inner = resolve(
        referencesOf(isObject(output) ? output['expression'] : undefined),
        {calls: [...scope.calls, second.name], keys: [...scope.keys, second.key ?? undefined], key: childKey},
        type,
        instances,
        config,
        depth + 1,
      );
      // A child module with count/for_each: keep the instances under the key the reference names (or its own).
      for (const address of inner.found) found.add(address);
      local ||= inner.local;
    } else if (first!.name === type && second) {
      const candidates = instances.filter(
        (instance) =>
          instance.type === type &&
          instance.name === second.name &&
          (instance.module === here || sameModuleIgnoringKeys(instance, scope)),
      );
      const named = second.key;
      const pick =
        named !== undefined
          ? candidates.filter((instance) => instance.key === named)
          : candidates.length === 1
            ? candidates
            : candidates.filter((instance) => instance.key === scope.key);
      // Prefer the module instance the reference is read in.
      const inModule = pick.filter((instance) => instance.module === here);
      for (const instance of inModule.length > 0 ? inModule : pick.length === 1 ? pick : [])
        found.add(instance.address);
    }
  }
  return {found, local};
}

/** A module instance matched by its calls, where the scope does not fix a key (a module output read from outside). */
function sameModuleIgnoringKeys(instance: Instance, scope: Scope): boolean {
  if (instance.moduleCalls.length !== scope.calls.length) return false;
  return instance.moduleCalls.every(
    (call, i) => call === scope.calls[i] && (scope.keys[i] === undefined || scope.keys[i] === instance.moduleKeys[i]),
  );
}

function scopeOf(instance: Instance): Scope {
  return {calls: instance.moduleCalls, keys: instance.moduleKeys, key: instance.key};
}

// --- values ----------------------------------------------------------------------------------------

const isUnknown = (instance: Instance, attribute: string) => instance.unknown[attribute] === true;

/** An optional attribute: unknown when the plan says so and the configuration sets it; null when not set. */
function attribute(instance: Instance, attribute: string, config: Configuration): Known<unknown> {
  if (isUnknown(instance, attribute)) {
    // Optional-and-computed attributes (launch_type) are unknown in a plan even when the configuration leaves them out.
    if (config.present && config.expression(instance, attribute) === undefined) return known(null);
    return unknown('after-apply');
  }
  const value = instance.values[attribute];
  return known(value === undefined ? null : value);
}

function describe(instance: Instance, path: string): string {
  return `${path}: ${untrusted(instance.address, 120)}`;
}

function wholeNumber(value: unknown, what: string, max: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new UserError(`${where}: ${what} is ${untrustedValue(value)}, not a whole number from 0 to ${max}`);
  }
  return value;
}

function strategyOf(value: unknown, where: string, attributeName: string): RawStrategy | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) {
    throw new UserError(`${where}: ${attributeName} is ${untrustedValue(value)}, not a list of blocks`);
  }
  return value.map((item, i) => {
    const at = `${where}: ${attributeName}[${i}]`;
    if (!isObject(item)) throw new UserError(`${at} is ${untrustedValue(item)}, not a block`);
    const provider = item['capacity_provider'];
    if (typeof provider !== 'string')
      throw new UserError(`${at}.capacity_provider is ${untrustedValue(provider)}, not text`);
    return {
      provider,
      base: item['base'] === undefined || item['base'] === null ? 0 : wholeNumber(item['base'], 'base', 100_000, at),
      weight:
        item['weight'] === undefined || item['weight'] === null ? 0 : wholeNumber(item['weight'], 'weight', 1000, at),
    };
  });
}

function knownStrategy(
  instance: Instance,
  name: string,
  config: Configuration,
  where: string,
): Known<RawStrategy | null> {
  const value = attribute(instance, name, config);
  if (!value.known) return value;
  // A block list with an unknown item (after_unknown: [{"weight": true}]) is unknown as a whole.
  const unknownItems = instance.unknown[name];
  if (
    Array.isArray(unknownItems) &&
    unknownItems.some((item) => isObject(item) && Object.values(item).includes(true))
  ) {
    return unknown('after-apply');
  }
  return known(strategyOf(value.value, where, name));
}

const firstBlock = (value: unknown): Json | undefined =>
  Array.isArray(value) && isObject(value[0]) ? value[0] : isObject(value) ? value : undefined;

/** A string value, or undefined (not set, not text). */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `arn:...:cluster/NAME` or NAME: the cluster's name. */
function clusterName(value: string): string {
  const slash = value.lastIndexOf('/');
  return value.startsWith('arn:') && slash >= 0 ? value.slice(slash + 1) : value;
}

// --- task definitions ------------------------------------------------------------------------------

const TASK_FIELDS = [
  'cpu',
  'memory',
  'runtime_platform',
  'ephemeral_storage',
  'container_definitions',
  'requires_compatibilities',
  'network_mode',
] as const;

function taskDefinitionItem(instance: Instance, path: string, region: string | undefined): TaskDefinitionItem {
  const where = describe(instance, path);
  const values = instance.values;
  const family = text(values['family']) ?? null;
  const arn = text(values['arn']) ?? null;
  const unknownFields = TASK_FIELDS.filter((field) => isUnknown(instance, field));
  const base = {name: instance.address, family, arn};
  if (unknownFields.length > 0) {
    return {...base, spec: null, unknown: unknownFields, unknownWhy: 'after-apply', notFargate: null};
  }
  const platform = firstBlock(values['runtime_platform']);
  const storage = firstBlock(values['ephemeral_storage']);
  let containers: unknown;
  const containerText = values['container_definitions'];
  if (typeof containerText === 'string') {
    try {
      containers = JSON.parse(containerText);
    } catch {
      throw new UserError(`${where}: container_definitions is not valid JSON text`, {
        hint: 'Terraform writes it as the JSON of the container definitions (jsonencode)',
      });
    }
  }
  const volumes = Array.isArray(values['volume']) ? values['volume'] : [];
  // The ECS API's names, so the one reader of task definitions reads it.
  const def: Json = {
    family: values['family'],
    cpu: values['cpu'],
    memory: values['memory'],
    networkMode: values['network_mode'],
    requiresCompatibilities: values['requires_compatibilities'],
    runtimePlatform: platform
      ? {cpuArchitecture: platform['cpu_architecture'], operatingSystemFamily: platform['operating_system_family']}
      : undefined,
    ephemeralStorage: storage ? {sizeInGiB: storage['size_in_gib'] ?? undefined} : undefined,
    containerDefinitions: Array.isArray(containers) ? containers : [],
    inferenceAccelerators: values['inference_accelerator'],
    volumes: volumes.map((volume) =>
      isObject(volume) && typeof volume['host_path'] === 'string' ? {host: {sourcePath: volume['host_path']}} : {},
    ),
  };
  const read = readSetDefinition(
    def,
    API,
    {where, source: `${path}#${instance.address}`, resolve: literal},
    instance.address,
    regionFromArn(arn) ?? region,
  );
  return {...base, spec: read.spec, unknown: [], unknownWhy: null, notFargate: read.notFargate};
}

/** A service's or task set's `task_definition`: by value (ARN, family:revision, family), else by references. */
function linkTaskDefinition(
  instance: Instance,
  taskDefinitions: readonly TaskDefinitionItem[],
  instances: readonly Instance[],
  config: Configuration,
): TaskDefinitionLink {
  const value = instance.values['task_definition'];
  if (!isUnknown(instance, 'task_definition')) {
    const ref = text(value);
    if (ref === undefined) return {kind: 'none'};
    const byValue = taskDefinitions.find((item) => matchesTaskDefinition(item, ref, instances));
    return byValue ? {kind: 'item', name: byValue.name, via: 'value'} : {kind: 'outside', ref};
  }
  const resolved = resolve(
    referencesOf(config.expression(instance, 'task_definition')),
    scopeOf(instance),
    'aws_ecs_task_definition',
    instances,
    config,
  );
  if (resolved.found.size === 1) return {kind: 'item', name: [...resolved.found][0]!, via: 'reference'};
  if (resolved.found.size === 0 && resolved.local) {
    const own = taskDefinitions.filter((item) =>
      instances.some((other) => other.address === item.name && other.module === instance.module),
    );
    if (own.length === 1) return {kind: 'item', name: own[0]!.name, via: 'module'};
  }
  return {kind: 'unknown', why: 'after-apply'};
}

function matchesTaskDefinition(item: TaskDefinitionItem, ref: string, instances: readonly Instance[]): boolean {
  if (item.arn !== null && item.arn === ref) return true;
  if (item.family === null) return false;
  const revision = instances.find((instance) => instance.address === item.name)?.values['revision'];
  const familyRevision = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 16) : ref;
  if (ref.startsWith('arn:') && !ref.includes(':task-definition/')) return false;
  if (familyRevision === item.family) return true;
  return typeof revision === 'number' && familyRevision === `${item.family}:${revision}`;
}

// --- clusters --------------------------------------------------------------------------------------

function clusterDefaultOf(
  service: Instance,
  instances: readonly Instance[],
  config: Configuration,
  path: string,
): ClusterDefault {
  const associations = instances.filter((instance) => instance.type === 'aws_ecs_cluster_capacity_providers');
  const clusters = instances.filter((instance) => instance.type === 'aws_ecs_cluster');
  const strategyFor = (holder: Instance, attributeName: string): RawStrategy | 'unknown' => {
    if (isUnknown(holder, attributeName)) return 'unknown';
    return strategyOf(holder.values[attributeName], describe(holder, path), attributeName) ?? [];
  };
  const fromAssociation = (association: Instance, cluster: string): ClusterDefault => {
    const strategy = strategyFor(association, 'default_capacity_provider_strategy');
    if (strategy === 'unknown') return {kind: 'unknown', why: 'after-apply'};
    return strategy.length > 0 ? {kind: 'strategy', cluster, strategy} : {kind: 'none', cluster};
  };
  const fromCluster = (cluster: Instance, name: string): ClusterDefault => {
    const association = associations.find((item) => {
      const value = text(item.values['cluster_name']);
      if (value !== undefined) return clusterName(value) === name;
      const found = resolve(
        referencesOf(config.expression(item, 'cluster_name')),
        scopeOf(item),
        'aws_ecs_cluster',
        instances,
        config,
      );
      return found.found.has(cluster.address);
    });
    if (association) return fromAssociation(association, name);
    // The AWS provider before 5.0 kept the default strategy on the cluster itself.
    const strategy = strategyFor(cluster, 'default_capacity_provider_strategy');
    if (strategy === 'unknown') return {kind: 'unknown', why: 'after-apply'};
    return strategy.length > 0 ? {kind: 'strategy', cluster: name, strategy} : {kind: 'none', cluster: name};
  };

  if (isUnknown(service, 'cluster')) {
    const found = resolve(
      referencesOf(config.expression(service, 'cluster')),
      scopeOf(service),
      'aws_ecs_cluster',
      instances,
      config,
    );
    const cluster = found.found.size === 1 ? clusters.find((item) => found.found.has(item.address)) : undefined;
    if (!cluster) return {kind: 'unknown', why: 'after-apply'};
    return fromCluster(cluster, text(cluster.values['name']) ?? cluster.address);
  }
  const value = text(service.values['cluster']);
  const name = value === undefined ? 'default' : clusterName(value);
  const cluster = clusters.find(
    (item) => text(item.values['name']) === name || (value !== undefined && text(item.values['arn']) === value),
  );
  if (cluster) return fromCluster(cluster, name);
  const association = associations.find((item) => {
    const named = text(item.values['cluster_name']);
    return named !== undefined && clusterName(named) === name;
  });
  if (association) return fromAssociation(association, name);
  return {kind: 'not-in-input', cluster: value === undefined ? null : name};
}

// --- services --------------------------------------------------------------------------------------

function desiredCountOf(instance: Instance, where: string): Known<number> {
  if (isUnknown(instance, 'desired_count')) return unknown('after-apply');
  const value = instance.values['desired_count'];
  // The AWS provider's default is 0.
  if (value === undefined || value === null) return known(0);
  return known(wholeNumber(value, 'desired_count', MAX_TASK_COUNT, where));
}

function taskSetItem(
  instance: Instance,
  taskDefinitions: readonly TaskDefinitionItem[],
  instances: readonly Instance[],
  config: Configuration,
  path: string,
): TaskSetItem {
  const where = describe(instance, path);
  const launchType = attribute(instance, 'launch_type', config);
  let scalePercent: Known<number> = known(100);
  if (isUnknown(instance, 'scale'))
    scalePercent = config.expression(instance, 'scale') ? unknown('after-apply') : known(100);
  else {
    const scale = firstBlock(instance.values['scale']);
    const value = scale?.['value'];
    if (value !== undefined && value !== null) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
        throw new UserError(`${where}: scale value is ${untrustedValue(value)}, not a percent from 0 to 100`);
      }
      scalePercent = known(value);
    }
  }
  return {
    name: instance.address,
    taskDefinition: linkTaskDefinition(instance, taskDefinitions, instances, config),
    launchType: launchType.known ? known(text(launchType.value) ?? null) : launchType,
    strategy: knownStrategy(instance, 'capacity_provider_strategy', config, where),
    scalePercent,
  };
}

/** The service a task set belongs to: by its `service` value (ARN, id or name), else by references. */
function serviceOfTaskSet(
  taskSet: Instance,
  services: readonly Instance[],
  instances: readonly Instance[],
  config: Configuration,
) {
  if (!isUnknown(taskSet, 'service')) {
    const value = text(taskSet.values['service']);
    if (value === undefined) return undefined;
    return services.find(
      (service) =>
        text(service.values['id']) === value ||
        text(service.values['arn']) === value ||
        text(service.values['name']) === value ||
        (value.startsWith('arn:') && value.endsWith(`/${text(service.values['name']) ?? '\u0000'}`)),
    );
  }
  const found = resolve(
    referencesOf(config.expression(taskSet, 'service')),
    scopeOf(taskSet),
    'aws_ecs_service',
    instances,
    config,
  );
  return found.found.size === 1 ? services.find((service) => found.found.has(service.address)) : undefined;
}

function buildSet(
  instances: readonly Instance[],
  config: Configuration,
  path: string,
  format: WorkloadSet['format'],
  region: string | undefined,
): WorkloadSet {
  const taskDefinitions = instances
    .filter((instance) => instance.type === 'aws_ecs_task_definition')
    .map((instance) => taskDefinitionItem(instance, path, region));
  const serviceInstances = instances.filter((instance) => instance.type === 'aws_ecs_service');
  const taskSets = instances
    .filter((instance) => instance.type === 'aws_ecs_task_set')
    .map((instance) => ({
      service: serviceOfTaskSet(instance, serviceInstances, instances, config),
      item: taskSetItem(instance, taskDefinitions, instances, config, path),
    }));
  const services = serviceInstances.map((instance): ServiceItem => {
    const where = describe(instance, path);
    const launchType = attribute(instance, 'launch_type', config);
    const controller = firstBlock(instance.values['deployment_controller']);
    const deploymentController: Known<string | null> = isUnknown(instance, 'deployment_controller')
      ? unknown('after-apply')
      : known(text(controller?.['type']) ?? null);
    const id = text(instance.values['id']);
    return {
      name: instance.address,
      source: `${path}#${instance.address}`,
      region: regionFromArn(id) ?? regionFromArn(instance.values['cluster']) ?? region,
      desiredCount: desiredCountOf(instance, where),
      launchType: launchType.known ? known(text(launchType.value) ?? null) : launchType,
      strategy: knownStrategy(instance, 'capacity_provider_strategy', config, where),
      deploymentController,
      clusterDefault: clusterDefaultOf(instance, instances, config, path),
      taskDefinition: linkTaskDefinition(instance, taskDefinitions, instances, config),
      taskSets: taskSets.filter((taskSet) => taskSet.service === instance).map((taskSet) => taskSet.item),
    };
  });
  return {source: path, format, taskDefinitions, services};
}
