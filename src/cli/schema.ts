import { jsonSchema } from "../schema/index.js";
import { outputSink } from "../targets/sink.js";
import type { CliContext } from "./context.js";

export async function schemaCommand(options: { output?: string }, { stdout }: CliContext): Promise<void> {
  const sink = await outputSink(options.output, stdout);
  await sink.write(JSON.stringify(jsonSchema(), null, 2) + "\n");
  await sink.commit();
}
