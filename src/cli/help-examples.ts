import type {Command} from 'commander';

/** One example at the end of a command's --help: the command line, what it does, and whether it calls AWS. */
export interface HelpExample {
  /** The whole command line, as typed in a clone of the repository (the example data is in data/examples/). */
  readonly line: string;
  readonly what: string;
  /** Calls AWS: a test checks only that it parses; every other example runs offline in the tests. */
  readonly needsAws?: true;
}

/** The examples of each command, by its path in the command tree (`prices show`). */
export const HELP_EXAMPLES: Readonly<Record<string, readonly HelpExample[]>> = {
  estimate: [
    {
      line: 'fargate-cost estimate data/examples/web-service.json',
      what: 'a task definition file, under every purchase option',
    },
    {
      line: 'fargate-cost estimate --cpu 0.25 --memory 0.5 --duration 45s --runs 300/day',
      what: 'a batch job by size: 45-second runs, 300 a day, each billed the one-minute minimum',
    },
    {
      line: 'fargate-cost estimate --task-definition web:12 --region eu-west-1 --format markdown',
      what: 'a registered task definition, read live from ECS, as Markdown',
      needsAws: true,
    },
  ],
  history: [
    {
      line: 'fargate-cost history data/examples/history/ --as-of 2026-11-04T00:00:00Z',
      what: 'what recorded task runs cost, by ECS group, and the month they make',
    },
    {
      line: 'fargate-cost history --cluster prod --service web --region us-east-1',
      what: "a cluster's running tasks and the last hour's, read live",
      needsAws: true,
    },
    {
      line: 'fargate-cost history --athena cur.data --from 2026-11-01 --dry-run',
      what: 'the bill in Athena (a CUR 2.0 table): the query that would read November on, printed, not run',
    },
  ],
  compare: [
    {
      line: 'fargate-cost compare data/examples/history --as-of 2026-11-04T00:00:00Z --plans sp-1y',
      what: 'the cheapest mix and 1-year commitment for a recorded history',
    },
    {
      line: 'fargate-cost compare --cpu 1 --memory 2 --count 3 --owned-commitment 0.05:1y:no-upfront:2027-03-31',
      what: 'three tasks in an account that already owns $0.05/h of Compute Savings Plans: what to buy on top',
    },
    {
      line: 'fargate-cost compare --cpu 1 --memory 2 --count 10 --strategy FARGATE:base=2 --strategy FARGATE_SPOT:weight=3',
      what: 'ten tasks under a capacity-provider strategy: a base of 2 on FARGATE, the rest shared 1:3 with Spot',
    },
  ],
  diff: [
    {
      line: 'fargate-cost diff test/fixtures/diff/base.yaml test/fixtures/diff/head.yaml',
      what: 'two templates priced item by item: before, after and the change under each purchase option',
    },
    {
      line: 'fargate-cost diff test/fixtures/terraform/plan-modules.json --format markdown --fail-above 1000',
      what: "one Terraform plan's before and after, as a pull-request comment; exit 5 were the On-Demand total above $1,000",
    },
  ],
  reconcile: [
    {
      line: 'fargate-cost reconcile --history test/fixtures/bill/history.ndjson --bill test/fixtures/bill/cur2.csv.gz --as-of 2026-12-01T00:00:00Z',
      what: 'recorded task runs against their CUR 2.0 bill, task by task, hour by hour; exit 6 were any to differ',
    },
    {
      line: 'fargate-cost reconcile --history test/fixtures/bill/history.ndjson --bill test/fixtures/bill/export --as-of 2026-12-01T00:00:00Z --format csv',
      what: 'against an export folder, one CSV row per task, hour and dimension',
    },
    {
      line: 'fargate-cost reconcile --cluster prod --bill cur2/ --region us-east-1',
      what: "a cluster's tasks read live, against an export downloaded from S3",
      needsAws: true,
    },
  ],
  rightsize: [
    {
      line: 'fargate-cost rightsize test/fixtures/insights/events.ndjson.gz',
      what: 'Container Insights task events: the smallest size each service needs with 20% headroom, and the saving',
    },
    {
      line: 'fargate-cost rightsize --metrics test/fixtures/insights/metrics-output.json --query test/fixtures/insights/metrics-query.json --region us-east-1 --headroom 30% --format json',
      what: 'saved get-metric-data output and its query, 30% headroom, as JSON',
    },
    {
      line: 'fargate-cost rightsize test/fixtures/insights/events.ndjson.gz --cpu-percentile p95 --strategy FARGATE:base=1,weight=0 --strategy FARGATE_SPOT:weight=1',
      what: 'CPU judged at p95, priced at a mix of one On-Demand task and the rest on Spot',
    },
  ],
  explore: [
    {line: 'fargate-cost explore', what: 'the Estimate and Compare views, from 1 vCPU and 2 GB'},
    {
      line: 'fargate-cost explore data/examples/history --as-of 2026-11-04T00:00:00Z',
      what: 'a recorded history: the History, Compare and Estimate views',
    },
    {
      line: 'fargate-cost explore --cluster prod --region us-east-1 --watch 30s',
      what: 'a Live view: the tasks running now, their cost an hour and the month so far, every 30 seconds',
      needsAws: true,
    },
  ],
  prices: [
    {
      line: 'fargate-cost prices show --region us-east-1',
      what: 'every rate of a region, with its source, date and confidence',
    },
    {
      line: 'fargate-cost prices refresh --regions us-east-1',
      what: "today's published rates, fetched and cached",
      needsAws: true,
    },
    {line: 'fargate-cost prices diff previous cached', what: 'what the last refresh changed'},
  ],
  'prices show': [
    {line: 'fargate-cost prices show --region us-east-1,eu-west-1', what: 'every rate of two regions'},
    {line: 'fargate-cost prices show --region ap-south-1 --verbose', what: 'and how each estimated rate was derived'},
  ],
  'prices diff': [
    {line: 'fargate-cost prices diff embedded cached', what: 'the refreshed catalog against the embedded snapshot'},
    {line: 'fargate-cost prices diff previous cached --format json', what: 'what the last refresh changed, as JSON'},
  ],
  'prices refresh': [
    {
      line: 'fargate-cost prices refresh --regions us-east-1,eu-west-1',
      what: 'two regions, written to the cache',
      needsAws: true,
    },
    {
      line: 'fargate-cost prices refresh --source public --regions all',
      what: "every region, from AWS's public offer files and Spot feed, no credentials",
      needsAws: true,
    },
    {
      line: 'fargate-cost prices refresh --regions all --dry-run --timeout 5m',
      what: 'every region, checked and reported, nothing written',
      needsAws: true,
    },
  ],
  'prices snapshot': [
    {
      line: 'fargate-cost prices snapshot --generated-at 2026-11-24T00:00:00Z --out catalog.json',
      what: 'the embedded snapshot, rebuilt from data/sources/ (the same bytes as data/catalog.json)',
    },
    {line: 'fargate-cost prices snapshot --sources data/sources --out catalog.json', what: 'the same, dated now'},
  ],
};

/** The Examples section that ends a command's --help. */
export function examplesHelp(examples: readonly HelpExample[]): string {
  const lines = examples.flatMap(({line, what, needsAws}) => [
    `  $ ${line}`,
    `      ${what}${needsAws ? ' (needs AWS credentials)' : ''}`,
  ]);
  return `\nExamples:\n${lines.join('\n')}`;
}

/** Ends the --help of every command of the tree that has examples with them. */
export function addHelpExamples(program: Command): void {
  const visit = (command: Command, path: string[]) => {
    const key = path.join(' ');
    const examples = HELP_EXAMPLES[key];
    if (examples) command.addHelpText('after', examplesHelp(examples));
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  for (const command of program.commands) visit(command, [command.name()]);
}
