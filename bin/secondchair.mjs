#!/usr/bin/env node
// The `secondchair` command. Runs the TypeScript sources through tsx's loader, so it works from a
// checkout right after `npm install` (see docs/decisions/002-stack.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
