import {Box, Text} from 'ink';
import type {CatalogInfo} from '../../model/priced.js';
import {fit, padEnd, padStart} from '../../report/width.js';
import type {RateGroup} from '../state/estimate-select.js';
import {paint, useTheme} from '../theme.js';

export interface RateSourcesProps {
  readonly groups: readonly RateGroup[];
  readonly catalog: CatalogInfo;
  readonly width: number;
  /** Narrow terminals get shorter lines with less padding. */
  readonly compact: boolean;
}

const CATALOG_KINDS = {embedded: 'embedded snapshot', cache: 'refreshed catalog', file: 'catalog file'} as const;
export const SECTION_LABEL_WIDTH = 8;

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'} old`;
}

/** Where each rate came from and how old it is, then the catalog's own age: the view's provenance. */
export function RateSources({groups, catalog, width, compact}: RateSourcesProps) {
  const theme = useTheme();
  const kindWidth = Math.max(...groups.map((group) => group.kind.length));
  const sourceWidth = Math.max(...groups.map((group) => group.source.length));
  const ageWidth = Math.max(...groups.map((group) => `(${group.ageDays} d)`.length));
  const line = (group: RateGroup) =>
    compact
      ? `${group.kind}: ${group.asOf} (${group.ageDays} d), ${group.confidence}, ${group.source}`
      : `${padEnd(group.kind, kindWidth)}  ${padEnd(group.source, sourceWidth)}  ${group.asOf} ${padStart(`(${group.ageDays} d)`, ageWidth)}  ${group.confidence}`;
  const stale = catalog.stale ? '; stale: run "fargate-cost prices refresh"' : '';
  return (
    <Box flexDirection="column" width={width}>
      {groups.map((group, i) => (
        <Text key={`${group.kind}|${group.source}|${group.asOf}|${group.confidence}`} wrap="truncate-end">
          <Text bold>{padEnd(i === 0 ? 'Rates' : '', SECTION_LABEL_WIDTH)}</Text>
          <Text {...paint(group.confidence === 'estimated' ? theme.warn : undefined)}>
            {fit(line(group), width - SECTION_LABEL_WIDTH)}
          </Text>
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text bold>{padEnd('Catalog', SECTION_LABEL_WIDTH)}</Text>
        <Text {...paint(catalog.stale ? theme.warn : undefined)}>
          {fit(
            `${CATALOG_KINDS[catalog.kind]}, generated ${catalog.generatedAt.slice(0, 10)}, ${days(catalog.ageDays)}${stale} (${catalog.path})`,
            width - SECTION_LABEL_WIDTH,
          )}
        </Text>
      </Text>
    </Box>
  );
}
