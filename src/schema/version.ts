// Apart from the zod schemas, so that reading an export (src/pipeline.ts) does not load zod.
export const SCHEMA_VERSION = "chatferry/1";
