// Direction isolates for text placed inside a translated sentence, where no element can be used (a
// message's placeholder, an attribute): without them, "1234 5678" in an Arabic sentence reads "5678 1234".

/** Text that must read left to right whatever surrounds it (receipts, codes, numbers): LRI … PDI. */
export function ltrRun(text: string): string {
  return `\u2066${text}\u2069`;
}

/** Text of unknown direction (a name someone typed): FSI … PDI, its direction taken from its first strong letter. */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
