/**
 * What makes opencode (1.18.x) consider its plugin package installed in a config directory, so
 * that it does not fetch `@opencode-ai/plugin` and ~30 dependencies into it at a project's first
 * request (see `skipPluginInstall` in layers/OpencodeServer.ts): a `node_modules` directory, and a
 * `package-lock.json` whose root entry lists every dependency opencode wants there.
 *
 * One description for the managed server's isolated config directory and for the homes the CLI
 * tests make, so that both follow opencode's check the same way.
 *
 * @internal
 */
import * as NodePath from "node:path"

/**
 * The directory to create and the lock file to write in `configDir` (an opencode config directory,
 * `$XDG_CONFIG_HOME/opencode`).
 *
 * @internal
 */
export const pluginMarker = (configDir: string) => ({
  directory: NodePath.join(configDir, "node_modules"),
  lockFile: NodePath.join(configDir, "package-lock.json"),
  lockFileText: JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: { "@opencode-ai/plugin": "*" } } } })
})
