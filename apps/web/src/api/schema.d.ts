/**
 * Generated from the API's OpenAPI document (the one served at /docs-json; the page's paths) by
 * `npm run generate:api-types`. Do not edit; a test fails when it is out of date.
 */
export interface paths {
    "/api/v1/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChangeFeedController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChartsController_list"];
        put?: never;
        post: operations["ChartsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChartsController_get"];
        put: operations["ChartsController_put"];
        post?: never;
        delete: operations["ChartsController_remove"];
        options?: never;
        head?: never;
        patch: operations["ChartsController_patch"];
        trace?: never;
    };
    "/api/v1/charts/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChartsHistoryController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["ChartsHistoryController_purge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChartsHistoryController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}/versions/{versionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ChartsHistoryController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}/versions/{versionId}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["ChartsHistoryController_pin"];
        post?: never;
        delete: operations["ChartsHistoryController_unpin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/charts/{id}/versions/{versionId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ChartsHistoryController_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardsController_list"];
        put?: never;
        post: operations["DashboardsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardsController_get"];
        put: operations["DashboardsController_put"];
        post?: never;
        delete: operations["DashboardsController_remove"];
        options?: never;
        head?: never;
        patch: operations["DashboardsController_patch"];
        trace?: never;
    };
    "/api/v1/dashboards/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardsHistoryController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["DashboardsHistoryController_purge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardsHistoryController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}/versions/{versionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DashboardsHistoryController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}/versions/{versionId}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["DashboardsHistoryController_pin"];
        post?: never;
        delete: operations["DashboardsHistoryController_unpin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/{id}/versions/{versionId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DashboardsHistoryController_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DatasetsController_list"];
        put?: never;
        post: operations["DatasetsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DatasetsController_get"];
        put: operations["DatasetsController_put"];
        post?: never;
        delete: operations["DatasetsController_remove"];
        options?: never;
        head?: never;
        patch: operations["DatasetsController_patch"];
        trace?: never;
    };
    "/api/v1/datasets/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DatasetsHistoryController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}/purge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["DatasetsHistoryController_purge"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DatasetsHistoryController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}/versions/{versionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DatasetsHistoryController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}/versions/{versionId}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["DatasetsHistoryController_pin"];
        post?: never;
        delete: operations["DatasetsHistoryController_unpin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/datasets/{id}/versions/{versionId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DatasetsHistoryController_restore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Development only (generated dev secret): a token for any user, org and roles */
        post: operations["DevSignInController_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/trash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TrashController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Actor: {
            id: string;
        };
        ChangeFeedItem: {
            actor: components["schemas"]["Actor"];
            /** Format: uuid */
            entityId: string;
            entityKind: string;
            /** @description the Revision-Message of the write, or null */
            message: string | null;
            /** Format: date-time */
            recordedAt: string;
            version: number;
            /** Format: uuid */
            versionId: string;
        } & WithRequired<components["schemas"]["ChangeRecord"], "kind" | "op" | "path" | "from" | "to">;
        ChangeFeedPage: {
            items: components["schemas"]["ChangeFeedItem"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        ChangeRecord: {
            /** @description any JSON value; null when absent */
            from: unknown;
            /** @enum {string} */
            kind: "field" | "filter" | "metric" | "time_range" | "color_palette" | "dimension" | "column" | "chart" | "layout";
            /** @enum {string} */
            op: "add" | "remove" | "change";
            path: string[];
            /** @description any JSON value; null when absent */
            to: unknown;
        };
        Chart: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: uuid */
            id: string;
            owners: string[];
            tags: string[];
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            version: number;
            /** Format: uuid */
            versionId: string;
        } & components["schemas"]["ChartDto"];
        ChartDto: {
            cacheTimeout?: Record<string, never> | null;
            certificationDetails?: Record<string, never> | null;
            certifiedBy?: Record<string, never> | null;
            /**
             * Format: uuid
             * @description A live dataset of the same org.
             */
            datasetId?: Record<string, never> | null;
            description?: Record<string, never> | null;
            externalUrl?: Record<string, never> | null;
            /** @description Superset: managed by an external tool. */
            isManagedExternally?: boolean;
            name: string;
            /** @description User ids allowed to edit besides admins; the creator by default. */
            owners?: string[];
            /** @description metrics, adhoc_filters, groupby, time_range, color_scheme, … */
            params?: {
                [key: string]: unknown;
            };
            /** @description Derived query cache; never versioned. */
            queryContext?: {
                [key: string]: unknown;
            } | null;
            tags?: string[];
            /** @example echarts_timeseries_line */
            vizType: string;
        };
        ChartPage: {
            items: components["schemas"]["Chart"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        Dashboard: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: uuid */
            id: string;
            owners: string[];
            tags: string[];
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            version: number;
            /** Format: uuid */
            versionId: string;
        } & components["schemas"]["DashboardDto"];
        DashboardDto: {
            certificationDetails?: Record<string, never> | null;
            certifiedBy?: Record<string, never> | null;
            /** @description Charts of the same org shown on the dashboard. */
            chartIds?: string[];
            css?: Record<string, never> | null;
            description?: Record<string, never> | null;
            externalUrl?: Record<string, never> | null;
            /** @description Superset: managed by an external tool. */
            isManagedExternally?: boolean;
            /** @description Components keyed by id; CHART components name their chart in meta.chartId. */
            layout?: {
                [key: string]: unknown;
            };
            /** @description Filters, refresh frequency, color scheme, cross-filter config (refers to chart ids). */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description User ids allowed to edit besides admins; the creator by default. */
            owners?: string[];
            published?: boolean;
            /** @description Superset role names allowed to see the dashboard (DASHBOARD_RBAC). */
            roles?: string[];
            slug?: Record<string, never> | null;
            tags?: string[];
            /** @description Superset theme id. */
            themeId?: Record<string, never> | null;
            title: string;
        };
        DashboardPage: {
            items: components["schemas"]["Dashboard"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        Dataset: {
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: uuid */
            id: string;
            owners: string[];
            tags: string[];
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            version: number;
            /** Format: uuid */
            versionId: string;
        } & components["schemas"]["DatasetDto"];
        DatasetColumnDto: {
            advancedDataType?: Record<string, never> | null;
            /** @description Natural key within the dataset. */
            columnName: string;
            datetimeFormat?: Record<string, never> | null;
            description?: Record<string, never> | null;
            expression?: Record<string, never> | null;
            extra?: {
                [key: string]: unknown;
            } | null;
            filterable?: boolean;
            groupby?: boolean;
            isActive?: boolean;
            isDttm?: boolean;
            pythonDateFormat?: Record<string, never> | null;
            type?: Record<string, never> | null;
            /**
             * Format: uuid
             * @description Superset column uuid.
             */
            uuid?: Record<string, never> | null;
            verboseName?: Record<string, never> | null;
        };
        DatasetDto: {
            alwaysFilterMainDttm?: boolean;
            cacheTimeout?: Record<string, never> | null;
            catalog?: Record<string, never> | null;
            columns?: components["schemas"]["DatasetColumnDto"][];
            currencyCodeColumn?: Record<string, never> | null;
            database?: Record<string, never> | null;
            dataFile?: Record<string, never> | null;
            /** @description Superset `data`: URL of example data. */
            dataUrl?: Record<string, never> | null;
            defaultEndpoint?: Record<string, never> | null;
            description?: Record<string, never> | null;
            externalUrl?: Record<string, never> | null;
            extra?: {
                [key: string]: unknown;
            };
            fetchValuesPredicate?: Record<string, never> | null;
            filterSelectEnabled?: boolean;
            /** @description Superset folders of columns and metrics. */
            folders?: Record<string, never>[] | null;
            isManagedExternally?: boolean;
            mainDttmCol?: Record<string, never> | null;
            metrics?: components["schemas"]["DatasetMetricDto"][];
            normalizeColumns?: boolean;
            offset?: Record<string, never> | null;
            /** @description User ids allowed to edit besides admins; the creator by default. */
            owners?: string[];
            params?: {
                [key: string]: unknown;
            };
            schema?: Record<string, never> | null;
            sourceDbEngine?: Record<string, never> | null;
            sql?: Record<string, never> | null;
            tableName: string;
            tags?: string[];
            templateParams?: {
                [key: string]: unknown;
            } | null;
        };
        DatasetMetricDto: {
            currency?: {
                [key: string]: unknown;
            } | null;
            d3format?: Record<string, never> | null;
            description?: Record<string, never> | null;
            expression?: Record<string, never> | null;
            extra?: {
                [key: string]: unknown;
            } | null;
            /** @description Natural key within the dataset. */
            metricName: string;
            metricType?: Record<string, never> | null;
            /**
             * Format: uuid
             * @description Superset metric uuid.
             */
            uuid?: Record<string, never> | null;
            verboseName?: Record<string, never> | null;
            warningText?: Record<string, never> | null;
        };
        DatasetPage: {
            items: components["schemas"]["Dataset"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        DevToken: {
            /** @description a bearer token, valid 12 hours */
            token: string;
        };
        DevTokenRequest: {
            /** @example acme */
            org: string;
            /**
             * @example [
             *       "editor"
             *     ]
             */
            roles: ("viewer" | "editor" | "admin" | "guest" | "integration")[];
            /** @example alice */
            sub: string;
        };
        ErrorBody: {
            error: string;
            message: string | string[];
            statusCode: number;
        };
        Pin: {
            /** Format: date-time */
            at: string;
            by: string;
            label: string;
        };
        PinnedVersion: {
            pin: components["schemas"]["Pin"];
            version: number;
            /** Format: uuid */
            versionId: string;
        };
        PreconditionFailed: {
            /** @description dotted paths someone else changed since the If-Match version */
            conflicts: string[];
            /** @description the current state */
            current: {
                [key: string]: unknown;
            } | null;
        } & WithRequired<components["schemas"]["ErrorBody"], "statusCode" | "error" | "message">;
        RestorePreview: {
            changes: components["schemas"]["ChangeRecord"][];
            warnings: components["schemas"]["RestoreWarning"][];
        };
        RestoreWarning: {
            /** @enum {string} */
            code: "reference_dropped" | "reference_missing" | "still_in_use";
            ids: string[];
            message: string;
        };
        TrashItem: {
            /** Format: date-time */
            deletedAt: string;
            deletedBy: string;
            entityKind: string;
            /** Format: uuid */
            id: string;
            /** @description the entity's title, name or table name */
            label: string | null;
            /** @description the delete version: restoring any earlier one un-deletes */
            version: number;
        };
        TrashPage: {
            items: components["schemas"]["TrashItem"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        VersionDiff: {
            changes: components["schemas"]["ChangeRecord"][];
            from: components["schemas"]["VersionRef"];
            /** @description set when the changes were cut short by their size (1 MB): pass back as `cursor` for the rest */
            nextCursor: string | null;
            to: components["schemas"]["VersionRef"];
        };
        VersionItem: {
            actor: components["schemas"]["Actor"];
            changes: components["schemas"]["ChangeRecord"][];
            /** Format: date-time */
            createdAt: string;
            /** @description the Revision-Message of the write, or null */
            message: string | null;
            /** @description create, update, delete, restore, baseline (and import) */
            operation: string;
            /** @description null when not pinned */
            pin: components["schemas"]["Pin"] | null;
            restoredFrom?: components["schemas"]["VersionRef"];
            version: number;
            /** Format: uuid */
            versionId: string;
        };
        VersionPage: {
            items: components["schemas"]["VersionItem"][];
            /** @description pass back as `cursor`; null on the last page */
            nextCursor: string | null;
        };
        VersionRef: {
            version: number;
            /** Format: uuid */
            versionId: string;
        };
        VersionState: {
            actor: components["schemas"]["Actor"];
            changes: components["schemas"]["ChangeRecord"][];
            /** Format: date-time */
            createdAt: string;
            /** @description the Revision-Message of the write, or null */
            message: string | null;
            /** @description create, update, delete, restore, baseline (and import) */
            operation: string;
            /** @description null when not pinned */
            pin: components["schemas"]["Pin"] | null;
            restoredFrom?: components["schemas"]["VersionRef"];
            /** @description the entity's versioned state at this version, children included */
            state: {
                [key: string]: unknown;
            };
            version: number;
            /** Format: uuid */
            versionId: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ChangeFeedController_feed: {
        parameters: {
            query?: {
                /** @description only versions written by this user id */
                actor?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description only this entity (uuid) */
                entityId?: string;
                entityKind?: "dashboard" | "chart" | "dataset";
                /** @description change kind: field, filter, metric, time_range, color_palette, dimension, column, chart, layout */
                kind?: string;
                limit?: number;
                /** @description ISO 8601 timestamp */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeFeedPage"];
                };
            };
        };
    };
    ChartsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                limit?: number;
                /** @description only entities this user id owns */
                owner?: unknown;
                /** @description kinds with a published field only */
                published?: boolean;
                /** @description case-insensitive search in name */
                q?: unknown;
                /** @description only entities with this tag */
                tag?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChartPage"];
                };
            };
        };
    };
    ChartsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Chart"];
                };
            };
        };
    };
    ChartsController_get: {
        parameters: {
            query?: {
                /** @description ISO 8601 instant: the state as of then (404 before creation, 410 if pruned) */
                at?: string;
            };
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Chart"];
                };
            };
        };
    };
    ChartsController_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description The whole versioned state; absent fields take their defaults. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Chart"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    ChartsController_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    ChartsController_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Any subset of the fields; only those change. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChartDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Chart"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    ChartsHistoryController_diff: {
        parameters: {
            query: {
                /** @description the `nextCursor` of the previous answer, when its changes were cut short by their size */
                cursor?: string;
                /** @description versionId to compare from */
                from: string;
                /** @description versionId to compare to; the current version when absent */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionDiff"];
                };
            };
        };
    };
    ChartsHistoryController_purge: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ChartsHistoryController_versions: {
        parameters: {
            query?: {
                /** @description only versions written by this user id */
                actor?: unknown;
                /** @description ISO 8601 instant: only versions recorded before it */
                before?: unknown;
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                /** @description only versions with a change of this kind (time_range, filter, metric, …) */
                kind?: unknown;
                limit?: number;
                /** @description only versions with a change under this dot-separated path (params.time_range) */
                path?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
        };
    };
    ChartsHistoryController_version: {
        parameters: {
            query?: never;
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionState"];
                };
            };
        };
    };
    ChartsHistoryController_pin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinnedVersion"];
                };
            };
        };
    };
    ChartsHistoryController_unpin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ChartsHistoryController_restore: {
        parameters: {
            query?: {
                /** @description true: answer `{ changes, warnings }` and write nothing */
                dryRun?: boolean;
            };
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new state; with dryRun=true, a RestorePreview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Chart"] | components["schemas"]["RestorePreview"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DashboardsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                limit?: number;
                /** @description only entities this user id owns */
                owner?: unknown;
                /** @description kinds with a published field only */
                published?: boolean;
                /** @description case-insensitive search in title */
                q?: unknown;
                /** @description only entities with this tag */
                tag?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardPage"];
                };
            };
        };
    };
    DashboardsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
        };
    };
    DashboardsController_get: {
        parameters: {
            query?: {
                /** @description ISO 8601 instant: the state as of then (404 before creation, 410 if pruned) */
                at?: string;
            };
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
        };
    };
    DashboardsController_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description The whole versioned state; absent fields take their defaults. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DashboardsController_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DashboardsController_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Any subset of the fields; only those change. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DashboardsHistoryController_diff: {
        parameters: {
            query: {
                /** @description the `nextCursor` of the previous answer, when its changes were cut short by their size */
                cursor?: string;
                /** @description versionId to compare from */
                from: string;
                /** @description versionId to compare to; the current version when absent */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionDiff"];
                };
            };
        };
    };
    DashboardsHistoryController_purge: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsHistoryController_versions: {
        parameters: {
            query?: {
                /** @description only versions written by this user id */
                actor?: unknown;
                /** @description ISO 8601 instant: only versions recorded before it */
                before?: unknown;
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                /** @description only versions with a change of this kind (time_range, filter, metric, …) */
                kind?: unknown;
                limit?: number;
                /** @description only versions with a change under this dot-separated path (params.time_range) */
                path?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
        };
    };
    DashboardsHistoryController_version: {
        parameters: {
            query?: never;
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionState"];
                };
            };
        };
    };
    DashboardsHistoryController_pin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinnedVersion"];
                };
            };
        };
    };
    DashboardsHistoryController_unpin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsHistoryController_restore: {
        parameters: {
            query?: {
                /** @description true: answer `{ changes, warnings }` and write nothing */
                dryRun?: boolean;
            };
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new state; with dryRun=true, a RestorePreview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"] | components["schemas"]["RestorePreview"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DatasetsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                limit?: number;
                /** @description only entities this user id owns */
                owner?: unknown;
                /** @description kinds with a published field only */
                published?: boolean;
                /** @description case-insensitive search in tableName */
                q?: unknown;
                /** @description only entities with this tag */
                tag?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetPage"];
                };
            };
        };
    };
    DatasetsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
        };
    };
    DatasetsController_get: {
        parameters: {
            query?: {
                /** @description ISO 8601 instant: the state as of then (404 before creation, 410 if pruned) */
                at?: string;
            };
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
        };
    };
    DatasetsController_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description The whole versioned state; absent fields take their defaults. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DatasetsController_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DatasetsController_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Any subset of the fields; only those change. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DatasetsHistoryController_diff: {
        parameters: {
            query: {
                /** @description the `nextCursor` of the previous answer, when its changes were cut short by their size */
                cursor?: string;
                /** @description versionId to compare from */
                from: string;
                /** @description versionId to compare to; the current version when absent */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionDiff"];
                };
            };
        };
    };
    DatasetsHistoryController_purge: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DatasetsHistoryController_versions: {
        parameters: {
            query?: {
                /** @description only versions written by this user id */
                actor?: unknown;
                /** @description ISO 8601 instant: only versions recorded before it */
                before?: unknown;
                /** @description nextCursor of the previous page */
                cursor?: unknown;
                /** @description only versions with a change of this kind (time_range, filter, metric, …) */
                kind?: unknown;
                limit?: number;
                /** @description only versions with a change under this dot-separated path (params.time_range) */
                path?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
        };
    };
    DatasetsHistoryController_version: {
        parameters: {
            query?: never;
            header?: {
                /** @description "<versionId>" the client holds → 304 when still current */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionState"];
                };
            };
        };
    };
    DatasetsHistoryController_pin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinnedVersion"];
                };
            };
        };
    };
    DatasetsHistoryController_unpin: {
        parameters: {
            query?: never;
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DatasetsHistoryController_restore: {
        parameters: {
            query?: {
                /** @description true: answer `{ changes, warnings }` and write nothing */
                dryRun?: boolean;
            };
            header?: {
                /** @description A repeat with the same key returns the first result and appends nothing */
                "Idempotency-Key"?: string;
                /** @description "<versionId>" the edit is based on; stale and overlapping → 412, stale and disjoint → merged */
                "If-Match"?: string;
                /** @description Why this change was made (at most 500 characters, UTF-8); shown on the version */
                "Revision-Message"?: string;
            };
            path: {
                id: string;
                versionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new state; with dryRun=true, a RestorePreview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"] | components["schemas"]["RestorePreview"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description stale If-Match touching fields changed since */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreconditionFailed"];
                };
            };
        };
    };
    DevSignInController_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevTokenRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevToken"];
                };
            };
        };
    };
    TrashController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                entityKind?: "dashboard" | "chart" | "dataset";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrashPage"];
                };
            };
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
