import { XMLParser } from 'fast-xml-parser';

/**
 * Office XML parts as a small tree that keeps document order (shapes, paragraphs and runs are read in the
 * order they are drawn). fast-xml-parser with preserveOrder gives `{ tag: children, ':@': attributes }`
 * objects; this turns them into nodes with a name, attributes and children. Values stay strings: "007" on a
 * slide is text, not a number. Entities are expanded by the parser, with its own limits on expansion.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Character data, only on text nodes (name '#text'). */
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(raw: Ordered): XmlNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name) return null;
  if (name === '#text') return { name, attrs: {}, children: [], text: String(raw[name]) };
  const children = Array.isArray(raw[name]) ? (raw[name] as Ordered[]).map(toNode).filter((n): n is XmlNode => n !== null) : [];
  return { name, attrs: raw[':@'] ?? {}, children };
}

/** The root element of an XML part; null when it has none or is not XML. */
export function parseXml(xml: string): XmlNode | null {
  let parsed: Ordered[];
  try {
    parsed = parser.parse(xml) as Ordered[];
  } catch {
    return null;
  }
  for (const raw of parsed) {
    const node = toNode(raw);
    if (node && node.name !== '#text') return node;
  }
  return null;
}

/** The local name: "p:sp" -> "sp". Prefixes are a file's choice, not part of the meaning. */
export const localName = (node: XmlNode): string => node.name.slice(node.name.indexOf(':') + 1);

export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => localName(c) === name);

export const childrenNamed = (node: XmlNode | undefined, name: string): XmlNode[] =>
  node ? node.children.filter((c) => localName(c) === name) : [];

/** Follows a path of local names: path(sld, 'cSld', 'spTree'). */
export const path = (node: XmlNode | undefined, ...names: string[]): XmlNode | undefined =>
  names.reduce<XmlNode | undefined>((n, name) => child(n, name), node);

/** An attribute by local name (r:id and id differ only by prefix, so the full name is tried first). */
export const attr = (node: XmlNode | undefined, name: string): string | undefined => {
  if (!node) return undefined;
  if (name in node.attrs) return node.attrs[name];
  const key = Object.keys(node.attrs).find((k) => k.slice(k.indexOf(':') + 1) === name);
  return key === undefined ? undefined : node.attrs[key];
};

/** Every descendant with this local name, in document order. */
export function descendants(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (localName(c) === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}
