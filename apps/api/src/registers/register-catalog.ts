import { Injectable, NotFoundException } from '@nestjs/common';
import { validateRegister, type RegisterDeclaration } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInRegisters, builtInWorkflows } from '@aimsflow/workflows';
import Ajv, { type ValidateFunction } from 'ajv';

/**
 * The declared registers. Today these are the built-in declarations (`workflows/registers/*.json`),
 * checked once against the built-in definitions and forms, so a broken declaration stops the start
 * with its reasons rather than failing later inside somebody's step.
 */
@Injectable()
export class RegisterCatalog {
  private readonly registers: ReadonlyMap<string, RegisterDeclaration>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  constructor() {
    const errors = builtInRegisters.flatMap((register) =>
      validateRegister(register, {
        machine: (key) => builtInWorkflows.find((w) => w.key === key)?.machine,
        formSchema: (key) =>
          builtInForms.find((f) => f.key === key)?.schema as Record<string, unknown> | undefined,
      }),
    );
    if (errors.length) throw new Error(`Built-in register declarations are invalid:\n${errors.join('\n')}`);
    this.registers = new Map(builtInRegisters.map((r) => [r.key, r]));
  }

  all(): RegisterDeclaration[] {
    return [...this.registers.values()];
  }

  find(key: string): RegisterDeclaration | undefined {
    return this.registers.get(key);
  }

  get(key: string): RegisterDeclaration {
    const register = this.registers.get(key);
    if (!register) throw new NotFoundException({ message: `There is no register ${JSON.stringify(key)}.` });
    return register;
  }

  /** The registers with a projection from this definition. */
  fedBy(definitionKey: string): RegisterDeclaration[] {
    return this.all().filter((r) => r.projections.some((p) => p.definition === definitionKey));
  }

  /** The reasons `data` is not a valid record of the register (empty when it is). */
  recordErrors(register: RegisterDeclaration, data: unknown): string[] {
    let validate = this.validators.get(register.key);
    if (!validate) {
      validate = this.ajv.compile(register.fields);
      this.validators.set(register.key, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}
