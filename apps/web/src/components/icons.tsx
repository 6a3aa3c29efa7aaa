/** Stroke icons (24×24), drawn inline so the page needs no font or CDN. */
const PATHS: Record<string, string> = {
  field: 'M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4',
  filter: 'M3 5h18l-7 8v6l-4 2v-8L3 5z',
  metric: 'M18 5H6l6 7-6 7h12',
  time_range: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  color_palette: 'M12 3a9 9 0 0 0 0 18c1.1 0 1.5-.8 1.5-1.5 0-1.2-1-1.5-1-2.5s.8-1.5 2-1.5H17a4 4 0 0 0 4-4c0-4.7-4-8.5-9-8.5zM7.5 11.5h.01M10.5 7.5h.01M15.5 8.5h.01',
  dimension: 'M4 4v16h16M8 16V10M12 16V7M16 16v-4',
  column: 'M3 4h18v16H3zM9 4v16M15 4v16',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  layout: 'M3 3h18v18H3zM3 9h18M9 9v12',
  create: 'M12 5v14M5 12h14',
  update: 'M4 20h4L19 9l-4-4L4 16v4z',
  delete: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  restore: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5',
  baseline: 'M4 6h16M4 12h16M4 18h10',
  import: 'M12 3v12M7 10l5 5 5-5M4 21h16',
  pin: 'M9 4h6l-1 6 3 3H7l3-3-1-6zM12 13v8',
  compare: 'M8 3v18M16 3v18M3 8h5M16 16h5',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-4.3-4.3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  activity: 'M3 12h4l3 8 4-16 3 8h4',
  dashboard: 'M3 3h8v10H3zM13 3h8v6h-8zM13 11h8v10h-8zM3 15h8v6H3z',
  dataset: 'M12 3c5 0 8 1.3 8 3s-3 3-8 3-8-1.3-8-3 3-3 8-3zM4 6v12c0 1.7 3 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3 3 8 3s8-1.3 8-3',
  warning: 'M12 3l10 18H2L12 3zM12 10v5M12 18h.01',
  close: 'M6 6l12 12M18 6L6 18',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  back: 'M15 18l-6-6 6-6',
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false" class="icon">
      <path d={PATHS[name] ?? PATHS.field} />
    </svg>
  );
}
