import type {z} from 'zod';
import {UserError, untrusted} from '../errors.js';
import {ProblemError} from '../model/problems.js';
import {type Catalog, type CatalogOrigin, checkedCatalog} from './catalog.js';
import {type CatalogJson, catalogSchema} from './schema.js';
import {catalogProblems, listProblems} from './validate.js';

/**
 * The catalog's schema at work (zod): reading a catalog file, and the last gate before one is written.
 * Kept apart from catalog.ts so that a command that reads only the embedded snapshot, which its build
 * checked, does not load the schema library.
 */

function issuesOf(error: z.ZodError, limit = 3): string[] {
  // Paths and messages can quote the file's own keys: escaped and cut.
  return error.issues
    .slice(0, limit)
    .map((issue) =>
      untrusted(`${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`, 160),
    );
}

/**
 * Validates catalog JSON (already parsed) and builds the lookup: the schema, then `checkedCatalog`'s
 * checks. Pure: the caller reads the file and the clock.
 */
export function parseCatalog(json: unknown, origin: CatalogOrigin, now: Date): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const more = Math.max(0, parsed.error.issues.length - 3);
    throw new ProblemError({kind: 'invalid-catalog', path: origin.path, issues: issuesOf(parsed.error), more});
  }
  return checkedCatalog(parsed.data, origin, now);
}

/**
 * The last gate before a catalog is written: the schema (again, on exactly what will be written)
 * and `catalogProblems`. Throws a UserError listing the first problems; returns the checked JSON.
 */
export function validateCatalog(json: CatalogJson, what: string): CatalogJson {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`the ${what} is not valid (${issue.path.join('.')}: ${issue.message}); nothing was written`);
  }
  const problems = catalogProblems(parsed.data);
  if (problems.length > 0) {
    throw new UserError(`the ${what} failed validation: ${listProblems(problems)}; nothing was written`, {
      hint: 'a source was probably misread; report it with the command you ran',
    });
  }
  return parsed.data;
}
