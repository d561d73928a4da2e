// Issue 12: offline `diff` of two templates against a bare Node start (target: at most 4x).
import {bin, fmt, timeCommand} from './lib.mjs';

const cacheEnv = {FARGATE_COST_CACHE_DIR: '/nonexistent/fargate-cost-bench'};
const bare = timeCommand(['-e', '']);
const diff = timeCommand([bin, 'diff', 'test/fixtures/diff/base.yaml', 'test/fixtures/diff/head.yaml'], {
  env: cacheEnv,
});
const ratio = diff / bare;
console.log(`node -e ''                                              ${fmt(bare)} ms (median of 15)`);
console.log(
  `diff test/fixtures/diff/base.yaml test/fixtures/diff/head.yaml  ${fmt(diff)} ms  = ${fmt(ratio, 2)} x bare node (target: at most 4x)`,
);
