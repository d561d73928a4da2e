/** The tool's version: `--version`, and the user agent of every AWS call. package.json holds the same (a test keeps them equal). */
export const VERSION = '0.1.0';
