/**
 * mammoth keeps <w:br w:type="page"/> but drops w:pageBreakBefore, the other explicit page break (set on a
 * paragraph or inherited from its style, typically "each chapter starts a new page"). Before mammoth reads
 * word/document.xml we turn each such paragraph's property into a page-break run at its start, so one walker
 * sees both kinds. Word ignores the property on the document's first paragraph, and so do we.
 *
 * Rendered breaks (w:lastRenderedPageBreak) are deliberately not used: they record where some program once
 * broke pages for some printer, and cited page numbers must not depend on that.
 */
const BREAK_RUN = '<w:r><w:br w:type="page"/></w:r>';
const OFF = /w:val="(?:false|0|off)"/;

interface StyleInfo {
  basedOn?: string;
  pageBreakBefore?: boolean;
}

const withoutTrackedChanges = (pPr: string) => pPr.replace(/<w:pPrChange\b[\s\S]*?<\/w:pPrChange>/g, '');
const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];

/** Paragraph property value: true/false when set, undefined when absent. Tracked changes are ignored. */
function pageBreakBeforeIn(pPr: string): boolean | undefined {
  const tag = /<w:pageBreakBefore\b[^>]*\/?>/.exec(withoutTrackedChanges(pPr))?.[0];
  return tag === undefined ? undefined : !OFF.test(tag);
}

/** Style ids whose paragraphs start a new page, following basedOn chains. */
export function stylesWithPageBreak(stylesXml: string | null): Set<string> {
  const styles = new Map<string, StyleInfo>();
  for (const match of (stylesXml ?? '').matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attr(match[1]!, 'w:styleId');
    if (!id) continue;
    const pPr = /<w:pPr\b[\s\S]*?<\/w:pPr>/.exec(match[2]!)?.[0] ?? '';
    styles.set(id, { basedOn: attr(/<w:basedOn\b[^>]*>/.exec(match[2]!)?.[0] ?? '', 'w:val'), pageBreakBefore: pageBreakBeforeIn(pPr) });
  }
  const result = new Set<string>();
  for (const id of styles.keys()) {
    // A cycle of basedOn references is malformed; the depth cap stops it.
    let style = styles.get(id);
    for (let depth = 0; style && depth < 20; depth++) {
      if (style.pageBreakBefore !== undefined) {
        if (style.pageBreakBefore) result.add(id);
        break;
      }
      style = style.basedOn ? styles.get(style.basedOn) : undefined;
    }
  }
  return result;
}

function startsNewPage(pPr: string, breakingStyles: Set<string>): boolean {
  const direct = pageBreakBeforeIn(pPr);
  if (direct !== undefined) return direct;
  const style = attr(/<w:pStyle\b[^>]*>/.exec(withoutTrackedChanges(pPr))?.[0] ?? '', 'w:val');
  return style !== undefined && breakingStyles.has(style);
}

/** Index just past the <w:pPr> element starting at `start`, counting the nested one inside <w:pPrChange>. */
function endOfPPr(xml: string, start: number): number {
  const openEnd = xml.indexOf('>', start);
  if (openEnd < 0) return -1;
  if (xml[openEnd - 1] === '/') return openEnd + 1;
  const tags = /<(\/?)w:pPr(?=[\s>/])[^>]*?(\/?)>/g;
  tags.lastIndex = openEnd + 1;
  let depth = 1;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[1]) {
      if (--depth === 0) return tags.lastIndex;
    } else if (!m[2]) depth++;
  }
  return -1;
}

/** Inserts an explicit page-break run right after the properties of every paragraph that starts a new page. */
export function materialisePageBreaks(documentXml: string, breakingStyles: Set<string>): string {
  if (!documentXml.includes('pageBreakBefore') && breakingStyles.size === 0) return documentXml;
  const out: string[] = [];
  let cursor = 0;
  let first = true;
  const paragraphs = /<w:p(?=[\s>/])[^>]*>/g; // <w:p> and <w:p w:rsidR=...>, not <w:pPr> or <w:pStyle>
  for (let m = paragraphs.exec(documentXml); m; m = paragraphs.exec(documentXml)) {
    const isFirst = first;
    first = false;
    if (m[0].endsWith('/>')) continue;
    const propsAt = m.index + m[0].length;
    if (isFirst || !/^<w:pPr[\s>/]/.test(documentXml.slice(propsAt, propsAt + 8))) continue;
    const end = endOfPPr(documentXml, propsAt);
    if (end < 0) continue;
    if (startsNewPage(documentXml.slice(propsAt, end), breakingStyles)) {
      out.push(documentXml.slice(cursor, end), BREAK_RUN);
      cursor = end;
    }
    paragraphs.lastIndex = end;
  }
  out.push(documentXml.slice(cursor));
  return out.join('');
}
