#!/usr/bin/env node
import {clearLineOnInterrupt, endQuietlyOnClosedPipe, oneLineWarnings, processIo} from './io.js';
import {run} from './run.js';

endQuietlyOnClosedPipe(process);
oneLineWarnings(process, process.stderr);
const interrupts = clearLineOnInterrupt(process, process.stderr);
process.exitCode = await run(process.argv.slice(2), processIo(interrupts));
