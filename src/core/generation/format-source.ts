/** The human-readable source line of a card: "Biology101.pdf - Page 3, Section 1.2". Missing parts are left out. */
export function formatSource(documentName: string, page: number | null, section: string | null): string {
  const location = [page === null ? null : `Page ${page}`, section ? `Section ${section}` : null].filter(Boolean).join(', ');
  return location ? `${documentName} - ${location}` : documentName;
}
