import { getMetadataStorage } from 'class-validator';
import type { CollectionSpec } from '#revisions/definition/collection-spec.js';
import type { EntityDefinition } from '#revisions/definition/entity-definition.js';
import type { FieldSpec } from '#revisions/definition/field-spec.js';
import { randomUUID } from 'node:crypto';
import type { Body, KindFixture } from './entity-fixtures.js';

/**
 * A kind's test fixture read off its definition and DTO, for kinds whose bodies need nothing
 * created first (no references): the test-only kinds. The three real kinds keep hand-written
 * fixtures that create the entities they reference.
 */
export function derivedFixture(definition: EntityDefinition): KindFixture {
  const own = Object.entries(definition.fields).filter(([name]) => name !== 'owners' && name !== 'tags');
  const texts = own.filter(([, spec]) => spec.type === 'text');
  const required = own.filter(([, spec]) => spec.required);
  const [requiredText] = texts.filter(([, spec]) => spec.required);
  const [optionalText] = texts.filter(([, spec]) => !spec.required);
  const [typed] = own.filter(([, spec]) => spec.type === 'integer' || spec.type === 'boolean');
  if (!requiredText || !optionalText || !typed) throw new Error(`${definition.kind}: a derived fixture needs a required and an optional text field and a number or flag`);
  const sampled = (entries: [string, FieldSpec][]) => Object.fromEntries(entries.map(([name, spec]) => [name, sample(name, spec)]));
  const collections = Object.fromEntries(Object.entries(definition.collections).map(([name, spec]) => [name, [item(spec, 1), item(spec, 2)]]));
  return {
    resource: definition.resource,
    kind: definition.kind,
    prepare: async () => ({
      create: { ...sampled(own.filter(([, spec]) => spec.type !== 'uuid')), ...collections },
      patch: { [requiredText[0]]: `${requiredText[0]} (renamed)` },
      put: { ...sampled(required), [requiredText[0]]: `${requiredText[0]} (replaced)` },
    }),
    patchField: requiredText[0],
    clearedByPut: { field: optionalText[0], value: optionalText[1].defaultValue },
    wrongType: { field: typed[0], value: typed[1].type === 'integer' ? 'many' : 'yes' },
    requiredField: requiredText[0],
    longString: { field: requiredText[0], maxLength: maxLengthOf(definition.dto, requiredText[0]) },
  };
}

function sample(name: string, spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'text':
      return `${name} ${randomUUID().slice(0, 8)}`;
    case 'integer':
      return 3;
    case 'boolean':
      return true;
    case 'json':
      return { theme: 'dark', [name]: 1 };
    case 'text[]':
      return [`${name}-a`];
    default:
      return null;
  }
}

function item(spec: CollectionSpec, n: number): Body | string {
  if (spec.idSet) throw new Error('a derived fixture cannot invent ids of other entities');
  return { [spec.key]: `${spec.key}-${n}`, ...Object.fromEntries(Object.entries(spec.itemFields).map(([name, field]) => [name, sample(name, field)])) };
}

/** The `@MaxLength` a DTO puts on a property. */
function maxLengthOf(dto: new () => object, property: string): number {
  const constraint = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .find((metadata) => metadata.propertyName === property && metadata.name === 'maxLength');
  if (!constraint) throw new Error(`${dto.name}.${property} has no @MaxLength`);
  return constraint.constraints[0] as number;
}
