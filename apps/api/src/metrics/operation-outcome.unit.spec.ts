import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ImportBundleCommand } from '#bundles/commands/import-bundle/import-bundle.command.js';
import { PruneRevisionsCommand } from '#revisions/commands/prune-revisions/prune-revisions.command.js';
import { RestoreVersionCommand } from '#revisions/commands/restore-version/restore-version.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { EntityNotFoundError, PreconditionFailedError, UniqueValueTakenError, VersionConflictError } from '#revisions/errors.js';
import { failureOutcome, operationOf } from './operation-outcome.js';

const context = { actor: { id: 'ada', org: 'acme', roles: ['editor' as const] } };

describe('operation outcomes', () => {
  it('a save reads as merged, changed or unchanged from its result', () => {
    const save = operationOf(new SaveEntityCommand('chart', 'id', {}, 'partial', context))!;
    expect(save).toMatchObject({ operation: 'save', kind: 'chart' });
    expect(save.outcome({ changed: true, merged: true })).toBe('merged');
    expect(save.outcome({ changed: true, merged: false })).toBe('changed');
    expect(save.outcome({ changed: false, merged: false })).toBe('unchanged');
  });

  it('dry runs say so; an import is one operation of kind bundle', () => {
    expect(operationOf(new RestoreVersionCommand('chart', 'id', 'v', context, { dryRun: true }))!.outcome({ changed: false })).toBe('dry_run');
    const imported = operationOf(new ImportBundleCommand(Buffer.alloc(0), context))!;
    expect(imported).toMatchObject({ operation: 'import', kind: 'bundle' });
    expect(imported.outcome({ items: [{ action: 'unchanged' }, { action: 'update' }] })).toBe('changed');
    expect(imported.outcome({ items: [{ action: 'unchanged' }] })).toBe('unchanged');
  });

  it('maintenance commands are not operations', () => {
    expect(operationOf(new PruneRevisionsCommand())).toBeUndefined();
  });

  it('errors: lost races are conflicts, stale If-Match collisions precondition failures, other refusals rejected, the rest failed', () => {
    expect(failureOutcome(new VersionConflictError('chart', 'id'))).toBe('conflict');
    expect(failureOutcome(new PreconditionFailedError('stale', []))).toBe('precondition_failed');
    expect(failureOutcome(new UniqueValueTakenError('dashboard', 'slug'))).toBe('rejected');
    expect(failureOutcome(new EntityNotFoundError('chart', 'id'))).toBe('rejected');
    expect(failureOutcome(new BadRequestException('no'))).toBe('rejected');
    expect(failureOutcome(Object.assign(new Error('out of range'), { code: '22003' }))).toBe('rejected');
    expect(failureOutcome(new ServiceUnavailableException())).toBe('failed');
    expect(failureOutcome(new Error('boom'))).toBe('failed');
  });
});
