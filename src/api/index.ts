/**
 * The API description: every schema and every operation of the pinned OpenCode server, generated
 * from its OpenAPI document and our patch file (`npm run generate`; see scripts/generate.ts).
 *
 * `Schemas` holds one Effect Schema per component of the document; `Operations` one constant per
 * operation (method, path, parameters, body, success and error schemas) that a transport derives
 * its calls from (`Operations.sessionGet`), and `OperationTable.operations` all of them by
 * operationId. Only `Descriptor` and this file are written by hand.
 */
export type * as Descriptor from "./Descriptor.ts"
export * as OperationTable from "./OperationTable.ts"
export * as Operations from "./Operations.ts"
export * as Schemas from "./Schemas.ts"
