import {type OptionId, optionLabel, type RateTable} from '../model/types.js';

/**
 * The words of every result: labels, notes, warnings and plurals, made once here from the results'
 * data, and used alike by the table, Markdown, CSV and JSON renderers and by the terminal UI.
 */

/** `2 tasks`, `1 task`. */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** `a`, `a and b`, `a, b and c`. */
export const listing = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** A catalog's rate table: On-Demand, Fargate Spot, or a Savings Plan's name. */
export function tableLabel(table: RateTable): string {
  if (table === 'on-demand') return 'On-Demand';
  if (table === 'spot') return 'Fargate Spot';
  return optionLabel(`savings-plan-${table}` as OptionId);
}
