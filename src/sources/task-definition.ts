import {UserError, untrusted, untrustedValue} from '../errors.js';
import type {TaskDefinitionSpec} from '../model/task.js';
import {ProblemError} from '../model/problems.js';
import type {Arch, Os} from '../model/types.js';
import {parseCpu, parseMemory, parseStorage} from '../sizing/parse.js';

/**
 * Reads the shapes a task definition comes in: `describe-task-definition` output
 * (`{taskDefinition}`), `register-task-definition --cli-input-json` input, the console's JSON export
 * (the bare object), and CloudFormation / CDK-synthesized templates (every AWS::ECS::TaskDefinition).
 */

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Property names in the ECS API (camelCase) and in CloudFormation (PascalCase). */
export interface Names {
  cpu: string;
  memory: string;
  memoryReservation: string;
  runtimePlatform: string;
  cpuArchitecture: string;
  operatingSystemFamily: string;
  ephemeralStorage: string;
  sizeInGiB: string;
  containerDefinitions: string;
  requiresCompatibilities: string;
  networkMode: string;
  family: string;
  inferenceAccelerators: string;
  volumes: string;
  host: string;
  sourcePath: string;
}
export const API: Names = {
  cpu: 'cpu',
  memory: 'memory',
  memoryReservation: 'memoryReservation',
  runtimePlatform: 'runtimePlatform',
  cpuArchitecture: 'cpuArchitecture',
  operatingSystemFamily: 'operatingSystemFamily',
  ephemeralStorage: 'ephemeralStorage',
  sizeInGiB: 'sizeInGiB',
  containerDefinitions: 'containerDefinitions',
  requiresCompatibilities: 'requiresCompatibilities',
  networkMode: 'networkMode',
  family: 'family',
  inferenceAccelerators: 'inferenceAccelerators',
  volumes: 'volumes',
  host: 'host',
  sourcePath: 'sourcePath',
};
export const CFN: Names = {
  cpu: 'Cpu',
  memory: 'Memory',
  memoryReservation: 'MemoryReservation',
  runtimePlatform: 'RuntimePlatform',
  cpuArchitecture: 'CpuArchitecture',
  operatingSystemFamily: 'OperatingSystemFamily',
  ephemeralStorage: 'EphemeralStorage',
  sizeInGiB: 'SizeInGiB',
  containerDefinitions: 'ContainerDefinitions',
  requiresCompatibilities: 'RequiresCompatibilities',
  networkMode: 'NetworkMode',
  family: 'Family',
  inferenceAccelerators: 'InferenceAccelerators',
  volumes: 'Volumes',
  host: 'Host',
  sourcePath: 'SourcePath',
};

export interface Context {
  /** Where the definition is, as messages name it (a template's logical id cut and escaped). */
  readonly where: string;
  /** Where the definition is, exactly (the spec's source). */
  readonly source: string;
  /** Resolves a CloudFormation value: literals pass, `Ref` to a parameter with a Default resolves, the rest fails. */
  readonly resolve: (value: unknown, property: string) => unknown;
}

export function regionFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[3] ? parts[3] : undefined;
}

function parseArch(value: unknown, where: string): Arch | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (text === 'X86_64') return 'x86_64';
  if (text === 'ARM64') return 'arm64';
  throw new UserError(`${where}: cpuArchitecture is ${untrustedValue(value)}, not X86_64 or ARM64`);
}

function parseOs(value: unknown, where: string): Os | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (text === 'LINUX') return 'linux';
  if (text?.startsWith('WINDOWS')) return 'windows';
  throw new UserError(`${where}: operatingSystemFamily is ${untrustedValue(value)}, not LINUX or WINDOWS_SERVER_*`);
}

/** A list from a file, for a message: its text items as written (cut and escaped), anything else by kind. */
function listed(items: readonly unknown[]): string {
  const shown = items
    .slice(0, 5)
    .map((item) => (typeof item === 'string' ? untrusted(item, 30) : untrustedValue(item)));
  return `${shown.join(', ')}${items.length > 5 ? `, and ${items.length - 5} more` : ''}`;
}

/** Why Fargate cannot run a definition (words for a message, what they quote escaped), or undefined when it can. */
function fargateObstacle(def: Json, names: Names, ctx: Context): string | undefined {
  const requires = ctx.resolve(def[names.requiresCompatibilities], names.requiresCompatibilities);
  if (Array.isArray(requires) && requires.length > 0 && !requires.includes('FARGATE')) {
    return `requiresCompatibilities is ${listed(requires)}`;
  }
  const compatibilities = def['compatibilities'];
  if (Array.isArray(compatibilities) && compatibilities.length > 0 && !compatibilities.includes('FARGATE')) {
    return `ECS lists its compatibilities as ${listed(compatibilities)} only`;
  }
  const networkMode = ctx.resolve(def[names.networkMode], names.networkMode);
  if (typeof networkMode === 'string' && networkMode !== 'awsvpc') {
    return `networkMode is ${untrusted(networkMode)}; Fargate requires awsvpc`;
  }
  const accelerators = def[names.inferenceAccelerators];
  if (Array.isArray(accelerators) && accelerators.length > 0) return 'it uses inference accelerators';
  const volumes = def[names.volumes];
  if (Array.isArray(volumes)) {
    for (const volume of volumes) {
      const host = isObject(volume) ? volume[names.host] : undefined;
      if (isObject(host) && host[names.sourcePath] !== undefined) return 'a volume bind-mounts a host sourcePath';
    }
  }
  return undefined;
}

function rejectNonFargate(def: Json, names: Names, ctx: Context, name: string): void {
  const why = fargateObstacle(def, names, ctx);
  if (why === undefined) return;
  throw new UserError(`task definition ${untrusted(name)} (${ctx.where}) cannot run on Fargate: ${why}`, {
    hint: 'only task definitions that Fargate can run are priced',
  });
}

function readDefinition(
  def: Json,
  names: Names,
  ctx: Context,
  fallbackName: string,
  region: string | undefined,
): TaskDefinitionSpec {
  // The family is only a label: an expression that cannot be evaluated offline falls back to the logical id.
  let family: unknown;
  try {
    family = ctx.resolve(def[names.family], names.family);
  } catch {
    family = undefined;
  }
  const name = typeof family === 'string' && family.length > 0 ? family : fallbackName;
  rejectNonFargate(def, names, ctx, name);
  const at = (what: string) => `${ctx.where}: ${what}`;
  const wrap = <T>(fn: () => T, what: string): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ProblemError) {
        throw new ProblemError({
          kind: 'in-task-definition',
          name,
          where: ctx.where,
          field: what,
          problem: error.problem,
        });
      }
      throw error;
    }
  };
  const cpuRaw = ctx.resolve(def[names.cpu], names.cpu);
  const memoryRaw = ctx.resolve(def[names.memory], names.memory);
  const cpuUnits = cpuRaw === undefined || cpuRaw === null ? undefined : wrap(() => parseCpu(cpuRaw, 'ecs'), names.cpu);
  const memoryMiB =
    memoryRaw === undefined || memoryRaw === null ? undefined : wrap(() => parseMemory(memoryRaw, 'ecs'), names.memory);

  const platform = ctx.resolve(def[names.runtimePlatform], names.runtimePlatform);
  const arch = isObject(platform)
    ? parseArch(ctx.resolve(platform[names.cpuArchitecture], names.cpuArchitecture), at(names.runtimePlatform))
    : undefined;
  const os = isObject(platform)
    ? parseOs(
        ctx.resolve(platform[names.operatingSystemFamily], names.operatingSystemFamily),
        at(names.runtimePlatform),
      )
    : undefined;
  const storage = ctx.resolve(def[names.ephemeralStorage], names.ephemeralStorage);
  const storageRaw = isObject(storage) ? ctx.resolve(storage[names.sizeInGiB], names.sizeInGiB) : undefined;
  const storageGiB =
    storageRaw === undefined ? undefined : wrap(() => parseStorage(storageRaw), names.ephemeralStorage);

  const containers = ctx.resolve(def[names.containerDefinitions], names.containerDefinitions);
  const list = Array.isArray(containers) ? containers.filter(isObject) : [];
  let containerCpu = 0;
  let containerMemory = 0;
  for (const container of list) {
    const cpu = ctx.resolve(container[names.cpu], `container ${names.cpu}`);
    if (cpu !== undefined) containerCpu += wrap(() => parseCpu(cpu, 'ecs'), `container ${names.cpu}`);
    const memory = ctx.resolve(
      container[names.memory] ?? container[names.memoryReservation],
      `container ${names.memory}`,
    );
    if (memory !== undefined) containerMemory += wrap(() => parseMemory(memory, 'ecs'), `container ${names.memory}`);
  }
  return {
    name,
    source: ctx.source,
    cpuUnits,
    memoryMiB,
    storageGiB,
    arch,
    os,
    region,
    containers: {cpuUnits: containerCpu, memoryMiB: containerMemory, count: list.length},
    notes: [],
  };
}

export const literal = (value: unknown) => value;

/**
 * A task definition of a set (a Terraform plan or state, a template with services): named by its
 * stable name (address, logical id), its family kept beside it; one Fargate cannot run is not an
 * error but the reason it is left out.
 */
export function readSetDefinition(
  def: Json,
  names: Names,
  ctx: Context,
  stableName: string,
  region: string | undefined,
): {readonly spec: TaskDefinitionSpec | null; readonly family: string | null; readonly notFargate: string | null} {
  let family: unknown;
  try {
    family = ctx.resolve(def[names.family], names.family);
  } catch {
    family = undefined;
  }
  const familyName = typeof family === 'string' && family.length > 0 ? family : null;
  const notFargate = fargateObstacle(def, names, ctx);
  if (notFargate !== undefined) return {spec: null, family: familyName, notFargate};
  const spec = readDefinition(def, names, ctx, stableName, region);
  return {spec: {...spec, name: stableName}, family: familyName, notFargate: null};
}

export function cloudFormationResolver(template: Json, where: string): Context['resolve'] {
  const parameters = isObject(template['Parameters']) ? template['Parameters'] : {};
  return function resolve(value: unknown, property: string): unknown {
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const [fn] = keys as [string];
    if (fn === 'Ref') {
      const ref = value['Ref'];
      const parameter = typeof ref === 'string' && Object.hasOwn(parameters, ref) ? parameters[ref] : undefined;
      if (isObject(parameter) && parameter['Default'] !== undefined) return parameter['Default'];
      throw new UserError(
        `${where}: ${property} is {"Ref": ${untrustedValue(ref)}}, which has no Default to price with`,
        {
          hint: `give the value with a flag (e.g. --${property.toLowerCase().includes('cpu') ? 'cpu' : property.toLowerCase().includes('memory') ? 'memory' : 'storage'})`,
        },
      );
    }
    if (fn.startsWith('Fn::')) {
      throw new UserError(
        `${where}: ${property} is a CloudFormation expression (${untrusted(fn)}) that cannot be evaluated offline`,
        {
          hint: 'synthesize the template with literal values, or pass --cpu/--memory/--storage',
        },
      );
    }
    return value;
  };
}

/** Reads every task definition in an already-parsed document. `path` names it in messages. */
export function readTaskDefinitions(document: unknown, path: string): TaskDefinitionSpec[] {
  if (!isObject(document)) {
    throw new UserError(`${path} is not a task definition: expected a mapping (a JSON object)`, {
      hint: 'pass describe-task-definition output, a task definition, or a CloudFormation template',
    });
  }
  if (isObject(document['Resources'])) {
    const specs = Object.entries(document['Resources'])
      .filter(([, resource]) => isObject(resource) && resource['Type'] === 'AWS::ECS::TaskDefinition')
      .map(([logicalId, resource]) => {
        const properties = isObject((resource as Json)['Properties']) ? ((resource as Json)['Properties'] as Json) : {};
        const where = `${path}#${untrusted(logicalId)}`;
        return readDefinition(
          properties,
          CFN,
          {where, source: `${path}#${logicalId}`, resolve: cloudFormationResolver(document, where)},
          logicalId,
          undefined,
        );
      });
    if (specs.length === 0) {
      throw new UserError(`${path} is a CloudFormation template without an AWS::ECS::TaskDefinition resource`, {
        hint: 'nothing to estimate in it',
      });
    }
    return specs;
  }
  const def = isObject(document['taskDefinition']) ? document['taskDefinition'] : document;
  if (!Array.isArray(def['containerDefinitions']) && def['cpu'] === undefined && def['family'] === undefined) {
    throw new UserError(
      `${path} is not a task definition: it has no taskDefinition, containerDefinitions, cpu or family`,
      {
        hint: 'pass describe-task-definition output, a task definition, or a CloudFormation template',
      },
    );
  }
  const fallback = path
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(json|ya?ml)$/i, '');
  return [
    readDefinition(
      def,
      API,
      {where: path, source: path, resolve: literal},
      fallback,
      regionFromArn(def['taskDefinitionArn']),
    ),
  ];
}
