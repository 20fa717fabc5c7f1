import type { ChatKind, Summary } from "../schema/index.js";
import type { KindEvidence } from "../sources/types.js";

export interface Who {
  kind?: ChatKind;
  self?: string;
}

/** What is known before any message: the kind the export's head decides, the name the user gave (`--me`). */
export function whoAtStart(evidence: KindEvidence | undefined, me: string | undefined): Who {
  return {
    ...(evidence !== undefined && evidence !== "pair" ? { kind: evidence } : {}),
    ...(me !== undefined ? { self: me } : {}),
  };
}

/**
 * What the whole chat decides, where the start did not. Kind: a direct chat has two
 * people, so three or more writers make any chat a group; a one-to-one title ("pair")
 * makes it direct when exactly two people write and one of them is the name the title
 * gives (a group that shares the title's shape, such as "옛날 동아리 님과 카카오톡 대화",
 * is named after no one in it). Self: the one writer the export names as its exporter
 * (`selfNames`). Anything else stays unknown: nothing is guessed.
 */
export function whoAtEnd(
  start: Who,
  evidence: KindEvidence | undefined,
  title: string | null,
  selfNames: readonly string[],
  participants: Summary["participants"],
): Who {
  const writers = participants.length;
  const pair = evidence === "pair" && writers === 2 && participants.some((p) => p.name === title);
  const kind = start.kind ?? (writers > 2 ? "group" : pair ? "direct" : undefined);
  const named = participants.filter((p) => selfNames.includes(p.name));
  const self = start.self ?? (named.length === 1 ? named[0]!.name : undefined);
  return { ...(kind ? { kind } : {}), ...(self !== undefined ? { self } : {}) };
}
