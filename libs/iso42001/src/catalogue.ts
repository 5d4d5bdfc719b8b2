/**
 * The ISO/IEC 42001:2023 catalogue the product ships: clause and Annex A control identifiers with
 * short titles only (the standard's text is copyrighted). Pure data, safe in browser and server.
 */
import catalogue from './catalogue.json';

export interface Clause {
  /** e.g. '6.1.2' */
  id: string;
  title: string;
  /** id of the enclosing clause, or null for a top-level clause (4–10) */
  parent: string | null;
}

export interface AnnexAControl {
  /** e.g. 'A.6.2.4' */
  id: string;
  title: string;
  /** the control family, e.g. 'A.6' */
  family: string;
  /** the sub-group inside a family where the standard has one, e.g. 'A.6.2' */
  group?: string;
}

export interface ControlFamily {
  /** e.g. 'A.7' */
  id: string;
  title: string;
  controls: readonly AnnexAControl[];
}

export interface RequiredDocumentedInformation {
  clause: string;
  what: string;
}

/** Clauses 4–10 and their sub-clauses, in document order. */
export const clauses: readonly Clause[] = catalogue.clauses;

/** The Annex A control families (A.2 … A.10), each with its controls. */
export const controlFamilies: readonly ControlFamily[] = catalogue.annexA.map((family) => ({
  id: family.id,
  title: family.title,
  controls: family.controls.map((control) => toControl(control, family.id)),
}));

/** All 38 Annex A controls, in document order. */
export const annexAControls: readonly AnnexAControl[] = controlFamilies.flatMap((family) => family.controls);

/** Annex C: potential AI-related organisational objectives (short names). */
export const annexCObjectives: readonly string[] = catalogue.annexC.objectives;

/** Annex C: potential sources of AI risk (short names). */
export const annexCRiskSources: readonly string[] = catalogue.annexC.riskSources;

/** The documented information the standard expects, keyed by clause. */
export const requiredDocumentedInformation: readonly RequiredDocumentedInformation[] =
  catalogue.requiredDocumentedInformation;

const controlsById = new Map(annexAControls.map((control) => [control.id, control]));
const clausesById = new Map(clauses.map((clause) => [clause.id, clause]));

/** The Annex A control with this id (e.g. 'A.6.2.4'), or undefined. */
export function findControl(id: string): AnnexAControl | undefined {
  return controlsById.get(id);
}

/** The clause with this id (e.g. '9.3.2'), or undefined. */
export function findClause(id: string): Clause | undefined {
  return clausesById.get(id);
}

/** True when `id` names one of the Annex A controls. */
export function isAnnexAControlId(id: string): boolean {
  return controlsById.has(id);
}

function toControl(control: { id: string; title: string; group?: string }, family: string): AnnexAControl {
  return control.group
    ? { id: control.id, title: control.title, family, group: control.group }
    : { id: control.id, title: control.title, family };
}
