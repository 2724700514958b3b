// A framework's text as people type it in one box (a line starting with "#" opens a section, an empty line
// separates paragraphs), and the word diff between two versions, aligned section by section and paragraph by
// paragraph on the keys that stay the same from version to version.
import { diffWordsWithSpace } from 'diff';

export interface DraftSection {
  heading: string;
  paragraphs: string[];
}

export interface KeyedSection {
  key: string;
  heading: string;
  paragraphs: { key: string; body: string }[];
}

export const documentLimits = { sections: 60, paragraphs: 400, heading: 300, paragraph: 6000, total: 120_000 } as const;

/** Parses the typed text; the error is a translation key. */
export function parseDocument(text: string): { ok: true; sections: DraftSection[] } | { ok: false; error: string } {
  if (text.length > documentLimits.total) return { ok: false, error: 'frameworks.errors.tooLong' };
  const sections: DraftSection[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    const body = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (body) sections[sections.length - 1]!.paragraphs.push(body);
    paragraph = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      if (sections.length > 0) endParagraph();
      sections.push({ heading: line.replace(/^#+/, '').trim(), paragraphs: [] });
    } else if (!line) {
      if (sections.length > 0) endParagraph();
    } else {
      if (sections.length === 0) return { ok: false, error: 'frameworks.errors.headingFirst' };
      paragraph.push(line);
    }
  }
  if (sections.length > 0) endParagraph();
  if (sections.length === 0) return { ok: false, error: 'frameworks.errors.textRequired' };
  if (sections.some((s) => !s.heading)) return { ok: false, error: 'frameworks.errors.headingEmpty' };
  if (sections.some((s) => s.paragraphs.length === 0)) return { ok: false, error: 'frameworks.errors.sectionEmpty' };
  if (sections.length > documentLimits.sections || sections.reduce((n, s) => n + s.paragraphs.length, 0) > documentLimits.paragraphs) return { ok: false, error: 'frameworks.errors.tooLong' };
  if (sections.some((s) => s.heading.length > documentLimits.heading || s.paragraphs.some((p) => p.length > documentLimits.paragraph))) return { ok: false, error: 'frameworks.errors.tooLong' };
  return { ok: true, sections };
}

/** The text of a version as it is typed back into the box. */
export function formatDocument(sections: readonly { heading: string; paragraphs: readonly { body: string }[] }[]): string {
  return sections.map((s) => [`# ${s.heading}`, ...s.paragraphs.map((p) => p.body)].join('\n\n')).join('\n\n');
}

/**
 * Keys for a newly typed text: the n-th section keeps the key of the n-th section before it, and so do its
 * paragraphs, so that an edit shows as a change in the diff rather than a removal and an addition.
 */
export function keyed(sections: readonly DraftSection[], before: readonly KeyedSection[], newKey: () => string): KeyedSection[] {
  return sections.map((s, i) => {
    const old = before[i];
    return { key: old?.key ?? newKey(), heading: s.heading, paragraphs: s.paragraphs.map((body, j) => ({ key: old?.paragraphs[j]?.key ?? newKey(), body })) };
  });
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };
export interface ParagraphDiff {
  key: string;
  change: 'same' | 'changed' | 'added' | 'removed';
  parts: DiffPart[];
}
export interface SectionDiff {
  key: string;
  change: 'same' | 'changed' | 'added' | 'removed';
  heading: DiffPart[];
  paragraphs: ParagraphDiff[];
}

function words(from: string, to: string): DiffPart[] {
  return diffWordsWithSpace(from, to).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** Items of `to` in its order, with the items only in `from` put back after the item they followed. */
function aligned<T extends { key: string }>(from: readonly T[], to: readonly T[]): { key: string; a?: T; b?: T }[] {
  const inTo = new Set(to.map((x) => x.key));
  const result: { key: string; a?: T; b?: T }[] = to.map((b) => {
    const a = from.find((x) => x.key === b.key);
    return a ? { key: b.key, a, b } : { key: b.key, b };
  });
  from.forEach((a, i) => {
    if (inTo.has(a.key)) return;
    const previous = from[i - 1];
    const at = previous ? result.findIndex((r) => r.key === previous.key) + 1 : 0;
    result.splice(at, 0, { key: a.key, a });
  });
  return result;
}

export function diffDocuments(from: readonly KeyedSection[], to: readonly KeyedSection[]): SectionDiff[] {
  return aligned(from, to).map(({ key, a, b }) => {
    const paragraphs: ParagraphDiff[] = aligned(a?.paragraphs ?? [], b?.paragraphs ?? []).map(({ key: pk, a: pa, b: pb }) => {
      if (pa && pb) return { key: pk, change: pa.body === pb.body ? 'same' : 'changed', parts: words(pa.body, pb.body) };
      if (pb) return { key: pk, change: 'added', parts: [{ kind: 'added', text: pb.body }] };
      return { key: pk, change: 'removed', parts: [{ kind: 'removed', text: pa!.body }] };
    });
    if (a && b) {
      const same = a.heading === b.heading && paragraphs.every((p) => p.change === 'same');
      return { key, change: same ? 'same' : 'changed', heading: words(a.heading, b.heading), paragraphs };
    }
    if (b) return { key, change: 'added', heading: [{ kind: 'added', text: b.heading }], paragraphs };
    return { key, change: 'removed', heading: [{ kind: 'removed', text: a!.heading }], paragraphs };
  });
}
