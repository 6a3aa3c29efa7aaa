import { Injectable } from '@nestjs/common';
import type { EntityDefinition } from '../definition/entity-definition.js';
import { DefinitionRegistry } from '../definition/definition-registry.js';
import { buildKindStatements, type KindStatements } from './kind-statements.js';

/** Each served kind's generated statements (kind-statements.ts), built once at start. */
@Injectable()
export class StatementsByKind {
  private readonly statements = new Map<string, KindStatements>();

  constructor(definitions: DefinitionRegistry) {
    for (const definition of definitions.all) this.statements.set(definition.kind, buildKindStatements(definition));
  }

  of(definition: EntityDefinition): KindStatements {
    return this.statements.get(definition.kind)!;
  }
}
