#!/usr/bin/env node
import {endQuietlyOnClosedPipe, processIo} from './io.js';
import {run} from './run.js';

endQuietlyOnClosedPipe(process);
process.exitCode = await run(process.argv.slice(2), processIo());
