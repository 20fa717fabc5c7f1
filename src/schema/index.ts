export * from "./message.js";
export * from "./conversation.js";
export * from "./ndjson.js";
