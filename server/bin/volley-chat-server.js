#!/usr/bin/env node
// Runs the compiled server (`npm run build` at the repository root makes server/dist).
import '../dist/cli.js';
