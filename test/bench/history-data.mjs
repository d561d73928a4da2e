// The synthetic history the benchmarks read (history, explore): NDJSON of EventBridge
// "ECS Task State Change" events, written to a file.
import {createWriteStream} from 'node:fs';

// ---------------------------------------------------------------------------------------------
// A month of a cluster: 40 services and 20 batch families, assorted sizes, 15% on Fargate Spot
// (some interrupted), some arm64, some Windows, some with extra storage; every task has a STOPPED
// event, 3% also an earlier RUNNING one, 0.5% a duplicate STOPPED one (events are delivered at
// least once). Deterministic: the same file every run.

const SIZES = [
  [256, 512],
  [512, 1024],
  [1024, 2048],
  [2048, 4096],
  [4096, 8192],
];

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (ms) => new Date(ms).toISOString();

function eventLine(i, rnd, status, count) {
  const service = i % 3 !== 0;
  const groupName = service ? `svc-${i % 40}` : `batch-${i % 20}`;
  const group = service ? `service:${groupName}` : `family:${groupName}`;
  const [cpu, memory] = SIZES[(i >>> 3) % SIZES.length];
  const windows = i % 97 === 0 && cpu >= 1024;
  const spot = !windows && i % 7 === 0;
  const arch = !windows && i % 5 === 0 ? 'arm64' : 'x86_64';
  const storage = i % 11 === 0 ? 50 : 20;
  const id = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(24, '0');
  const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/prod/${id}`;
  const start = Date.parse('2026-11-01T00:00:00Z') + Math.floor((i / count) * 29 * 86_400_000);
  const created = start - 9000 - Math.floor(rnd() * 4000);
  const pulled = start + Math.floor(rnd() * 900);
  const pullStopped = pulled + 3000 + Math.floor(rnd() * 30_000);
  const started = pullStopped + 1500;
  const length = service ? 1_800_000 + Math.floor(rnd() * 36_000_000) : 20_000 + Math.floor(rnd() * 1_200_000);
  const stopped = started + length;
  const stopCode =
    spot && i % 61 === 0 ? 'SpotInterruption' : service ? 'ServiceSchedulerInitiated' : 'EssentialContainerExited';
  const stoppedFields =
    status === 'STOPPED'
      ? `"stoppingAt":"${iso(stopped - 25_000)}","executionStoppedAt":"${iso(stopped - 12_000)}","stoppedAt":"${iso(stopped)}","stoppedReason":"Essential container in task exited","stopCode":"${stopCode}",`
      : '';
  const time = iso(status === 'STOPPED' ? stopped : started);
  return (
    `{"version":"0","id":"${id.slice(0, 8)}-14de-560e-a4ac-${id.slice(20)}","detail-type":"ECS Task State Change","source":"aws.ecs","account":"123456789012","time":"${time}","region":"us-east-1","resources":["${taskArn}"],` +
    `"detail":{"attachments":[{"id":"5ff58204-1180-48ab-a62e-${id.slice(0, 12)}","type":"eni","status":"${status === 'STOPPED' ? 'DELETED' : 'ATTACHED'}","details":[{"name":"subnetId","value":"subnet-04ba0f3d6e8907049"},{"name":"networkInterfaceId","value":"eni-0${id.slice(0, 16)}"},{"name":"macAddress","value":"0a:93:85:a9:79:97"},{"name":"privateIPv4Address","value":"10.0.${i % 250}.${i % 200}"}]}],` +
    `"attributes":[{"name":"ecs.cpu-architecture","value":"${arch}"}],"availabilityZone":"us-east-1b",${spot ? '"capacityProviderName":"FARGATE_SPOT",' : '"capacityProviderName":"FARGATE",'}"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",` +
    `"containers":[{"containerArn":"arn:aws:ecs:us-east-1:123456789012:container/prod/${id}/75d926f3-c850-4722-a143-639f02ff4756",${status === 'STOPPED' ? '"exitCode":0,' : ''}"lastStatus":"${status}","name":"main","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/${groupName}:latest","imageDigest":"sha256:080467614c0d7d5a5b092023b762931095308ae1dec8e54481fbd951f9784391","runtimeId":"${id}-3935363592","taskArn":"${taskArn}","networkInterfaces":[{"attachmentId":"5ff58204-1180-48ab-a62e-0a65a17cc4ef","privateIpv4Address":"10.0.3.61"}],"cpu":"0"}],` +
    `"createdAt":"${iso(created)}","launchType":"FARGATE","cpu":"${cpu}","memory":"${memory}","desiredStatus":"${status === 'STOPPED' ? 'STOPPED' : 'RUNNING'}","group":"${group}","lastStatus":"${status}",` +
    `"overrides":{"containerOverrides":[{"environment":[],"name":"main"}]},"connectivity":"CONNECTED","connectivityAt":"${iso(created + 5000)}","pullStartedAt":"${iso(pulled)}","startedAt":"${iso(started)}",${stoppedFields}"pullStoppedAt":"${iso(pullStopped)}",` +
    `"ephemeralStorage":{"sizeInGiB":${storage}},"platformFamily":"${windows ? 'Windows-Server-2019-Core' : 'Linux'}","platformVersion":"${windows ? '1.0.0' : '1.4.0'}","updatedAt":"${time}","taskArn":"${taskArn}","taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/${groupName}:${1 + (i % 4)}","version":${status === 'STOPPED' ? 5 : 3}}}\n`
  );
}

/** Writes `count` tasks' events to `path`, spread over 29 days; returns the number of lines. */
export async function generate(path, count) {
  const out = createWriteStream(path);
  let lines = 0;
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await new Promise((resolve) => out.once('drain', resolve));
    buffer = '';
  };
  for (let i = 0; i < count; i++) {
    // Each task's events are drawn from its own seed, so RUNNING and STOPPED agree.
    const seed = i * 2654435761;
    if (i % 33 === 0) {
      buffer += eventLine(i, lcg(seed), 'RUNNING', count);
      lines++;
    }
    buffer += eventLine(i, lcg(seed), 'STOPPED', count);
    lines++;
    if (i % 200 === 0) {
      buffer += eventLine(i, lcg(seed), 'STOPPED', count);
      lines++;
    }
    if (buffer.length > 1 << 20) await flush();
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return lines;
}
