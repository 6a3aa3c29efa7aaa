import { useState } from 'preact/hooks';
import { diffVersions, getVersion, listVersions, type VersionItem } from '../api/history';
import { Show, useLoad } from '../components/async';
import { ChangeList } from '../components/change-list';
import { asText, FieldName, FieldValue, isBlock } from '../components/field-value';
import { Icon } from '../components/icons';
import { operationText } from '../components/operation';
import { SideBySide } from '../components/side-by-side';
import { formatDate } from '../components/time';
import type { KindInfo } from '../kinds';
import { labelOf, useLabels } from '../labels';
import { href, navigate } from '../router';

/** Any two versions side by side: the changes in words, then field by field (JSON and SQL as line diffs). */
export function Compare({ info, id, query }: { info: KindInfo; id: string; query: URLSearchParams }) {
  useLabels();
  const versions = useLoad(() => listVersions(info.resource, id, { limit: 100 }).then((page) => page.items), [info.resource, id]);
  return (
    <Show loaded={versions}>
      {(items) => {
        const from = query.get('from') ?? items[1]?.versionId ?? items[0].versionId;
        const to = query.get('to') ?? items[0].versionId;
        const label = labelOf(id) ?? `${info.singular} ${id.slice(0, 8)}`;
        const pick = (side: 'from' | 'to', versionId: string) => navigate(href([info.resource, id, 'compare'], { from, to, [side]: versionId }));
        return (
          <section aria-labelledby="compare-title">
            <nav class="crumbs" aria-label="Breadcrumb">
              <a href={href([info.resource])}>{info.plural}</a> <span aria-hidden="true">/</span> <a href={href([info.resource, id])}>{label}</a> <span aria-hidden="true">/</span>{' '}
              <span aria-current="page">Compare</span>
            </nav>
            <div class="page-head">
              <h1 id="compare-title">
                <Icon name="compare" size={22} /> Compare versions
              </h1>
            </div>
            <div class="card compare-pickers">
              <VersionPicker label="From version" id="compare-from" items={items} value={from} onChange={(value) => pick('from', value)} />
              <span aria-hidden="true" class="arrow">
                →
              </span>
              <VersionPicker label="To version" id="compare-to" items={items} value={to} onChange={(value) => pick('to', value)} />
            </div>
            <Comparison info={info} id={id} from={from} to={to} />
          </section>
        );
      }}
    </Show>
  );
}

function VersionPicker({ label, id, items, value, onChange }: { label: string; id: string; items: VersionItem[]; value: string; onChange(value: string): void }) {
  return (
    <label class="picker" for={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {items.map((item) => (
          <option key={item.versionId} value={item.versionId}>
            v{item.version} · {item.actor.id} {operationText(item)} · {formatDate(item.createdAt)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Comparison({ info, id, from, to }: { info: KindInfo; id: string; from: string; to: string }) {
  const [showSame, setShowSame] = useState(false);
  const loaded = useLoad(
    () => Promise.all([getVersion(info.resource, id, from), getVersion(info.resource, id, to), diffVersions(info.resource, id, from, to)]).then(([before, after, diff]) => ({ before, after, diff })),
    [info.resource, id, from, to],
  );
  return (
    <Show loaded={loaded}>
      {({ before, after, diff }) => {
        const names = [...new Set([...Object.keys(before.state), ...Object.keys(after.state)])];
        const differs = (name: string) => asText(before.state[name] ?? null) !== asText(after.state[name] ?? null);
        const shown = names.filter((name) => showSame || differs(name));
        return (
          <>
            <div class="card">
              <h2 class="section-title">
                {diff.changes.length} change{diff.changes.length === 1 ? '' : 's'} from v{before.version} to v{after.version}
              </h2>
              <ChangeList changes={diff.changes} />
            </div>
            <div class="section-bar">
              <h2 class="section-title">Field by field</h2>
              <label class="check">
                <input type="checkbox" checked={showSame} onChange={(event) => setShowSame(event.currentTarget.checked)} /> Show unchanged fields
              </label>
            </div>
            {shown.length === 0 && <p class="muted">The two versions are the same.</p>}
            <div class="fields">
              {shown.map((name) => (
                <FieldComparison key={name} name={name} before={before.state[name]} after={after.state[name]} changed={differs(name)} fromVersion={before.version} toVersion={after.version} />
              ))}
            </div>
          </>
        );
      }}
    </Show>
  );
}

function FieldComparison({ name, before, after, changed, fromVersion, toVersion }: { name: string; before: unknown; after: unknown; changed: boolean; fromVersion: number; toVersion: number }) {
  const block = isBlock(before) || isBlock(after);
  return (
    <section class={`card field${changed ? ' field-changed' : ''}`} aria-label={`${name}${changed ? ', changed' : ', unchanged'}`}>
      <h3 class="field-name">
        <FieldName name={name} />
        {changed && <span class="badge badge-warn">changed</span>}
      </h3>
      {block && changed ? (
        <SideBySide json={typeof before === 'object' || typeof after === 'object'} before={before == null ? '' : asText(before)} after={after == null ? '' : asText(after)} label={`${name}, version ${fromVersion} on the left, ${toVersion} on the right`} />
      ) : (
        <div class="pair">
          <div class="pair-side">
            <span class="pair-label">v{fromVersion}</span>
            <FieldValue value={before} />
          </div>
          <div class="pair-side">
            <span class="pair-label">v{toVersion}</span>
            <FieldValue value={after} />
          </div>
        </div>
      )}
    </section>
  );
}
