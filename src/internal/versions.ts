/** The tested server versions, apart from the managed-server module so `ServerInfoService` can check a remote server without loading process code. */

/** The tested range, as shown to users. */
export const testedVersions = "1.18.x"

/** Whether a version string is in {@link testedVersions}. */
export const isTestedVersion = (version: string): boolean => /^1\.18\.\d+/.test(version.trim())
