import { Inject, Injectable } from '@nestjs/common';
import type { EntityDefinition } from './entity-definition.js';

export const ENTITY_DEFINITIONS = Symbol('ENTITY_DEFINITIONS');

/** The kinds this app serves, looked up by kind. */
@Injectable()
export class DefinitionRegistry {
  private readonly byKind: Map<string, EntityDefinition>;

  constructor(@Inject(ENTITY_DEFINITIONS) readonly all: EntityDefinition[]) {
    this.byKind = new Map(all.map((definition) => [definition.kind, definition]));
  }

  get(kind: string): EntityDefinition {
    const definition = this.byKind.get(kind);
    if (!definition) throw new Error(`unknown entity kind ${kind}`);
    return definition;
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }
}
