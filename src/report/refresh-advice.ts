/** The command that fetches regions' rates from AWS's public price files: no AWS account needed. */
export function refreshAdvice(regions: readonly string[]): string {
  return `run "fargate-cost prices refresh --source public --regions ${regions.join(',')}", which needs no AWS account`;
}
