import type { ChatKind, Summary } from "../schema/index.js";
import type { KindEvidence, RawMessage } from "../sources/types.js";

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
 * What the messages' own words show (RawMessage.shows), gathered as they pass: whether
 * one told an event only groups have, and the sender the export says exported the chat.
 * Two senders so named contradict each other: then none is (null). Holds one name at most.
 */
export class Witness {
  private sawGroup = false;
  private named: string | null | undefined = undefined;

  see(m: RawMessage): void {
    if (m.shows === undefined) return;
    if (m.shows === "group") this.sawGroup = true;
    else if (this.named === undefined) this.named = m.sender;
    else if (this.named !== m.sender) this.named = null;
  }

  /** Whether a message told an event only groups have. */
  get group(): boolean {
    return this.sawGroup;
  }

  /** The sender the messages name as the exporter; undefined when none did, null when they named different senders. */
  get exporter(): string | null | undefined {
    return this.named;
  }
}

/** What the end of a reading knows besides the start: see whoAtEnd. */
export interface Ending {
  /** What the export's head says (Detection.kind, RawConversation.kind). */
  evidence?: KindEvidence;
  title: string | null;
  /** The names the export writes for its exporter (Source.selfNames). */
  selfNames?: readonly string[];
  participants: Summary["participants"];
  /** What the messages' own words showed. */
  witness?: Witness;
}

/**
 * What the whole chat decides, where the start did not.
 *
 * Kind: a group event (Witness) makes a group, and so do three or more writers, as a
 * direct chat has two people; a one-to-one title ("pair") makes it direct when exactly two
 * people write and one of them is the name the title gives (a group that shares the
 * title's shape, such as "옛날 동아리 님과 카카오톡 대화", is named after no one in it).
 *
 * Self, where everything that names one names the same person: the sender the messages'
 * words name (Witness), a writer the export names as its exporter (`selfNames`), and in a
 * direct chat titled with one of its two writers, the other one: every export names a
 * one-to-one chat after the person it is with, never after the one who exported it.
 * Anything else stays unknown: nothing is guessed.
 */
export function whoAtEnd(start: Who, { evidence, title, selfNames = [], participants, witness }: Ending): Who {
  const writers = participants.length;
  const titled = writers === 2 && participants.some((p) => p.name === title);
  const kind = start.kind ?? (witness?.group || writers > 2 ? "group" : evidence === "pair" && titled ? "direct" : undefined);
  const self = start.self ?? exporter(witness?.exporter, selfNames, participants, kind === "direct" && titled ? title : null);
  return { ...(kind ? { kind } : {}), ...(self !== undefined ? { self } : {}) };
}

/** The one person every piece of evidence names; `partner`: the person a direct chat is with, so the other writer exported it. */
function exporter(
  witnessed: string | null | undefined,
  selfNames: readonly string[],
  participants: Summary["participants"],
  partner: string | null,
): string | undefined {
  if (witnessed === null) return undefined;
  const named = new Set<string>(witnessed === undefined ? [] : [witnessed]);
  for (const p of participants) if (selfNames.includes(p.name) || (partner !== null && p.name !== partner)) named.add(p.name);
  return named.size === 1 ? [...named][0] : undefined;
}
