// hast → HTML, byte for byte as `hast-util-to-html` writes it with its default options, several times faster on the
// trees papers render to: property information is looked up once per property name, not once per attribute, and text
// and attribute values without a character to escape are used as they are. Anything outside HTML elements, text and
// their attributes (comments, doctypes, raw nodes, `svg`, `template`, `script` and `style`) is handed to
// `hast-util-to-html` itself. `test/present-html.test.ts` holds the two to the same output.
import type { Element, Nodes, Properties } from 'hast';
import { toHtml as reference } from 'hast-util-to-html';
import { htmlVoidElements } from 'html-void-elements';
import { find, html as htmlSchema } from 'property-information';

/** Serialise a tree (or node) as `toHtml` from `hast-util-to-html` does with no options. */
export function toHtml(node: Nodes): string {
  switch (node.type) {
    case 'root':
      return children(node.children);
    case 'element':
      return element(node);
    case 'text':
      return escape(node.value, textSpecial, textSubset);
    default:
      return reference(node);
  }
}

function children(nodes: Nodes[]): string {
  let out = '';
  for (const n of nodes) out += n.type === 'element' ? element(n) : n.type === 'text' ? escape(n.value, textSpecial, textSubset) : reference(n);
  return out;
}

const voids = new Set(htmlVoidElements);
// Elements whose content `hast-util-to-html` serialises by other rules (another namespace, raw text, a fragment).
const delegated = new Set(['svg', 'template', 'script', 'style']);

function element(node: Element): string {
  if (delegated.has(node.tagName)) return reference(node);
  const attributes = serializeAttributes(node.properties);
  const content = children(node.children as Nodes[]);
  // A void element with children is written as a normal one, as `hast-util-to-html` does.
  const selfClosing = !content && voids.has(node.tagName.toLowerCase());
  const open = '<' + node.tagName + (attributes ? ' ' + attributes : '') + '>';
  return selfClosing ? open : open + content + '</' + node.tagName + '>';
}

function serializeAttributes(properties: Properties | undefined): string {
  let out = '';
  if (!properties) return out;
  for (const key in properties) {
    const value = properties[key];
    if (value === null || value === undefined) continue;
    const attribute = serializeAttribute(key, value);
    if (attribute) out += out ? ' ' + attribute : attribute;
  }
  return out;
}

interface PropertyInfo {
  /** The attribute name, escaped as a name. */
  name: string;
  attribute: string;
  boolean: boolean;
  overloadedBoolean: boolean;
  commaSeparated: boolean;
}

// `find` is pure for a schema and a name; the same few names recur on every element.
const infos = new Map<string, PropertyInfo>();

function infoOf(key: string): PropertyInfo {
  let info = infos.get(key);
  if (!info) {
    const found = find(htmlSchema, key);
    info = {
      name: escape(found.attribute, nameSpecial, nameSubset),
      attribute: found.attribute,
      boolean: found.boolean,
      overloadedBoolean: found.overloadedBoolean,
      commaSeparated: found.commaSeparated,
    };
    infos.set(key, info);
  }
  return info;
}

function serializeAttribute(key: string, raw: Properties[string]): string {
  const info = infoOf(key);
  let value: unknown = raw;
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true;
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value);
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (value === true) return info.name;
  let text: string;
  if (Array.isArray(value)) {
    // `comma-separated-tokens` and `space-separated-tokens`, as `hast-util-to-html` calls them.
    const list = info.commaSeparated && value[value.length - 1] === '' ? [...value, ''] : value;
    text = list.join(info.commaSeparated ? ', ' : ' ').trim();
  } else text = String(value);
  return info.name + '="' + escape(text, valueSpecial, valueSubset) + '"';
}

// The characters `hast-util-to-html` encodes by default (no parse errors, no dangerous characters), as `&#x…;`.
const textSubset = /[<&]/g;
const textSpecial = /[<&]/;
const nameSubset = /[\0\t\n\f\r "&'/<=>`]/g;
const nameSpecial = /[\0\t\n\f\r "&'/<=>`]/;
const valueSubset = /[\0"&'`]/g;
const valueSpecial = /[\0"&'`]/;

function escape(value: string, special: RegExp, subset: RegExp): string {
  return special.test(value) ? value.replace(subset, (c) => '&#x' + c.charCodeAt(0).toString(16).toUpperCase() + ';') : value;
}
