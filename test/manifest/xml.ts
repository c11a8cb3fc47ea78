/**
 * A very small XML reader, enough for manifest.xml: elements, attributes, text, comments and the
 * XML declaration. No DTDs, CDATA or processing instructions beyond the declaration. Throws on
 * mismatched or unclosed tags, so a broken manifest fails the tests.
 */
export interface XmlElement {
  /** The name as written, with any prefix ("bt:Image"). */
  name: string;
  /** The name without its prefix ("Image"). */
  localName: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`Unknown XML entity ${whole}`);
    return value;
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    const [, name, doubleQuoted, singleQuoted] = match;
    if (name === undefined) continue; // the pattern's first group is not optional
    if (name in attributes) throw new Error(`Duplicate attribute ${name}`);
    attributes[name] = decode(doubleQuoted ?? singleQuoted ?? "");
  }
  return attributes;
}

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, "").replace(/<!--[\s\S]*?-->/g, "");
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const root: XmlElement = { name: "#document", localName: "#document", attributes: {}, children: [], text: "", parent: null };
  let current = root;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body)) !== null) {
    const [, closing, name, attributeSource, selfClosing, text, strayBracket] = match;
    if (strayBracket !== undefined) throw new Error(`Malformed markup at offset ${match.index}`);
    if (text !== undefined) {
      current.text += decode(text);
      continue;
    }
    // Neither text nor a stray "<": the tag alternative matched, and its name is not optional.
    if (name === undefined) throw new Error(`Malformed markup at offset ${match.index}`);
    if (closing) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      current = current.parent ?? root;
      continue;
    }
    const element: XmlElement = {
      name,
      localName: name.includes(":") ? name.slice(name.indexOf(":") + 1) : name,
      attributes: parseAttributes(attributeSource ?? ""),
      children: [],
      text: "",
      parent: current,
    };
    current.children.push(element);
    if (!selfClosing) current = element;
  }
  if (current !== root) throw new Error(`<${current.name}> is never closed`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error(`Expected one root element, found ${elements.length}`);
  if (root.text.trim() !== "") throw new Error("Text outside the root element");
  return elements[0]!;
}

/** An attribute the caller cannot do without; throws, naming the element, when it is missing. */
export function attribute(element: XmlElement, name: string): string {
  const value = element.attributes[name];
  if (value === undefined) throw new Error(`<${element.name}> has no ${name} attribute`);
  return value;
}

/** Every element under `element`, depth first in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const c of node.children) {
      found.push(c);
      visit(c);
    }
  };
  visit(element);
  return found;
}

/** Every element under `element` (depth first, document order) whose local name is `localName`. */
export function findAll(element: XmlElement, localName: string): XmlElement[] {
  return descendants(element).filter((e) => e.localName === localName);
}

/** Follows a path of local names through direct children; throws if any step is missing or ambiguous. */
export function child(element: XmlElement, ...path: string[]): XmlElement {
  let node = element;
  for (const step of path) {
    const matches = node.children.filter((c) => c.localName === step);
    if (matches.length !== 1) throw new Error(`Expected one <${step}> in <${node.name}>, found ${matches.length}`);
    node = matches[0]!;
  }
  return node;
}
