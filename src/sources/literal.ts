/** Text as a regular expression that matches it exactly: word lists build the patterns that read them. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Any one of the texts, as a regular expression group. */
export function anyOf(texts: readonly string[]): string {
  return `(?:${texts.map(literal).join("|")})`;
}
