import { jsonSchema } from "../schema/index.js";
import { writeTo } from "../targets/sink.js";
import type { CliContext } from "./context.js";

export async function schemaCommand(options: { output?: string }, { stdout }: CliContext): Promise<void> {
  await writeTo(options.output, stdout, (sink) => sink.write(JSON.stringify(jsonSchema(), null, 2) + "\n"));
}
