/**
 * What makes opencode 1.18 consider its plugin package installed in a config directory (a
 * `node_modules` and a `package-lock.json` whose root lists every dependency it wants), so it does
 * not fetch `@opencode-ai/plugin` and ~30 packages at a project's first request. One description
 * for the managed server's isolated config and the CLI tests' homes.
 */
import * as NodePath from "node:path"

/** The directory to create and the lock file to write in `configDir` (`$XDG_CONFIG_HOME/opencode`). */
export const pluginMarker = (configDir: string) => ({
  directory: NodePath.join(configDir, "node_modules"),
  lockFile: NodePath.join(configDir, "package-lock.json"),
  lockFileText: JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { "@opencode-ai/plugin": "*" } } } })
})
