// Tests read XML (feeds) with a conforming parser, not with patterns: a document that is not well-formed fails here.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** The local name; uri is its namespace. */
  name: string;
  uri: string;
  /** Attributes by their written name ('href', 'xml:lang'). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside it, entities resolved. */
  text: string;
  parent: XmlElement | null;
}

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const errors: Error[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => void errors.push(error));
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1) ?? null;
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const element: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [], text: '', parent };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(source).close();
  if (errors.length) throw new Error(`not well-formed XML: ${errors.map((e) => e.message).join('; ')}`);
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of an element with this local name. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
export const childNamed = (element: XmlElement, name: string) => childrenNamed(element, name)[0];

/** The language in effect on an element: its own xml:lang, else its nearest ancestor's. */
export function langOf(element: XmlElement): string | undefined {
  for (let e: XmlElement | null = element; e; e = e.parent) if (e.attributes['xml:lang'] !== undefined) return e.attributes['xml:lang'];
  return undefined;
}
