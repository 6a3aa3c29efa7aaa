import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import type { Actor, CommandContext } from '#revisions/actor.js';
import { CreateEntityCommand } from '#revisions/commands/create-entity/create-entity.command.js';
import { SaveEntityCommand } from '#revisions/commands/save-entity/save-entity.command.js';
import { EntityNotFoundError } from '#revisions/errors.js';
import type { EntityView } from '#revisions/projections/entity-head.js';
import { GetEntityQuery } from '#revisions/queries/get-entity/get-entity.query.js';

/** Fixed namespace of the seeder's entity and command ids; changing it would seed everything anew. */
const SEEDER_NAMESPACE = '0c8f3d52-7a41-5e9b-8d26-4b1f9e7a3c10';

export const SEEDER_ACTOR_ID = 'system:seeder';

export type SeedStepName = 'create-dataset' | 'create-chart' | 'create-dashboard' | 'edit-dashboard' | 'edit-chart';

/** One step of the seed: the entity it targets and that entity's version after the step. */
export interface SeedStep {
  step: SeedStepName;
  kind: 'dataset' | 'chart' | 'dashboard';
  id: string;
  version: number;
  versionId: string;
  /** False when an earlier run already did this step, so this run appended nothing. */
  appended: boolean;
  /** The command id; the same on every run for this org and step. */
  commandId: string;
}

export interface SeedResult {
  org: string;
  datasetId: string;
  chartId: string;
  dashboardId: string;
  steps: SeedStep[];
}

/** The system actor the seeder writes as: an admin of `org`, recorded as `system:seeder` in history. */
export function seederActor(org: string): Actor {
  return { id: SEEDER_ACTOR_ID, org, roles: ['admin'] };
}

/** Fixed ids of the demo entities of `org` (UUID v5), so every run targets the same streams. */
export function demoEntityIds(org: string): { datasetId: string; chartId: string; dashboardId: string } {
  return {
    datasetId: uuidv5(`${org}/dataset/orders`, SEEDER_NAMESPACE),
    chartId: uuidv5(`${org}/chart/orders-by-country`, SEEDER_NAMESPACE),
    dashboardId: uuidv5(`${org}/dashboard/orders-overview`, SEEDER_NAMESPACE),
  };
}

/** Deterministic command id of one step for one org: a re-run's command is recognised as already done. */
export function seedCommandId(org: string, step: SeedStepName): string {
  return uuidv5(`${org}/command/${step}`, SEEDER_NAMESPACE);
}

/**
 * Seeds an org with demo content through the CQRS command bus only, as `system:seeder`:
 * a dataset, a chart on it, a dashboard showing the chart, then one edit of each of the latter two.
 * Idempotent: fixed entity ids and per-step command ids make a second run append nothing.
 */
@Injectable()
export class DemoContentSeeder {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async seed(org: string): Promise<SeedResult> {
    if (typeof org !== 'string' || org.trim() === '') throw new Error('seed: org must be a non-empty string');
    const ids = demoEntityIds(org);
    const correlationId = randomUUID();
    const context = (step: SeedStepName): CommandContext => ({ actor: seederActor(org), commandId: seedCommandId(org, step), correlationId });
    const steps: SeedStep[] = [];
    const record = (step: SeedStepName, kind: SeedStep['kind'], view: EntityView, appended: boolean, commandId: string) =>
      steps.push({ step, kind, id: view.id, version: view.version, versionId: view.versionId, appended, commandId });

    const create = async (step: SeedStepName, kind: SeedStep['kind'], id: string, input: Record<string, unknown>) => {
      const ctx = context(step);
      const { view, appended } = await this.createOnce(kind, id, input, ctx);
      record(step, kind, view, appended, ctx.commandId!);
    };
    // A repeated save command (or one whose edit is already in place) changes nothing and appends nothing.
    const edit = async (step: SeedStepName, kind: SeedStep['kind'], id: string, input: Record<string, unknown>) => {
      const ctx = context(step);
      const result = await this.commands.execute(new SaveEntityCommand(kind, id, input, 'partial', ctx));
      record(step, kind, result.entity, result.changed, ctx.commandId!);
    };

    await create('create-dataset', 'dataset', ids.datasetId, ordersDataset());
    await create('create-chart', 'chart', ids.chartId, ordersByCountryChart(ids.datasetId));
    await create('create-dashboard', 'dashboard', ids.dashboardId, ordersDashboard(ids.chartId));
    await edit('edit-dashboard', 'dashboard', ids.dashboardId, {
      title: 'Orders overview (demo)',
      metadata: { ...dashboardMetadata(ids.chartId), refresh_frequency: 300 },
    });
    await edit('edit-chart', 'chart', ids.chartId, { params: { ...chartParams(), time_range: 'Last year' } });

    return { org, ...ids, steps };
  }

  /**
   * Creates `id` unless an earlier run already did (read through the query bus, so the summary can
   * say what this run appended). Two seeders racing share command ids: the engine answers the
   * loser with the first result.
   */
  private async createOnce(kind: string, id: string, input: Record<string, unknown>, context: CommandContext): Promise<{ view: EntityView; appended: boolean }> {
    const existing = await this.queries.execute(new GetEntityQuery(kind, id, context.actor)).catch((error: unknown) => {
      if (error instanceof EntityNotFoundError) return undefined;
      throw error;
    });
    if (existing) return { view: existing, appended: false };
    return { view: await this.commands.execute(new CreateEntityCommand(kind, input, context, id)), appended: true };
  }
}

function ordersDataset(): Record<string, unknown> {
  return {
    tableName: 'orders',
    schema: 'public',
    database: 'examples',
    description: 'One row per customer order (demo data).',
    mainDttmCol: 'order_date',
    columns: [
      { columnName: 'order_id', type: 'BIGINT', verboseName: 'Order id', groupby: false, filterable: true },
      { columnName: 'order_date', type: 'TIMESTAMP', verboseName: 'Order date', isDttm: true, groupby: true, filterable: true },
      { columnName: 'country', type: 'VARCHAR(2)', verboseName: 'Country', groupby: true, filterable: true },
      { columnName: 'status', type: 'VARCHAR(20)', verboseName: 'Status', groupby: true, filterable: true },
      { columnName: 'amount', type: 'NUMERIC(12,2)', verboseName: 'Amount', groupby: false, filterable: true },
    ],
    metrics: [
      { metricName: 'count', expression: 'COUNT(*)', metricType: 'count', verboseName: 'Orders', d3format: ',d' },
      { metricName: 'revenue', expression: 'SUM(amount)', metricType: 'sum', verboseName: 'Revenue', d3format: ',.2f', currency: { symbol: 'EUR', symbolPosition: 'suffix' } },
      { metricName: 'avg_order_value', expression: 'AVG(amount)', metricType: 'avg', verboseName: 'Average order value', d3format: ',.2f' },
    ],
  };
}

function chartParams(): Record<string, unknown> {
  return {
    viz_type: 'echarts_timeseries_bar',
    metrics: ['revenue', 'count'],
    groupby: ['country'],
    time_range: 'Last quarter',
    granularity_sqla: 'order_date',
    adhoc_filters: [
      {
        clause: 'WHERE',
        expressionType: 'SIMPLE',
        subject: 'status',
        operator: '==',
        comparator: 'completed',
        filterOptionName: 'filter_status_completed',
      },
    ],
    color_scheme: 'supersetColors',
    row_limit: 1000,
  };
}

function ordersByCountryChart(datasetId: string): Record<string, unknown> {
  return {
    name: 'Revenue by country',
    vizType: 'echarts_timeseries_bar',
    datasetId,
    description: 'Completed orders: revenue and order count per country.',
    params: chartParams(),
  };
}

function dashboardMetadata(chartId: string): Record<string, unknown> {
  return {
    color_scheme: 'supersetColors',
    refresh_frequency: 0,
    native_filter_configuration: [],
    chart_configuration: {
      [chartId]: { id: chartId, crossFilters: { scope: 'global', chartsInScope: [] } },
    },
  };
}

function ordersDashboard(chartId: string): Record<string, unknown> {
  return {
    title: 'Orders overview',
    slug: 'orders-overview',
    description: 'Demo dashboard seeded by Rewind.',
    published: true,
    chartIds: [chartId],
    metadata: dashboardMetadata(chartId),
    layout: {
      ROOT_ID: { id: 'ROOT_ID', type: 'ROOT', children: ['GRID_ID'] },
      GRID_ID: { id: 'GRID_ID', type: 'GRID', children: ['ROW-orders'], parents: ['ROOT_ID'] },
      'ROW-orders': { id: 'ROW-orders', type: 'ROW', children: ['CHART-orders-by-country'], parents: ['ROOT_ID', 'GRID_ID'], meta: { background: 'BACKGROUND_TRANSPARENT' } },
      'CHART-orders-by-country': {
        id: 'CHART-orders-by-country',
        type: 'CHART',
        children: [],
        parents: ['ROOT_ID', 'GRID_ID', 'ROW-orders'],
        meta: { chartId, width: 12, height: 50, sliceName: 'Revenue by country' },
      },
    },
  };
}
