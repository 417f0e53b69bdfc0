/**
 * The OpenCode server versions this library is tested against, apart from the managed-server
 * module (which re-exports them) so the client's `ServerInfoService` can check a remote server's
 * version without loading process-spawning code.
 *
 * @internal
 */

/** The tested range, as shown to users. */
export const testedVersions = "1.18.x"

/** Whether a version string is in {@link testedVersions}. */
export const isTestedVersion = (version: string): boolean => /^1\.18\.\d+/.test(version.trim())
