import type { RegisterDeclaration } from '@aimsflow/engine';
import aiSystems from './ai-systems.json';
import concerns from './concerns.json';
import correctiveActions from './corrective-actions.json';
import auditFindings from './audit-findings.json';
import auditProgrammes from './audit-programmes.json';
import audits from './audits.json';
import certificates from './certificates.json';
import certificationBodies from './certification-bodies.json';
import certificationFindings from './certification-findings.json';
import gaps from './gaps.json';
import impactAssessments from './impact-assessments.json';
import managementReviews from './management-reviews.json';
import measurements from './measurements.json';
import metrics from './metrics.json';
import incidents from './incidents.json';
import nonconformities from './nonconformities.json';
import objectives from './objectives.json';
import reviewActions from './review-actions.json';
import risks from './risks.json';
import surveillanceVisits from './surveillance-visits.json';
import soa from './soa.json';

/**
 * The registers the product ships, each one JSON file of data: its record fields, how it is listed,
 * and the projections that fill it from the processes. The server validates each against the
 * definitions and forms it names, at start and whenever one of those definitions is deployed.
 * When adding a register, list it here; a test checks this list against the folder.
 */
export const builtInRegisters: RegisterDeclaration[] = [
  soa,
  aiSystems,
  risks,
  impactAssessments,
  gaps,
  objectives,
  managementReviews,
  reviewActions,
  metrics,
  measurements,
  nonconformities,
  correctiveActions,
  incidents,
  concerns,
  auditProgrammes,
  audits,
  auditFindings,
  certificationBodies,
  certificationFindings,
  certificates,
  surveillanceVisits,
] as unknown as RegisterDeclaration[];
