#!/usr/bin/env node
/**
 * The `effect-opencode` command (the package's `bin`): run prompts and batches, manage sessions
 * and watch events against an OpenCode server — an embedded `opencode serve` by default, with
 * the offline demo model `local/echo` when no model is configured — or run batches across
 * machines in cluster mode (`runner`, `batch --database`).
 *
 *   effect-opencode run "Write a haiku about Effect" --model local/echo
 *   effect-opencode batch tasks.jsonl --concurrency 5 --out results.jsonl
 *   effect-opencode sessions list --url http://127.0.0.1:4096
 *   effect-opencode runner --database postgres://app@db/batches --servers 2
 *   effect-opencode batch tasks.jsonl --database postgres://app@db/batches
 *   effect-opencode batch status --database postgres://app@db/batches
 */
import { runMain } from "../cli/Main.ts"

runMain()
