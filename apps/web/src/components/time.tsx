const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

export function fromNow(iso: string, now = Date.now()): string {
  let amount = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return absolute.format(new Date(iso));
}

/** "5 minutes ago", with the exact time for hover and screen readers. */
export function Time({ iso }: { iso: string }) {
  const exact = absolute.format(new Date(iso));
  return (
    <time dateTime={iso} title={exact} aria-label={exact}>
      {fromNow(iso)}
    </time>
  );
}

export const formatDate = (iso: string) => absolute.format(new Date(iso));
