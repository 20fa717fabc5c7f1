import { drain, type Conversation } from "../../pipeline.js";
import type { Summary } from "../../schema/index.js";
import type { Sink } from "../sink.js";

/** Prepends `"type":…` to an object's JSON without building a second object per message. */
function record(type: string, value: object): string {
  const json = JSON.stringify(value);
  return json.length > 2 ? `{"type":"${type}",${json.slice(1)}` : `{"type":"${type}"}`;
}

/** The NDJSON contract: per conversation a header record, its messages, then a summary. */
export async function writeNdjson(conversations: AsyncIterable<Conversation>, sink: Sink): Promise<Summary[]> {
  const summaries: Summary[] = [];
  for await (const conversation of conversations) {
    await sink.write(record("conversation", conversation.header) + "\n");
    const summary = await drain(conversation, async (batch) => {
      const lines = new Array<string>(batch.length);
      for (let i = 0; i < batch.length; i++) lines[i] = record("message", batch[i]!) + "\n";
      await sink.write(lines);
    });
    await sink.write(record("summary", summary) + "\n");
    summaries.push(summary);
  }
  return summaries;
}

/** One JSON document: `{"schema", "conversations": [{"conversation", "messages", "summary"}]}`, streamed. */
export async function writeJson(conversations: AsyncIterable<Conversation>, sink: Sink): Promise<Summary[]> {
  const summaries: Summary[] = [];
  await sink.write('{"schema":"chatferry/1","conversations":[');
  let firstConversation = true;
  for await (const conversation of conversations) {
    await sink.write(`${firstConversation ? "" : ","}\n{"conversation":${JSON.stringify(conversation.header)},"messages":[`);
    firstConversation = false;
    let firstMessage = true;
    const summary = await drain(conversation, async (batch) => {
      const records = batch.map((message) => {
        const text = (firstMessage ? "\n" : ",\n") + JSON.stringify(message);
        firstMessage = false;
        return text;
      });
      await sink.write(records);
    });
    await sink.write(`\n],"summary":${JSON.stringify(summary)}}`);
    summaries.push(summary);
  }
  await sink.write("\n]}\n");
  return summaries;
}
