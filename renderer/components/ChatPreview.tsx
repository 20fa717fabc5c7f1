import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { PreviewMessage } from "../../electron/ipc.js";
import { api } from "../bridge.js";
import { dateTime, duration, number } from "../format.js";
import { useWords, type Translate } from "../i18n/index.js";

/** Every bubble is one height, so the scroll position alone says which messages are in view. */
export const ROW = 72;
const PAGE = 200;
/** Pages kept; the rest are fetched again when scrolled back to. */
const CACHED_PAGES = 40;
/**
 * Browsers cap an element's height (Chromium near 33 million px); a million
 * bubbles would exceed it. Beyond this, the scrollbar maps proportionally
 * onto the messages instead of pixel for pixel.
 */
const MAX_HEIGHT = 4_000_000;

export interface Props {
  input: string;
  conversation: string;
  count: number;
  me: string | null;
  timeZone: string;
}

/** Which messages are in view at a scroll position, and where the first one starts. */
export function windowAt(scrollTop: number, height: number, count: number): { first: number; last: number; offset: number } {
  const total = count * ROW;
  const spacer = Math.min(total, MAX_HEIGHT);
  const top = total <= MAX_HEIGHT ? scrollTop : (scrollTop / Math.max(1, spacer - height)) * Math.max(0, total - height);
  const first = Math.max(0, Math.min(count - 1, Math.floor(top / ROW)));
  const last = Math.min(count - 1, first + Math.ceil(height / ROW));
  return { first, last, offset: first * ROW - top };
}

/** The conversation as chat bubbles, drawing only the rows in view: smooth through a million messages. */
export function ChatPreview({ input, conversation, count, me, timeZone }: Props) {
  const { lang, t } = useWords();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 400 });
  const pages = useRef(new Map<number, PreviewMessage[] | "loading">());
  const [, setLoaded] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => setView((v) => ({ ...v, height: element.clientHeight })));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  /** Bumped when the conversation changes: answers for the previous one are dropped. */
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    pages.current.clear();
    scroller.current?.scrollTo({ top: 0 });
    setView((v) => ({ ...v, top: 0 }));
  }, [input, conversation]);

  const { first, last, offset } = windowAt(view.top, view.height, count);
  const inView = useRef({ first: 0, last: 0 });
  inView.current = { first: Math.floor(first / PAGE), last: Math.floor(last / PAGE) };

  useEffect(() => {
    const asked = generation.current;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (pages.current.has(page)) continue;
      pages.current.set(page, "loading");
      void api.previewPage({ input, conversation, from: page * PAGE, count: PAGE }).then((result) => {
        if (asked !== generation.current) return;
        if (!result.ok) {
          pages.current.delete(page);
          return;
        }
        pages.current.set(page, result.value.messages);
        // The oldest pages go first, never those in view.
        for (const key of pages.current.keys()) {
          if (pages.current.size <= CACHED_PAGES) break;
          if (key < inView.current.first || key > inView.current.last) pages.current.delete(key);
        }
        setLoaded((n) => n + 1);
      });
    }
  }, [first, last, input, conversation]);

  const rows: ReactNode[] = [];
  for (let i = first; i <= last && count > 0; i++) {
    const page = pages.current.get(Math.floor(i / PAGE));
    const message = page === undefined || page === "loading" ? undefined : page[i % PAGE];
    const top = offset + (i - first) * ROW;
    rows.push(
      <div className="row-slot" key={i} style={{ transform: `translateY(${top}px)` }} role="listitem">
        {message ? <Bubble message={message} mine={me !== null && message.sender === me} lang={lang} t={t} timeZone={timeZone} /> : <div className="row loading">{t("check.loading")}</div>}
      </div>,
    );
  }

  return (
    <div className="preview-frame">
      <p className="preview-position" data-testid="preview-position">
        {t("check.previewPosition", { from: number(lang, count === 0 ? 0 : first + 1), count: number(lang, count) })}
      </p>
      <div
        className="preview"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={t("check.previewLabel", { count: number(lang, count) })}
        onScroll={(event) => {
          const top = event.currentTarget.scrollTop;
          setView((v) => ({ ...v, top }));
        }}
      >
        <div className="preview-window" role="list">
          {rows}
        </div>
        <div className="preview-spacer" style={{ height: `${Math.min(count * ROW, MAX_HEIGHT)}px` }} />
      </div>
    </div>
  );
}

function Bubble({ message, mine, lang, t, timeZone }: { message: PreviewMessage; mine: boolean; lang: "ko" | "en"; t: Translate; timeZone: string }) {
  const time = dateTime(lang, message.time, timeZone);
  if (message.kind === "system") {
    const call = message.call;
    // A call is an event like any notice, with its kind's icon and how long it lasted.
    return (
      <div className={call ? "row system call" : "row system"} data-seq={message.seq}>
        <span className="system-text">
          {call ? (call.media === "video" ? "🎥 " : "📞 ") : ""}
          {message.text}
        </span>
        <span className="meta">{call?.seconds ? `${time} · ${duration(t, call.seconds * 1000)}` : time}</span>
      </div>
    );
  }
  return (
    <div className={mine ? "row mine" : "row"} data-seq={message.seq}>
      <div className="meta">
        <span className="sender">{message.sender ?? ""}</span> <span>{time}</span>
      </div>
      <div className={message.kind === "deleted" ? "bubble deleted" : "bubble"}>
        {message.forwardedFrom === undefined ? null : <span className="attachment forwarded">{t("bubble.forwarded", { name: message.forwardedFrom })}</span>}
        {message.attachments.map((a, i) => (
          <span className={a.found ? "attachment" : "attachment missing"} key={i}>
            {t(`bubble.attachment.${a.type}`)}
            {a.name ? `: ${a.name}` : ""}
            {a.found ? "" : ` (${t("bubble.missing")})`}
          </span>
        ))}
        {message.kind === "deleted" && message.text === "" ? t("bubble.deleted") : message.text}
      </div>
    </div>
  );
}
