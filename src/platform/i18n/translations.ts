// Texts stored per language: a name or description in other languages than the territory's own, by locale.
export type Translations = Partial<Record<string, string>>;
