import { Injectable, OnModuleInit } from '@nestjs/common';
import { TaskPrefills } from '../workflow/task-prefill';
import { defaultExpiry, majorDeadline } from './certification-dates';
import { stageOneLines } from './stage-one-checklist';

type Data = Record<string, any>;

/**
 * The first drafts of the certification audit's tasks (`meta.task.prefill`): the stage 1 checklist
 * from the catalogue and the organisation's records, stage 2 from its agreed dates, the findings
 * with the default deadline for majors (90 days after the last day held), and the certificate with
 * the scope and decision date and an expiry three years after issue.
 */
@Injectable()
export class CertificationPrefills implements OnModuleInit {
  constructor(private readonly prefills: TaskPrefills) {}

  onModuleInit(): void {
    this.prefills.provide('certification-stage-one', async (tx, org) => ({
      lines: await stageOneLines(tx, org),
      concerns: [],
    }));
    this.prefills.provide('certification-stage-two', async (_tx, _org, context) => {
      const schedule = (context.stageTwoSchedule ?? {}) as Data;
      return pick({ startDate: schedule.startDate, endDate: schedule.endDate });
    });
    this.prefills.provide('certification-findings', async (_tx, _org, context) => {
      const end = ((context.stageTwo ?? {}) as Data).endDate;
      return {
        ...pick({ stageTwoEndDate: end, majorDeadline: majorDeadline(end) }),
        nonconformities: [],
        opportunities: [],
      };
    });
    this.prefills.provide('certificate', async (_tx, _org, context) => {
      const decidedOn = ((context.decision ?? {}) as Data).decidedOn;
      return pick({
        scope: ((context.body ?? {}) as Data).scope,
        decidedOn,
        issuedOn: decidedOn,
        expiresOn: defaultExpiry(decidedOn),
      });
    });
  }
}

/** Drops the fields that have no value, so the form shows them empty. */
const pick = (data: Data): Data =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== null));
