/**
 * The one place that touches the Office.js globals. The gateway takes an OfficeHost so tests can hand it a fake
 * host or office-addin-mock objects instead.
 */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  /** Office.context.document.url: the saved workbook's path or URL; null for a new one or when unknown. */
  documentUrl?(): string | null;
}

export function officeHost(): OfficeHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    documentUrl: () => Office.context.document?.url ?? null,
  };
}
