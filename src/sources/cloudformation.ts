import {UserError, untrusted, untrustedValue} from '../errors.js';
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
import {CFN, cloudFormationResolver, isObject, type Json, readSetDefinition} from './task-definition.js';

/**
 * A CloudFormation (or CDK-synthesized) template with services, read as a workload set:
 * `AWS::ECS::TaskDefinition`, `AWS::ECS::Service`, `AWS::ECS::TaskSet`, and the default
 * capacity-provider strategy of a cluster (`AWS::ECS::ClusterCapacityProviderAssociations`, or
 * `AWS::ECS::Cluster`'s own). Items are named by logical id. A value given by an expression that
 * cannot be evaluated offline (a parameter without a Default, `Fn::ImportValue`) is unknown.
 */

const SERVICE_TYPES = ['AWS::ECS::Service', 'AWS::ECS::TaskSet'];

/** True when a template holds a service or task set (a template of task definitions alone is read as before). */
export function hasServices(document: unknown): boolean {
  if (!isObject(document) || !isObject(document['Resources'])) return false;
  return Object.values(document['Resources']).some(
    (resource) => isObject(resource) && SERVICE_TYPES.includes(resource['Type'] as string),
  );
}

interface Resource {
  readonly id: string;
  readonly type: string;
  readonly properties: Json;
}

/** The logical id a value names: `{"Ref": id}` or `{"Fn::GetAtt": [id, attribute]}`, when id is a resource. */
function resourceNamed(value: unknown, resources: ReadonlyMap<string, Resource>): Resource | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const ref = value['Ref'];
  if (typeof ref === 'string') return resources.get(ref);
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return resources.get(getAtt[0]);
  return undefined;
}

/** A whole number from 0 to `max` as a template writes it (a number, or digits as text). */
function count(raw: unknown, what: string, max: number, where: string): number {
  const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > max) {
    throw new UserError(`${where}: ${what} is ${untrustedValue(raw)}, not a whole number from 0 to ${max}`);
  }
  return number;
}

/** A capacity-provider strategy as a template writes it; an expression in it makes it unknown. */
function strategyOf(raw: unknown, where: string, property: string): Known<RawStrategy | null> {
  if (raw === null || raw === undefined) return known(null);
  if (!Array.isArray(raw)) {
    if (isObject(raw)) return unknown('expression');
    throw new UserError(`${where}: ${property} is ${untrustedValue(raw)}, not a list`);
  }
  const items: {provider: string; base: number; weight: number}[] = [];
  for (const [i, item] of raw.entries()) {
    const at = `${where}: ${property}[${i}]`;
    if (!isObject(item)) throw new UserError(`${at} is ${untrustedValue(item)}, not a mapping`);
    const provider = item['CapacityProvider'];
    if (isObject(provider)) return unknown('expression');
    if (typeof provider !== 'string')
      throw new UserError(`${at}.CapacityProvider is ${untrustedValue(provider)}, not text`);
    const base = item['Base'];
    const weight = item['Weight'];
    if (isObject(base) || isObject(weight)) return unknown('expression');
    items.push({
      provider,
      base: base === undefined || base === null ? 0 : count(base, 'Base', 100_000, at),
      weight: weight === undefined || weight === null ? 0 : count(weight, 'Weight', 1000, at),
    });
  }
  return known(items);
}

/** A task set's Scale.Value, a percent (100 when not given). */
function scaleOf(scale: Known<unknown>, where: string): Known<number> {
  if (!scale.known) return scale;
  if (!isObject(scale.value) || scale.value['Value'] === undefined) return known(100);
  const percent = scale.value['Value'];
  const number = typeof percent === 'string' && /^\d+(\.\d+)?$/.test(percent) ? Number(percent) : percent;
  if (isObject(number)) return unknown('expression');
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UserError(`${where}: Scale.Value is ${untrustedValue(percent)}, not a percent from 0 to 100`);
  }
  return known(number);
}

/** One template's resources, and how to read their values offline. */
class TemplateReader {
  private readonly resources = new Map<string, Resource>();
  private taskDefinitions: TaskDefinitionItem[] = [];

  constructor(
    private readonly template: Json,
    private readonly path: string,
  ) {
    const entries = isObject(template['Resources']) ? Object.entries(template['Resources']) : [];
    for (const [id, resource] of entries) {
      if (!isObject(resource) || typeof resource['Type'] !== 'string') continue;
      this.resources.set(id, {
        id,
        type: resource['Type'],
        properties: isObject(resource['Properties']) ? resource['Properties'] : {},
      });
    }
  }

  read(): WorkloadSet {
    this.taskDefinitions = this.ofType('AWS::ECS::TaskDefinition').map((resource) => this.taskDefinition(resource));
    const taskSets = this.ofType('AWS::ECS::TaskSet').map((resource) => this.taskSet(resource));
    const services = this.ofType('AWS::ECS::Service').map((resource) => this.service(resource, taskSets));
    return {source: this.path, format: 'cloudformation', taskDefinitions: this.taskDefinitions, services};
  }

  private ofType(type: string): Resource[] {
    return [...this.resources.values()].filter((resource) => resource.type === type);
  }

  private whereOf(id: string): string {
    return `${this.path}#${untrusted(id)}`;
  }

  /** A property's value: literals and parameters with a Default; any other expression is unknown. */
  private value(resource: Resource, property: string): Known<unknown> {
    const raw = resource.properties[property];
    try {
      return known(cloudFormationResolver(this.template, this.whereOf(resource.id))(raw, property) ?? null);
    } catch (error) {
      if (error instanceof UserError) return unknown('expression');
      throw error;
    }
  }

  private evaluated(resource: Resource, property: string): Known<unknown> {
    const result = this.value(resource, property);
    // A mapping left as it is (`{"Fn::Sub": ...}` is refused by the resolver; `{"Fn::If": ...}` too) is not a value.
    if (
      result.known &&
      isObject(result.value) &&
      Object.keys(result.value).some((key) => key === 'Ref' || key.startsWith('Fn::'))
    ) {
      return unknown('expression');
    }
    return result;
  }

  private taskDefinition(resource: Resource): TaskDefinitionItem {
    const where = this.whereOf(resource.id);
    // A size given by an expression that cannot be evaluated offline is unknown, as a plan's unknowns are.
    const unknownFields = ['Cpu', 'Memory'].filter(
      (property) => resource.properties[property] !== undefined && !this.evaluated(resource, property).known,
    );
    if (unknownFields.length > 0) {
      const family = this.value(resource, 'Family');
      return {
        name: resource.id,
        family: family.known && typeof family.value === 'string' ? family.value : null,
        arn: null,
        spec: null,
        unknown: unknownFields,
        unknownWhy: 'expression',
        notFargate: null,
      };
    }
    const read = readSetDefinition(
      resource.properties,
      CFN,
      {where, source: `${this.path}#${resource.id}`, resolve: cloudFormationResolver(this.template, where)},
      resource.id,
      undefined,
    );
    return {
      name: resource.id,
      family: read.family,
      arn: null,
      spec: read.spec,
      unknown: [],
      unknownWhy: null,
      notFargate: read.notFargate,
    };
  }

  private linkOf(resource: Resource): TaskDefinitionLink {
    const raw = resource.properties['TaskDefinition'];
    if (raw === undefined || raw === null) return {kind: 'none'};
    const named = resourceNamed(raw, this.resources);
    if (named) {
      return named.type === 'AWS::ECS::TaskDefinition'
        ? {kind: 'item', name: named.id, via: 'reference'}
        : {kind: 'outside', ref: named.id};
    }
    const given = this.evaluated(resource, 'TaskDefinition');
    if (!given.known) return {kind: 'unknown', why: given.why};
    if (typeof given.value !== 'string' || given.value === '') return {kind: 'none'};
    const ref = given.value;
    const familyRevision = ref.includes(':task-definition/') ? ref.slice(ref.indexOf(':task-definition/') + 17) : ref;
    const family = familyRevision.split(':')[0];
    const item = this.taskDefinitions.find((candidate) => candidate.family !== null && candidate.family === family);
    return item ? {kind: 'item', name: item.name, via: 'value'} : {kind: 'outside', ref};
  }

  private placement(resource: Resource) {
    const where = this.whereOf(resource.id);
    const launchType = this.evaluated(resource, 'LaunchType');
    const strategy = this.value(resource, 'CapacityProviderStrategy');
    return {
      launchType: launchType.known
        ? known(typeof launchType.value === 'string' && launchType.value !== '' ? launchType.value : null)
        : launchType,
      strategy: strategy.known ? strategyOf(strategy.value, where, 'CapacityProviderStrategy') : strategy,
    } as const;
  }

  /** The cluster a service names, as far as the template says: the resource, and its name. */
  private clusterOf(service: Resource): {cluster: Resource | undefined; name: string | null} | ClusterDefault {
    const raw = service.properties['Cluster'];
    const named = resourceNamed(raw, this.resources);
    if (named) {
      if (named.type !== 'AWS::ECS::Cluster') return {kind: 'not-in-input', cluster: named.id};
      const clusterName = named.properties['ClusterName'];
      return {cluster: named, name: typeof clusterName === 'string' ? clusterName : named.id};
    }
    if (raw === undefined || raw === null) return {cluster: undefined, name: null};
    const given = this.evaluated(service, 'Cluster');
    if (!given.known) return {kind: 'unknown', why: given.why};
    if (typeof given.value !== 'string') return {kind: 'not-in-input', cluster: null};
    const slash = given.value.lastIndexOf('/');
    const name = given.value.startsWith('arn:') && slash >= 0 ? given.value.slice(slash + 1) : given.value;
    const cluster = this.ofType('AWS::ECS::Cluster').find((candidate) => candidate.properties['ClusterName'] === name);
    return {cluster, name};
  }

  private clusterDefault(service: Resource): ClusterDefault {
    const found = this.clusterOf(service);
    if ('kind' in found) return found;
    const {cluster, name} = found;
    const association = this.ofType('AWS::ECS::ClusterCapacityProviderAssociations').find((candidate) => {
      const target = candidate.properties['Cluster'];
      const targetResource = resourceNamed(target, this.resources);
      return cluster && targetResource ? targetResource === cluster : typeof target === 'string' && target === name;
    });
    const holder = association ?? cluster;
    if (!holder) return {kind: 'not-in-input', cluster: name};
    const label = name ?? holder.id;
    const given = this.value(holder, 'DefaultCapacityProviderStrategy');
    if (!given.known) return {kind: 'unknown', why: given.why};
    const strategy = strategyOf(given.value, this.whereOf(holder.id), 'DefaultCapacityProviderStrategy');
    if (!strategy.known) return {kind: 'unknown', why: strategy.why};
    return strategy.value && strategy.value.length > 0
      ? {kind: 'strategy', cluster: label, strategy: strategy.value}
      : {kind: 'none', cluster: label};
  }

  private taskSet(resource: Resource): {service: Resource | undefined; item: TaskSetItem} {
    const item: TaskSetItem = {
      name: resource.id,
      taskDefinition: this.linkOf(resource),
      ...this.placement(resource),
      scalePercent: scaleOf(this.value(resource, 'Scale'), this.whereOf(resource.id)),
    };
    return {service: resourceNamed(resource.properties['Service'], this.resources), item};
  }

  private service(
    resource: Resource,
    taskSets: readonly {service: Resource | undefined; item: TaskSetItem}[],
  ): ServiceItem {
    const where = this.whereOf(resource.id);
    const desired = this.evaluated(resource, 'DesiredCount');
    const controller = this.value(resource, 'DeploymentController');
    const controllerType = controller.known && isObject(controller.value) ? controller.value['Type'] : undefined;
    return {
      name: resource.id,
      source: `${this.path}#${resource.id}`,
      region: undefined,
      // CloudFormation starts a new service with 1 task when DesiredCount is left out.
      desiredCount: desired.known
        ? known(desired.value === null ? 1 : count(desired.value, 'DesiredCount', MAX_TASK_COUNT, where))
        : desired,
      ...this.placement(resource),
      deploymentController: !controller.known
        ? controller
        : isObject(controllerType)
          ? unknown('expression')
          : known(typeof controllerType === 'string' ? controllerType : null),
      clusterDefault: this.clusterDefault(resource),
      taskDefinition: this.linkOf(resource),
      taskSets: taskSets.filter((taskSet) => taskSet.service === resource).map((taskSet) => taskSet.item),
    };
  }
}

export function readCloudFormationSet(template: Json, path: string): WorkloadSet {
  return new TemplateReader(template, path).read();
}
