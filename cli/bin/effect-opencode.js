#!/usr/bin/env node
// The `effect-opencode` command; everything it does lives in the library's CLI entry.
import { runMain } from "effect-opencode/cli"

runMain()
