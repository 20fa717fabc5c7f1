import type { Call } from "../../schema/index.js";

/**
 * Calls as exports write them (iOS, and Android since 2024): `‎Voice call, ‎3 min`,
 * `‎Missed video call, ‎Tap to call back`, `Videoanruf. 1 Std.` — the kind of call,
 * then after ", " or ". " what became of it: a duration or the app's words for the
 * outcome. A call is an event, not text from the caller. Strings marked [M] are
 * unconfirmed translations.
 */

type Kind = Pick<Call, "media" | "outcome">;

const voice = (outcome: Call["outcome"]): Kind => ({ media: "voice", outcome });
const video = (outcome: Call["outcome"]): Kind => ({ media: "video", outcome });

/**
 * What the first words say. "unknown" heads (a call someone made or took) need
 * the words after them to tell how it went.
 */
const HEADS = new Map<string, Kind>([
  ["Voice call", voice("unknown")],
  ["Video call", video("unknown")],
  ["Group voice call", voice("unknown")],
  ["Group video call", video("unknown")],
  ["Missed voice call", voice("missed")],
  ["Missed video call", video("missed")],
  ["Missed group voice call", voice("missed")],
  ["Missed group video call", video("missed")],
  ["Silenced voice call", voice("missed")],
  ["Silenced video call", video("missed")],
  ["You missed a voice call", voice("missed")],
  ["You missed a video call", video("missed")],
  ["Sprachanruf", voice("unknown")],
  ["Videoanruf", video("unknown")],
  ["Ausgehender Sprachanruf", voice("unknown")],
  ["Ausgehender Videoanruf", video("unknown")],
  ["Eingehender Sprachanruf", voice("unknown")], // [M]
  ["Eingehender Videoanruf", video("unknown")], // [M]
  ["Gruppen-Sprachanruf", voice("unknown")], // [M]
  ["Gruppen-Videoanruf", video("unknown")], // [M]
  ["Verpasster Sprachanruf", voice("missed")],
  ["Verpasster Videoanruf", video("missed")],
  ["Verpasster Gruppen-Sprachanruf", voice("missed")],
  ["Verpasster Gruppen-Videoanruf", video("missed")], // [M]
  ["Stummgeschalteter Sprachanruf", voice("missed")], // [M]
  ["Stummgeschalteter Videoanruf", video("missed")], // [M]
  ["Du hast einen Sprachanruf verpasst", voice("missed")],
  ["Du hast einen Videoanruf verpasst", video("missed")],
  // A group's voice chat (2024): `‎Sprachchat. ‎‎2 Sek. • ‎1 beigetreten`, how many joined after the duration.
  ["Sprachchat", voice("unknown")],
  ["Voice chat", voice("unknown")], // [M]
  ["Llamada de voz", voice("unknown")],
  ["Videollamada", video("unknown")],
  ["Llamada de voz grupal", voice("unknown")], // [M]
  ["Videollamada grupal", video("unknown")], // [M]
  ["Llamada de voz perdida", voice("missed")],
  ["Videollamada perdida", video("missed")],
  ["Llamada de voz grupal perdida", voice("missed")], // [M]
  ["Videollamada grupal perdida", video("missed")], // [M]
  ["Llamada de voz silenciada", voice("missed")], // [M]
  ["Videollamada silenciada", video("missed")], // [M]
  ["Chamada de voz", voice("unknown")],
  ["Chamada de vídeo", video("unknown")],
  ["Chamada de voz em grupo", voice("unknown")], // [M]
  ["Chamada de vídeo em grupo", video("unknown")], // [M]
  ["Chamada de voz perdida", voice("missed")],
  ["Chamada de vídeo perdida", video("missed")],
  ["Chamada de voz em grupo perdida", voice("missed")], // [M]
  ["Chamada de vídeo em grupo perdida", video("missed")], // [M]
  ["Chamada de voz silenciada", voice("missed")], // [M]
  ["Chamada de vídeo silenciada", video("missed")], // [M]
  ["Panggilan suara", voice("unknown")], // [M]
  ["Panggilan video", video("unknown")], // [M]
  ["Panggilan suara grup", voice("unknown")], // [M]
  ["Panggilan video grup", video("unknown")], // [M]
  ["Panggilan suara tak terjawab", voice("missed")], // [M]
  ["Panggilan video tak terjawab", video("missed")], // [M]
  ["Chiamata vocale", voice("unknown")],
  ["Videochiamata", video("unknown")],
  ["Chiamata vocale persa", voice("missed")],
  ["Videochiamata persa", video("missed")],
  ["Appel vocal", voice("unknown")], // [M]
  ["Appel vidéo", video("unknown")], // [M]
  ["Appel vocal manqué", voice("missed")], // [M]
  ["Appel vidéo manqué", video("missed")], // [M]
  ["Spraakoproep", voice("unknown")], // [M]
  ["Video-oproep", video("unknown")], // [M]
  ["Gemiste spraakoproep", voice("missed")], // [M]
  ["Gemiste video-oproep", video("missed")], // [M]
  ["음성 통화", voice("unknown")], // [M]
  ["영상 통화", video("unknown")], // [M]
  ["부재중 음성 통화", voice("missed")], // [M]
  ["부재중 영상 통화", video("missed")], // [M]
]);
const LONGEST_HEAD = Math.max(...[...HEADS.keys()].map((k) => k.length));
/** Most bodies fail on their first character, before any slicing. */
const HEAD_FIRST = new Set([...HEADS.keys()].map((k) => k.charCodeAt(0)));

/** The words after the head that say how a call went (compared in lower case). */
const OUTCOMES = new Map<string, Call["outcome"]>([
  ["no answer", "missed"],
  ["tap to call back", "missed"],
  ["click to call back", "missed"],
  ["focus mode", "missed"],
  ["declined", "declined"],
  ["cancelled", "cancelled"],
  ["canceled", "cancelled"],
  ["answered on other device", "answered"],
  ["keine antwort", "missed"], // [M]
  ["zum rückruf tippen", "missed"], // [M]
  ["abgelehnt", "declined"], // [M]
  ["sin respuesta", "missed"], // [M]
  ["toca para devolver la llamada", "missed"], // [M]
  ["rechazada", "declined"], // [M]
  ["sem resposta", "missed"],
  ["toque para retornar a chamada", "missed"], // [M]
  ["recusada", "declined"],
  ["tidak ada jawaban", "missed"], // [M]
  ["ditolak", "declined"], // [M]
  ["nessuna risposta", "missed"], // [M]
  ["rifiutata", "declined"], // [M]
  ["pas de réponse", "missed"], // [M]
  ["refusé", "declined"], // [M]
  ["geen antwoord", "missed"], // [M]
  ["geweigerd", "declined"], // [M]
  ["응답 없음", "missed"], // [M]
  ["거절됨", "declined"], // [M]
]);

/** Duration units, lower case and without a final period, in seconds. */
const UNITS = new Map<string, number>([
  ["sec", 1], ["secs", 1], ["s", 1], ["second", 1], ["seconds", 1], ["sek", 1], ["seg", 1], ["segundos", 1], ["detik", 1], ["dtk", 1], ["secondi", 1], ["seconden", 1], ["초", 1],
  ["min", 60], ["mins", 60], ["minute", 60], ["minutes", 60], ["minuten", 60], ["minutos", 60], ["menit", 60], ["minuti", 60], ["분", 60],
  ["hr", 3600], ["hrs", 3600], ["h", 3600], ["hour", 3600], ["hours", 3600], ["std", 3600], ["stunde", 3600], ["stunden", 3600], ["hora", 3600], ["horas", 3600], ["jam", 3600], ["ora", 3600], ["ore", 3600], ["uur", 3600], ["heure", 3600], ["heures", 3600], ["시간", 3600],
]);

/** The export's own words for calls, for a redacted sample (src/redact/); one-letter units ("h", "s") would stand for every such letter. */
export const CALL_WORDS: readonly string[] = [...HEADS.keys(), ...OUTCOMES.keys(), ...[...UNITS.keys()].filter((u) => u.length > 1)];

/** "3 min", "1 hr", "1 h 2 min", "2 Min.", "45 detik", "2\u00a0Sek.": at most three parts of a number and a unit. */
const DURATION = /^(\d{1,4})[ \u00a0\u202f]?([^\d\s]{1,8})(?: (\d{1,4})[ \u00a0\u202f]?([^\d\s]{1,8}))?(?: (\d{1,4})[ \u00a0\u202f]?([^\d\s]{1,8}))?$/;

function seconds(words: string): number | null {
  const m = DURATION.exec(words);
  if (!m) return null;
  let total = 0;
  for (let i = 1; i < 7 && m[i] !== undefined; i += 2) {
    const unit = m[i + 1]!.toLowerCase();
    const size = UNITS.get(unit.charCodeAt(unit.length - 1) === 46 ? unit.slice(0, -1) : unit);
    if (size === undefined) return null;
    total += Number(m[i]) * size;
  }
  return total;
}

export interface CallEvent {
  call: Call;
  /** The export's own words without its marks. */
  text: string;
}

/**
 * The call a message body tells of, or null; `by` is the message's author. `marked`:
 * iOS put U+200E before the body, as it does for every event; without it a bare
 * "Video call" could be anyone's words, so an unmarked body needs words after the
 * head that say how it went.
 */
export function readCall(body: string, marked: boolean, by: string): CallEvent | null {
  if (!HEAD_FIRST.has(body.charCodeAt(0))) return null;
  // The head ends at the first ", " or ". "; a longer first phrase is no call.
  const n = body.length;
  const limit = Math.min(n, LONGEST_HEAD + 1);
  let cut = -1;
  for (let i = 1; i < limit; i++) {
    const c = body.charCodeAt(i);
    if ((c === 44 /* , */ || c === 46) /* . */ && body.charCodeAt(i + 1) === 32) {
      cut = i;
      break;
    }
  }
  if (cut < 0) {
    if (n > LONGEST_HEAD + 1) return null;
    cut = body.charCodeAt(n - 1) === 46 ? n - 1 : n;
  } else if (n > cut + 40) {
    return null;
  }
  const kind = HEADS.get(body.slice(0, cut));
  if (!kind) return null;
  const text = body.replaceAll("\u200e", "");
  const words = text.slice(cut + 2).trim();
  // What follows " • " (who joined a voice chat) says nothing of how the call went.
  const bullet = words.indexOf(" • ");
  const rest = bullet >= 0 ? words.slice(0, bullet) : words;
  let outcome = kind.outcome;
  let secs: number | null = null;
  if (rest !== "") {
    secs = seconds(rest);
    const said = secs === null ? OUTCOMES.get((rest.endsWith(".") ? rest.slice(0, -1) : rest).toLowerCase()) : undefined;
    // Words this table lacks leave the outcome unknown rather than guessed; unmarked, they may be anyone's.
    if (secs === null && said === undefined && !marked) return null;
    if (outcome === "unknown") outcome = secs !== null ? "answered" : (said ?? "unknown");
  } else if (!marked && outcome === "unknown") {
    return null;
  }
  const call: Call = secs === null ? { media: kind.media, outcome, by } : { media: kind.media, outcome, seconds: secs, by };
  return { call, text };
}
