/** Evidence a detector found in the head of a file. */
export interface Evidence {
  title: boolean;
  saved: boolean;
  /** Lines the format explains (messages, notices, headings). */
  structural: number;
  /** Non-empty lines looked at. */
  content: number;
  /** The file name is the one this export gets. */
  hint: boolean;
}

/**
 * Header lines are strong evidence; the share of lines the format explains
 * is the rest (continuation lines of long messages lower it, hence not 1.0).
 */
export function confidence(e: Evidence): number {
  const share = e.content === 0 ? 0 : e.structural / e.content;
  const score = (e.title ? 0.2 : 0) + (e.saved ? 0.3 : 0) + 0.6 * Math.min(1, share * 1.5) + (e.hint ? 0.1 : 0);
  return Math.round(Math.min(1, score) * 100) / 100;
}
