/** proxy-from-env ships no types: its one function, as its README describes it. */
declare module 'proxy-from-env' {
  /** The proxy URL for a request URL from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY (either case) and NO_PROXY, or '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
