/**
 * The API description of the pinned server, generated from its OpenAPI document and our patch
 * file (`npm run generate`): `Schemas` (one Schema per component), `Operations` (one constant per
 * operation) and `OperationTable.operations` (all by operationId). Only `Descriptor` and this file
 * are hand-written.
 */
export type * as Descriptor from "./Descriptor.ts"
export * as OperationTable from "./OperationTable.ts"
export * as Operations from "./Operations.ts"
export * as Schemas from "./Schemas.ts"
