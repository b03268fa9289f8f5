import { posix } from 'node:path';
import { CoreError } from '../../core/index.js';
import { attr, childrenNamed, parseXml, path, type XmlNode } from './office-xml.js';
import type { SafeZip } from './safe-zip.js';

/**
 * Where a presentation's slides are, in the order they are shown. PowerPoint keeps that order in
 * presentation.xml's sldIdLst, pointing through relationships to parts whose names (slide1.xml, slide2.xml)
 * say nothing about it: a deck whose slides were moved keeps its old file names. Speaker notes are found the
 * same way, through each slide's own relationships.
 */
export interface SlidePart {
  /** 1-based position in the shown order: the number PowerPoint shows (hidden slides keep theirs). */
  number: number;
  partName: string;
}

const SLIDE = /\/slide$/;
const NOTES = /\/notesSlide$/;

export const notPowerPoint = () =>
  new CoreError('unprocessable', 'This file is not a PowerPoint presentation: it has no slide list. Save it again as .pptx and upload it.');

/** The part a relationship points at, as a name inside the zip ("ppt/slides/slide3.xml"). */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromPart), target));
}

/** "ppt/slides/slide1.xml" -> "ppt/slides/_rels/slide1.xml.rels". */
const relsNameOf = (part: string) => `${posix.dirname(part)}/_rels/${posix.basename(part)}.rels`;

export interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

export async function readRelationships(zip: SafeZip, part: string): Promise<Map<string, Relationship>> {
  const name = relsNameOf(part);
  const map = new Map<string, Relationship>();
  if (!zip.has(name)) return map;
  const root = parseXml((await zip.read(name)).toString('utf8'));
  for (const rel of childrenNamed(root ?? undefined, 'Relationship')) {
    const id = attr(rel, 'Id');
    const target = attr(rel, 'Target');
    if (!id || !target) continue;
    const external = attr(rel, 'TargetMode') === 'External';
    map.set(id, { type: attr(rel, 'Type') ?? '', target: external ? target : resolveTarget(part, target), external });
  }
  return map;
}

export async function readXmlPart(zip: SafeZip, name: string): Promise<XmlNode | null> {
  return zip.has(name) ? parseXml((await zip.read(name)).toString('utf8')) : null;
}

const PRESENTATION = 'ppt/presentation.xml';

/** The relationships namespace's id (usually r:id, but the prefix is the file's choice); not the slide's own numeric id. */
const relationshipId = (node: XmlNode): string | undefined => {
  const key = Object.keys(node.attrs).find((k) => k.endsWith(':id'));
  return key === undefined ? undefined : node.attrs[key];
};

export async function slidesInShownOrder(zip: SafeZip): Promise<SlidePart[]> {
  const presentation = await readXmlPart(zip, PRESENTATION);
  if (!presentation) throw notPowerPoint();
  const rels = await readRelationships(zip, PRESENTATION);
  const ids = childrenNamed(path(presentation, 'sldIdLst'), 'sldId');
  const slides: SlidePart[] = [];
  for (const id of ids) {
    const rel = rels.get(relationshipId(id) ?? '');
    // A list entry pointing nowhere is dropped, as PowerPoint's repair does: the slides after it move up.
    if (rel && !rel.external && SLIDE.test(rel.type) && zip.has(rel.target))
      slides.push({ number: slides.length + 1, partName: rel.target });
  }
  return slides;
}

/** The notes part of a slide, if it has one. */
export async function notesPartOf(zip: SafeZip, slidePart: string): Promise<string | null> {
  for (const rel of (await readRelationships(zip, slidePart)).values()) {
    if (!rel.external && NOTES.test(rel.type) && zip.has(rel.target)) return rel.target;
  }
  return null;
}
