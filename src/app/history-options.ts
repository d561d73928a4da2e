/** Choices of `history --group-by`, in a module of their own so declaring the command loads nothing else. */
export const GROUP_BY = [
  'group',
  'service',
  'family',
  'cluster',
  'option',
  'day',
  'region',
  'task-definition',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];
