// Loaded with `node --import`: registers a resolve hook that appends every resolved module URL to
// the file named by RECORD_IMPORTS, so a test can see what a command loaded.
import {register} from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
