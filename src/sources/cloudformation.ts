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

export function readCloudFormationSet(template: Json, path: string): WorkloadSet {
  const entries = isObject(template['Resources']) ? Object.entries(template['Resources']) : [];
  const resources = new Map<string, Resource>();
  for (const [id, resource] of entries) {
    if (!isObject(resource) || typeof resource['Type'] !== 'string') continue;
    resources.set(id, {
      id,
      type: resource['Type'],
      properties: isObject(resource['Properties']) ? resource['Properties'] : {},
    });
  }
  const ofType = (type: string) => [...resources.values()].filter((resource) => resource.type === type);
  const whereOf = (id: string) => `${path}#${untrusted(id)}`;

  /** A property's value: literals and parameters with a Default; any other expression is unknown. */
  const value = (resource: Resource, property: string): Known<unknown> => {
    const raw = resource.properties[property];
    try {
      return known(cloudFormationResolver(template, whereOf(resource.id))(raw, property) ?? null);
    } catch (error) {
      if (error instanceof UserError) return unknown('expression');
      throw error;
    }
  };
  const evaluated = (resource: Resource, property: string): Known<unknown> => {
    const result = value(resource, property);
    // A mapping left as it is (`{"Fn::Sub": ...}` is refused by the resolver; `{"Fn::If": ...}` too) is not a value.
    if (
      result.known &&
      isObject(result.value) &&
      Object.keys(result.value).some((key) => key === 'Ref' || key.startsWith('Fn::'))
    ) {
      return unknown('expression');
    }
    return result;
  };

  const taskDefinitions: TaskDefinitionItem[] = ofType('AWS::ECS::TaskDefinition').map((resource) => {
    const where = whereOf(resource.id);
    // A size given by an expression that cannot be evaluated offline is unknown, as a plan's unknowns are.
    const unknownFields = ['Cpu', 'Memory'].filter(
      (property) => resource.properties[property] !== undefined && !evaluated(resource, property).known,
    );
    if (unknownFields.length > 0) {
      const family = value(resource, 'Family');
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
      {where, source: `${path}#${resource.id}`, resolve: cloudFormationResolver(template, where)},
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
  });

  const linkOf = (resource: Resource): TaskDefinitionLink => {
    const raw = resource.properties['TaskDefinition'];
    if (raw === undefined || raw === null) return {kind: 'none'};
    const named = resourceNamed(raw, resources);
    if (named) {
      return named.type === 'AWS::ECS::TaskDefinition'
        ? {kind: 'item', name: named.id, via: 'reference'}
        : {kind: 'outside', ref: named.id};
    }
    const given = evaluated(resource, 'TaskDefinition');
    if (!given.known) return {kind: 'unknown', why: given.why};
    if (typeof given.value !== 'string' || given.value === '') return {kind: 'none'};
    const ref = given.value;
    const familyRevision = ref.includes(':task-definition/') ? ref.slice(ref.indexOf(':task-definition/') + 17) : ref;
    const family = familyRevision.split(':')[0];
    const item = taskDefinitions.find((candidate) => candidate.family !== null && candidate.family === family);
    return item ? {kind: 'item', name: item.name, via: 'value'} : {kind: 'outside', ref};
  };

  const count = (raw: unknown, what: string, max: number, where: string): number => {
    const number = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0 || number > max) {
      throw new UserError(`${where}: ${what} is ${untrustedValue(raw)}, not a whole number from 0 to ${max}`);
    }
    return number;
  };

  const strategyOf = (raw: unknown, where: string, property: string): Known<RawStrategy | null> => {
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
  };

  const placement = (resource: Resource) => {
    const where = whereOf(resource.id);
    const launchType = evaluated(resource, 'LaunchType');
    const strategy = value(resource, 'CapacityProviderStrategy');
    return {
      launchType: launchType.known
        ? known(typeof launchType.value === 'string' && launchType.value !== '' ? launchType.value : null)
        : launchType,
      strategy: strategy.known ? strategyOf(strategy.value, where, 'CapacityProviderStrategy') : strategy,
    } as const;
  };

  const clusters = ofType('AWS::ECS::Cluster');
  const associations = ofType('AWS::ECS::ClusterCapacityProviderAssociations');
  const clusterDefault = (service: Resource): ClusterDefault => {
    const raw = service.properties['Cluster'];
    const named = resourceNamed(raw, resources);
    let cluster: Resource | undefined;
    let name: string | null;
    if (named) {
      if (named.type !== 'AWS::ECS::Cluster') return {kind: 'not-in-input', cluster: named.id};
      cluster = named;
      const clusterName = cluster.properties['ClusterName'];
      name = typeof clusterName === 'string' ? clusterName : cluster.id;
    } else if (raw === undefined || raw === null) {
      name = null;
    } else {
      const given = evaluated(service, 'Cluster');
      if (!given.known) return {kind: 'unknown', why: given.why};
      if (typeof given.value !== 'string') return {kind: 'not-in-input', cluster: null};
      const slash = given.value.lastIndexOf('/');
      name = given.value.startsWith('arn:') && slash >= 0 ? given.value.slice(slash + 1) : given.value;
      cluster = clusters.find((candidate) => candidate.properties['ClusterName'] === name);
    }
    const association = associations.find((candidate) => {
      const target = candidate.properties['Cluster'];
      const targetResource = resourceNamed(target, resources);
      return cluster && targetResource ? targetResource === cluster : typeof target === 'string' && target === name;
    });
    const holder = association ?? cluster;
    if (!holder) return {kind: 'not-in-input', cluster: name};
    const label = name ?? holder.id;
    const given = value(holder, 'DefaultCapacityProviderStrategy');
    if (!given.known) return {kind: 'unknown', why: given.why};
    const strategy = strategyOf(given.value, whereOf(holder.id), 'DefaultCapacityProviderStrategy');
    if (!strategy.known) return {kind: 'unknown', why: strategy.why};
    return strategy.value && strategy.value.length > 0
      ? {kind: 'strategy', cluster: label, strategy: strategy.value}
      : {kind: 'none', cluster: label};
  };

  const taskSets = ofType('AWS::ECS::TaskSet').map((resource) => {
    const where = whereOf(resource.id);
    const scale = value(resource, 'Scale');
    let scalePercent: Known<number> = known(100);
    if (!scale.known) scalePercent = scale;
    else if (isObject(scale.value) && scale.value['Value'] !== undefined) {
      const percent = scale.value['Value'];
      const number = typeof percent === 'string' && /^\d+(\.\d+)?$/.test(percent) ? Number(percent) : percent;
      if (isObject(number)) scalePercent = unknown('expression');
      else if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 100) {
        throw new UserError(`${where}: Scale.Value is ${untrustedValue(percent)}, not a percent from 0 to 100`);
      } else scalePercent = known(number);
    }
    const item: TaskSetItem = {
      name: resource.id,
      taskDefinition: linkOf(resource),
      ...placement(resource),
      scalePercent,
    };
    return {service: resourceNamed(resource.properties['Service'], resources), item};
  });

  const services = ofType('AWS::ECS::Service').map((resource): ServiceItem => {
    const where = whereOf(resource.id);
    const desired = evaluated(resource, 'DesiredCount');
    const controller = value(resource, 'DeploymentController');
    const controllerType = controller.known && isObject(controller.value) ? controller.value['Type'] : undefined;
    return {
      name: resource.id,
      source: `${path}#${resource.id}`,
      region: undefined,
      // CloudFormation starts a new service with 1 task when DesiredCount is left out.
      desiredCount: desired.known
        ? known(desired.value === null ? 1 : count(desired.value, 'DesiredCount', MAX_TASK_COUNT, where))
        : desired,
      ...placement(resource),
      deploymentController: !controller.known
        ? controller
        : isObject(controllerType)
          ? unknown('expression')
          : known(typeof controllerType === 'string' ? controllerType : null),
      clusterDefault: clusterDefault(resource),
      taskDefinition: linkOf(resource),
      taskSets: taskSets.filter((taskSet) => taskSet.service === resource).map((taskSet) => taskSet.item),
    };
  });
  return {source: path, format: 'cloudformation', taskDefinitions, services};
}
