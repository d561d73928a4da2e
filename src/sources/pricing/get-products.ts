import type {PricingHandle} from './clients.js';

/** Every `GetProducts` PriceList item for AmazonECS in one region, all pages (the SDK's paginator). */
export async function fetchPriceList({client, sdk}: PricingHandle, region: string): Promise<unknown[]> {
  const items: unknown[] = [];
  const pages = sdk.paginateGetProducts(
    {client, pageSize: 100},
    {
      ServiceCode: 'AmazonECS',
      FormatVersion: 'aws_v1',
      // TERM_MATCH on regionCode chooses the price region; no productFamily filter, so that
      // products this tool does not know show up (and are reported) instead of vanishing.
      Filters: [{Type: 'TERM_MATCH', Field: 'regionCode', Value: region}],
    },
  );
  // PriceList items are LazyJsonString objects from the real deserializer, plain strings from mocks.
  for await (const page of pages) items.push(...((page.PriceList ?? []) as unknown[]));
  return items;
}

/** The region codes AmazonECS has prices for (`--regions all`): GetAttributeValues on regionCode. */
export async function fetchRegionCodes({client, sdk}: PricingHandle): Promise<string[]> {
  const codes: string[] = [];
  const pages = sdk.paginateGetAttributeValues(
    {client, pageSize: 100},
    {ServiceCode: 'AmazonECS', AttributeName: 'regionCode'},
  );
  for await (const page of pages) {
    for (const value of page.AttributeValues ?? []) if (value.Value) codes.push(value.Value);
  }
  return [...new Set(codes)].sort();
}
