import type { Translate } from "../../i18n/index.js";
import type { AttachmentType } from "../../schema/index.js";

/** The few words a Signal export writes into the chat itself, in the user's language. */
export interface SignalWords {
  /** Who notices are from: signalbackup-tools keeps only messages someone wrote. */
  notices: string;
  /** A notice or call as the text of a message. */
  notice(text: string): string;
  /** A deletion notice whose export gave no words. */
  deleted: string;
  /** The first line of a forwarded message, naming who wrote it first. */
  forwarded(name: string): string;
  /** A message with nothing in it at all (an export's empty line). */
  empty: string;
  /** An attachment that does not arrive as a file: `[Photo]`, `[File: report.pdf]`. */
  attachment(type: AttachmentType, name?: string): string;
}

export function signalWords(t: Translate): SignalWords {
  return {
    notices: t("signal.notices"),
    notice: (text) => (text === "" ? t("signal.notice.bare") : t("signal.notice", { text })),
    deleted: t("chat.deleted"),
    forwarded: (name) => t("chat.forwarded", { name }),
    empty: t("signal.empty"),
    attachment: (type, name) => {
      const kind = t(`signal.media.${type}`);
      return name === undefined ? t("signal.attachment", { kind }) : t("signal.attachmentNamed", { kind, name });
    },
  };
}
