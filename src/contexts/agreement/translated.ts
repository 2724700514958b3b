// Texts typed as a list, one item a line.

/** Lines of a multi-line text, without blanks. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[-•✓*]\s*/, '').trim())
    .filter(Boolean);
}
