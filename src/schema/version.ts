// Apart from the zod schemas, so that reading an export (src/pipeline.ts) does not load zod.
export const SCHEMA_VERSION = "chatferry/1";

/** How dates that read more than one way are read: the values of DateOrder, here so that checking a flag needs no zod. */
export const DATE_ORDERS = ["dmy", "mdy", "ymd"] as const;
